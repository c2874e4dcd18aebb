package dev.meadow.webhooks.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What becomes of a delivery whose claim lapsed without an outcome, as a
 * {@linkplain WebhookStore#claimDeliveries claim} finds it: due again at {@code retryAt}, or a dead
 * letter with {@code deadReason}. Exactly one of the two is set.
 *
 * @param retryAt when the delivery is due again, after the claim's time
 * @param deadReason why the delivery becomes a dead letter, its last error
 */
public record LapsedClaim(@Nullable Instant retryAt, @Nullable String deadReason) {
  /**
   * Checks that exactly one of the two is set.
   *
   * @throws IllegalArgumentException if both or neither are
   */
  public LapsedClaim {
    if ((retryAt == null) == (deadReason == null)) {
      throw new IllegalArgumentException("exactly one of retryAt and deadReason is set");
    }
  }

  /** Returns the decision to make the delivery due again at {@code retryAt}. */
  public static LapsedClaim retryAt(Instant retryAt) {
    return new LapsedClaim(requireNonNull(retryAt, "retryAt"), null);
  }

  /** Returns the decision to make the delivery a dead letter, with {@code reason} as its last error. */
  public static LapsedClaim dead(String reason) {
    return new LapsedClaim(null, requireNonNull(reason, "reason"));
  }

  /**
   * Decides what becomes of a lapsed claim: given to every {@link WebhookStore#claimDeliveries}, which
   * calls it once for each delivery it finds under a lease that lapsed, inside its transaction.
   */
  @FunctionalInterface
  public interface Policy {
    /**
     * Returns what becomes of {@code lapsed}.
     *
     * @param lapsed the delivery as the lapse leaves it counted ({@link WebhookDelivery#lapse()}):
     *     its sent attempts and lapsed claims, and the lease that lapsed
     * @param now the time of the claim that found it
     */
    LapsedClaim decide(WebhookDelivery lapsed, Instant now);
  }

  /**
   * Asks {@code policy} about {@code lapsed} and checks the answer, as every store does before it
   * applies it.
   *
   * @throws IllegalStateException if the policy answered null, or a retry time not after {@code now}
   */
  public static LapsedClaim decide(Policy policy, WebhookDelivery lapsed, Instant now) {
    LapsedClaim decision = policy.decide(lapsed, now);
    if (decision == null) {
      throw new IllegalStateException("the lapsed-claim policy answered null");
    }
    if (decision.retryAt != null && !decision.retryAt.isAfter(now)) {
      throw new IllegalStateException("a lapsed claim is due again after the claim, at " + decision.retryAt
          + ", not after " + now);
    }
    return decision;
  }
}
