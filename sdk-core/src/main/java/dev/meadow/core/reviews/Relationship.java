package dev.meadow.core.reviews;

/** How the reviewer is tied to the seller. */
public enum Relationship {
  /** Not at all: an independent shopper. */
  NONE,
  /** Works for the seller. */
  EMPLOYEE,
  /** Is the seller. */
  SELLER,
  /** Is family of the seller. */
  FAMILY,
  /** Earns from the seller's sales. */
  AFFILIATE
}
