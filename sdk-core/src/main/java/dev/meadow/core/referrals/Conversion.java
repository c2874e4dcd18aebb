package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.List;

/**
 * An order a referred customer placed: at most one per order id, with the fraud checks' decision.
 *
 * @param orderId the host's order
 * @param programId the program it converted under
 * @param code the link the customer came through
 * @param referrer who referred the buyer
 * @param buyer who bought
 * @param amount what the order cost
 * @param refunded how much of it was refunded so far, in the same currency
 * @param lines the order's lines, in the same currency
 * @param reasons why its rewards are held for review (see {@link FraudReason}); empty when
 *     nothing is suspect
 * @param createdAt when it was recorded
 * @param version 1 when recorded, one more at each refund
 */
public record Conversion(OrderId orderId, String programId, ShareCode code, UserId referrer, UserId buyer,
    Money amount, Money refunded, List<OrderLine> lines, List<String> reasons, Instant createdAt, long version) {
  public Conversion {
    requireNonNull(orderId, "orderId");
    requireNonNull(programId, "programId");
    requireNonNull(code, "code");
    requireNonNull(referrer, "referrer");
    requireNonNull(buyer, "buyer");
    requireNonNull(amount, "amount");
    requireNonNull(refunded, "refunded");
    requireNonNull(createdAt, "createdAt");
    lines = List.copyOf(lines);
    reasons = List.copyOf(reasons);
    sameCurrency(amount, refunded, "refunded");
    for (OrderLine line : lines) {
      sameCurrency(amount, line.amount(), "a line's amount");
    }
  }

  private static void sameCurrency(Money amount, Money other, String what) {
    if (!other.isIn(amount.currency())) {
      throw new IllegalArgumentException("a conversion's " + what + " is in " + other.currency()
          + ", not in the currency of its amount, " + amount.currency());
    }
  }

  /** Returns what is left of the order after refunds. */
  public Money kept() {
    return amount.minus(refunded);
  }
}
