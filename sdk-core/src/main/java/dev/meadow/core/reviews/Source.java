package dev.meadow.core.reviews;

/** Where a review came from. */
public enum Source {
  /** Written by a shopper on the shop, unprompted. */
  ORGANIC,
  /** Written after the shop invited the shopper, for example by e-mail after delivery. */
  INVITED,
  /** Imported from an earlier system; never verified. */
  IMPORTED,
  /** Shown from another site that shares reviews; never verified. */
  SYNDICATED
}
