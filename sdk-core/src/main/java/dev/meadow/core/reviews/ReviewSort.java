package dev.meadow.core.reviews;

/** The orders a review listing can take; every order breaks ties by newest first. */
public enum ReviewSort {
  /** By the Wilson lower bound of the share of helpful votes, highest first. */
  MOST_HELPFUL,
  /** Newest first. */
  NEWEST,
  /** Highest rating first. */
  HIGHEST,
  /** Lowest rating first. */
  LOWEST
}
