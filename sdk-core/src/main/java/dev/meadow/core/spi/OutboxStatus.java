package dev.meadow.core.spi;

/** Where an outbox entry stands. */
public enum OutboxStatus {
  /** Waiting for delivery, possibly after failed attempts, possibly under a lease. */
  PENDING,
  /** Delivered; kept until purged. */
  DELIVERED,
  /** Given up on; kept as a dead letter until replayed or purged. */
  DEAD
}
