/**
 * Host ports: the small interfaces the shop implements so Meadow can ask what only the shop
 * knows. {@link dev.meadow.core.ports.PurchaseVerifier} (did this user buy this product?),
 * {@link dev.meadow.core.ports.StoreStaff} (who works for which store?),
 * {@link dev.meadow.core.ports.Fingerprints} (which users share a device or payment method?) and
 * {@link dev.meadow.core.ports.RewardIssuer} (pay or claw back a referral reward). Each is set
 * on {@code Meadow.builder()}; each has a {@code NONE} default or is optional. Meadow calls them
 * outside its transactions.
 */
@NullMarked
package dev.meadow.core.ports;

import org.jspecify.annotations.NullMarked;
