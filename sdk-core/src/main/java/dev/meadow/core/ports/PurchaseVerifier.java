package dev.meadow.core.ports;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.Purchase;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Host integration port: what the shop knows of a user's purchase of a product. Meadow asks when
 * a review is submitted and records the answer as the review's verification evidence.
 *
 * <p>Called outside any Meadow transaction, from the thread calling Meadow; it may do I/O, and
 * must be thread-safe.
 */
@FunctionalInterface
public interface PurchaseVerifier {
  /** Knows of no purchases: the default until the host sets its own; nothing is verified. */
  PurchaseVerifier NONE = (user, product, order) -> Optional.empty();

  /**
   * Returns the user's purchase of the product: in {@code order} when one is given, otherwise the
   * one the host thinks best (typically the latest delivered one).
   */
  Optional<Purchase> findPurchase(UserId user, ProductId product, @Nullable OrderId order);
}
