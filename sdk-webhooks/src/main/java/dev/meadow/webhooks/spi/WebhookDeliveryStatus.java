package dev.meadow.webhooks.spi;

/** Where the delivery of one event to one webhook endpoint stands. */
public enum WebhookDeliveryStatus {
  /** Waiting for its next attempt, possibly after failed ones, possibly under a lease. */
  PENDING,
  /** The endpoint acknowledged the event; kept until purged. */
  DELIVERED,
  /** Given up on; kept as a dead letter until replayed. */
  DEAD
}
