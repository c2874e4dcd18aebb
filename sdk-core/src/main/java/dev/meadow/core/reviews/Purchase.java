package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import java.time.Instant;

/**
 * A purchase as the host's {@link dev.meadow.core.ports.PurchaseVerifier} reports it.
 *
 * @param orderId the order
 * @param productId the product bought
 * @param purchasedAt when it was ordered
 * @param state how far it got
 */
public record Purchase(OrderId orderId, ProductId productId, Instant purchasedAt, PurchaseState state) {
  public Purchase {
    requireNonNull(orderId, "orderId");
    requireNonNull(productId, "productId");
    requireNonNull(purchasedAt, "purchasedAt");
    requireNonNull(state, "state");
  }
}
