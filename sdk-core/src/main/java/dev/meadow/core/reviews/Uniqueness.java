package dev.meadow.core.reviews;

/** How many reviews a user may write of a product. */
public enum Uniqueness {
  /** One per user and product. */
  PER_PRODUCT,
  /** One per user, product and order: a product bought twice may be reviewed twice. */
  PER_ORDER_LINE
}
