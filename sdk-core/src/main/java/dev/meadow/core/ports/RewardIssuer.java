package dev.meadow.core.ports;

import dev.meadow.core.referrals.RewardPayment;

/**
 * Host integration port: pays referral rewards out (store credit, a coupon, cash) and takes them
 * back after refunds. Meadow never moves money itself.
 *
 * <p>Each call carries an idempotency key. Meadow retries a call whose outcome it did not learn
 * (the call threw, or the process stopped) with the same key, so the host must treat a key it
 * has completed as done and not pay or take back twice; that is what makes a retry safe. A retry
 * always carries the same amount as the first call with its key (Meadow records the amount before
 * calling), so a host may also refuse a known key with another amount as an error.
 *
 * <p>Called outside any Meadow transaction, from the thread running
 * {@code Referrals.runPending()}; it may do I/O, and must be thread-safe. A call that throws is
 * retried by a later run.
 */
public interface RewardIssuer {
  /** Pays {@code payment.amount()} to {@code payment.beneficiary()}, once per idempotency key. */
  void issue(RewardPayment payment);

  /** Takes {@code payment.amount()} back from {@code payment.beneficiary()}, once per idempotency key. */
  void clawBack(RewardPayment payment);
}
