package dev.meadow.core.reviews;

/** What the reviewer got for writing, if anything. */
public enum Incentive {
  /** Nothing. */
  NONE,
  /** The product, free. */
  FREE_PRODUCT,
  /** A discount. */
  DISCOUNT,
  /** Loyalty points. */
  POINTS,
  /** A referral reward. */
  REFERRAL_REWARD,
  /** Something else of value. */
  OTHER
}
