/**
 * Purchase verification over HTTP: {@link dev.meadow.trust.http.HttpPurchaseVerifier}, built with
 * {@code HttpPurchaseVerifier.builder(urlTemplate)} and handed to
 * {@code Meadow.builder().purchases(…)}, implements core's
 * {@link dev.meadow.core.ports.PurchaseVerifier} by asking the shop's order service at a URL
 * template with {@code {user}}, {@code {product}} and {@code {order}} placeholders, with an
 * authorisation header, timeouts, and retries with backoff and jitter; a service that is down or
 * answers outside the JSON contract is an {@link dev.meadow.core.IntegrationException}, so the
 * review is not stored.
 */
@NullMarked
package dev.meadow.trust.http;

import org.jspecify.annotations.NullMarked;
