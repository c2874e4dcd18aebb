package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ProductId;
import dev.meadow.core.ValidationException;

/**
 * One line of an order the host reports.
 *
 * @param productId the product bought
 * @param quantity how many, 1 to 10,000
 * @param amount what the line cost
 */
public record OrderLine(ProductId productId, int quantity, Money amount) {
  /** The largest quantity of one line. */
  public static final int MAX_QUANTITY = 10_000;

  /**
   * Checks the line.
   *
   * @throws ValidationException naming {@code quantity}
   */
  public OrderLine {
    requireNonNull(productId, "productId");
    requireNonNull(amount, "amount");
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw ValidationException.of("quantity", "out_of_range", "must be 1 to " + MAX_QUANTITY + ", was " + quantity);
    }
  }

  /** Returns a line of {@code quantity} of a product costing {@code amount} in all. */
  public static OrderLine of(ProductId productId, int quantity, Money amount) {
    return new OrderLine(productId, quantity, amount);
  }
}
