package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the reward ledger: what one beneficiary earned from one order.
 *
 * @param id Meadow's id, also the root of the idempotency keys given to the host's issuer
 * @param orderId the order that earned it
 * @param programId the program it was earned under
 * @param beneficiary who gets it
 * @param role why they get it
 * @param amount what was earned
 * @param reversed how much of it refunds took back, up to {@code amount}
 * @param paid how much the host's issuer paid out; while {@link RewardState#ISSUING}, how much it
 *     is being asked to pay
 * @param clawedBack how much of what was paid the host's issuer took back
 * @param clawing how much the host's issuer is being asked to take back now, claimed before the
 *     call so that a retry repeats the same amount under the same key; more than zero only while
 *     {@link RewardState#CLAWBACK}, and zero once Meadow has heard the clawback succeed
 * @param state where it stands
 * @param reasons why it was held, rejected or reversed; empty otherwise
 * @param createdAt when it was earned
 * @param approveAt when its approval hold ends
 * @param updatedAt when it last changed
 * @param version 1 when earned, one more at each change
 */
public record Reward(RewardId id, OrderId orderId, String programId, UserId beneficiary, RewardRole role,
    Money amount, long reversed, long paid, long clawedBack, long clawing, RewardState state, List<String> reasons,
    Instant createdAt, Instant approveAt, Instant updatedAt, long version) {
  public Reward {
    requireNonNull(id, "id");
    requireNonNull(orderId, "orderId");
    requireNonNull(programId, "programId");
    requireNonNull(beneficiary, "beneficiary");
    requireNonNull(role, "role");
    requireNonNull(amount, "amount");
    requireNonNull(state, "state");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(approveAt, "approveAt");
    requireNonNull(updatedAt, "updatedAt");
    reasons = List.copyOf(reasons);
    if (reversed < 0 || reversed > amount.minor() || paid < 0 || clawedBack < 0 || clawing < 0
        || clawedBack > paid - clawing) {
      throw new IllegalArgumentException("a reward's reversed, paid and clawed-back amounts are inconsistent");
    }
    if (clawing > 0 && state != RewardState.CLAWBACK) {
      throw new IllegalArgumentException("only a reward in CLAWBACK has a clawback in flight, not one in " + state);
    }
  }

  /** Returns what the beneficiary is owed after refunds. */
  public Money owed() {
    return new Money(amount.minor() - reversed, amount.currency());
  }

  /** Returns what the beneficiary holds now: what was paid, less what was clawed back. */
  public Money held() {
    return new Money(paid - clawedBack, amount.currency());
  }

  /** Returns whether a clawback of this reward is in flight: claimed, and not yet heard to succeed. */
  public boolean isClawing() {
    return clawing > 0;
  }

  /** Returns the next version of this reward, in {@code state}, changed at {@code at}, its amounts unchanged. */
  public Reward to(RewardState state, Instant at) {
    return with(state, reversed, paid, clawedBack, clawing, reasons, at);
  }

  /**
   * Returns the next version of this reward, in {@code state}, changed at {@code at}, with the
   * clawback in flight (if any) unchanged.
   */
  public Reward with(RewardState state, long reversed, long paid, long clawedBack, List<String> reasons, Instant at) {
    return with(state, reversed, paid, clawedBack, clawing, reasons, at);
  }

  /** Returns the next version of this reward, in {@code state}, changed at {@code at}. */
  public Reward with(RewardState state, long reversed, long paid, long clawedBack, long clawing, List<String> reasons,
      Instant at) {
    return new Reward(id, orderId, programId, beneficiary, role, amount, reversed, paid, clawedBack, clawing, state,
        reasons, createdAt, approveAt, at, version + 1);
  }
}
