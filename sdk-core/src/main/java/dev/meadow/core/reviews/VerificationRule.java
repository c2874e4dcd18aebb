package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ProductId;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a review counts as a verified purchase: the host reports a purchase of the same product,
 * at least at {@code minimumState}, not refunded (unless allowed), made at most {@code window}
 * before the review. Imported and syndicated reviews are never verified, whatever the rule.
 *
 * @param minimumState how far the purchase must have got: {@link PurchaseState#ORDERED},
 *     {@link PurchaseState#PAID} or {@link PurchaseState#DELIVERED}
 * @param allowRefunded whether a refunded purchase still verifies
 * @param window the longest time from purchase to review, or {@code null} for no limit
 */
public record VerificationRule(PurchaseState minimumState, boolean allowRefunded, @Nullable Duration window) {
  /**
   * Checks the rule.
   *
   * @throws IllegalArgumentException if the minimum state is {@link PurchaseState#REFUNDED} or
   *     the window is not positive
   */
  public VerificationRule {
    requireNonNull(minimumState, "minimumState");
    if (minimumState == PurchaseState.REFUNDED) {
      throw new IllegalArgumentException("the minimum state is ORDERED, PAID or DELIVERED");
    }
    if (window != null && (window.isNegative() || window.isZero())) {
      throw new IllegalArgumentException("the window must be positive, was " + window);
    }
  }

  /** Returns the default: delivered, not refunded, within 365 days. */
  public static VerificationRule defaults() {
    return new VerificationRule(PurchaseState.DELIVERED, false, Duration.ofDays(365));
  }

  /** Returns the verdict of this rule on what the host reported, checked at {@code now}. */
  public Verification check(@Nullable Purchase purchase, ProductId product, Instant now) {
    String reason = null;
    if (purchase == null) {
      reason = "no purchase of the product was found";
    } else if (!purchase.productId().equals(product)) {
      reason = "the purchase is of another product";
    } else if (purchase.state() == PurchaseState.REFUNDED && !allowRefunded) {
      reason = "the purchase was refunded";
    } else if (purchase.state() != PurchaseState.REFUNDED && purchase.state().ordinal() < minimumState.ordinal()) {
      reason = "the purchase is " + purchase.state() + ", not yet " + minimumState;
    } else if (window != null && purchase.purchasedAt().plus(window).isBefore(now)) {
      reason = "the purchase is older than " + window.toDays() + " days";
    } else if (purchase.purchasedAt().isAfter(now)) {
      reason = "the purchase is dated in the future";
    }
    return new Verification(purchase, now, reason == null, reason);
  }
}
