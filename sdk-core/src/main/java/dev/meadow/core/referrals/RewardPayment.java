package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;

/**
 * A payment or clawback Meadow asks the host's {@code RewardIssuer} to make.
 *
 * <p>Meadow records the amount before it asks, so every retry of a payment or clawback repeats
 * both its key and its amount: one key never comes with two amounts. A refund that changes what
 * must be taken back while a clawback is in flight does not change that clawback; once it is
 * settled, the difference is a new clawback with a new key.
 *
 * @param idempotencyKey the same for every retry of this payment, different for every other
 * @param rewardId the reward it is for
 * @param orderId the order that earned the reward
 * @param beneficiary who is paid, or from whom it is taken back
 * @param role why they earned it
 * @param amount how much, more than zero
 */
public record RewardPayment(String idempotencyKey, RewardId rewardId, OrderId orderId, UserId beneficiary,
    RewardRole role, Money amount) {
  public RewardPayment {
    requireNonNull(idempotencyKey, "idempotencyKey");
    requireNonNull(rewardId, "rewardId");
    requireNonNull(orderId, "orderId");
    requireNonNull(beneficiary, "beneficiary");
    requireNonNull(role, "role");
    requireNonNull(amount, "amount");
  }
}
