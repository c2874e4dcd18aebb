package dev.meadow.core.reviews;

/** How far a purchase got, as the host reports it. */
public enum PurchaseState {
  /** Ordered, not paid yet. */
  ORDERED,
  /** Paid. */
  PAID,
  /** Delivered. */
  DELIVERED,
  /** Refunded or returned. */
  REFUNDED
}
