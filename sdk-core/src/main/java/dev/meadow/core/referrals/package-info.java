/**
 * Referrals: share links for products, groups, posts, stores and reviews, click capture,
 * first- or last-touch attribution, idempotent conversions per order, a reward ledger (pending,
 * approved, issued, reversed) and fraud checks, with referral depth capped at two levels. The
 * entry point is {@link dev.meadow.core.referrals.Referrals}, from {@code Meadow.referrals()}.
 */
@NullMarked
package dev.meadow.core.referrals;

import org.jspecify.annotations.NullMarked;
