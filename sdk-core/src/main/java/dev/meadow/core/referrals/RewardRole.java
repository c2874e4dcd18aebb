package dev.meadow.core.referrals;

/** Whom a reward is for; one reward per order and role at most. */
public enum RewardRole {
  /** The user whose link brought the buyer. */
  REFERRER,
  /** The referred friend, the buyer. */
  FRIEND,
  /** The referrer's own referrer, in programs of depth 2. */
  SECOND_LEVEL
}
