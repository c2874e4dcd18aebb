package dev.meadow.trust;

/** How much a badge is worth, as Discourse tiers badges. */
public enum Tier {
  /** The first steps. */
  BRONZE,
  /** Sustained contribution. */
  SILVER,
  /** The best of the community. */
  GOLD
}
