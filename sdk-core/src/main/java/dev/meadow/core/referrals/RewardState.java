package dev.meadow.core.referrals;

/** Where a reward stands in the ledger. */
public enum RewardState {
  /** Earned, waiting for the program's approval hold (such as the return window) to pass. */
  PENDING,
  /** Flagged by a fraud check: waiting for a person to release or reject it. */
  HELD,
  /** Approved, waiting to be issued through the host's {@code RewardIssuer}. */
  APPROVED,
  /** Being issued: Meadow asked the host's issuer and has not yet heard it succeed. */
  ISSUING,
  /** Paid out by the host. */
  ISSUED,
  /** Paid out, and part or all of it must be clawed back after a refund. */
  CLAWBACK,
  /** Cancelled by a refund, and clawed back if it had been paid. */
  REVERSED,
  /** Refused by a person after a fraud check held it. */
  REJECTED
}
