package dev.meadow.trust;

/**
 * What a reputation is made of: each a share from 0 to 1 with the number of observations behind
 * it, smoothed towards the shop's prior by {@link ReputationWeights}. The first three make a user's
 * reputation, the others a store's.
 */
public enum ReputationSignal {
  /** A user's helpful votes out of all votes on their published reviews. */
  HELPFUL_VOTES(false),
  /** A user's published reviews of a verified purchase, out of their published reviews. */
  VERIFIED_REVIEWS(false),
  /**
   * A user's reviews, posts and comments not rejected or removed by a moderator, out of all of them
   * (an upheld report is a rejection).
   */
  GOOD_STANDING(false),
  /** A store's mean published rating, as (mean - 1) / 4, over its published reviews. */
  STORE_RATING(true),
  /** A store's published reviews of a verified purchase, out of its published reviews. */
  STORE_VERIFIED_REVIEWS(true),
  /** A store's published reviews with a merchant reply, out of its published reviews. */
  STORE_REPLIES(true),
  /** A store's reviews without an upheld report, out of its published reviews and those rejected on reports. */
  STORE_GOOD_STANDING(true);

  private final boolean ofStore;

  ReputationSignal(boolean ofStore) {
    this.ofStore = ofStore;
  }

  /** Returns whether it is part of a store's reputation, rather than a user's. */
  public boolean ofStore() {
    return ofStore;
  }
}
