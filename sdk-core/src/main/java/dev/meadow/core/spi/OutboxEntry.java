package dev.meadow.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An outbox entry with its delivery state.
 *
 * @param message the event
 * @param status where delivery stands
 * @param attempts how many times the entry was claimed since it was appended or requeued
 * @param availableAt the earliest time the entry may be claimed again
 * @param leaseToken the token of the current claim, or {@code null} when not claimed
 * @param leaseUntil when the current claim lapses, or {@code null} when not claimed
 * @param lastError what the last failed attempt or the dead-lettering said, or {@code null}
 */
public record OutboxEntry(
    OutboxMessage message,
    OutboxStatus status,
    int attempts,
    Instant availableAt,
    @Nullable String leaseToken,
    @Nullable Instant leaseUntil,
    @Nullable String lastError) {
  public OutboxEntry {
    requireNonNull(message, "message");
    requireNonNull(status, "status");
    requireNonNull(availableAt, "availableAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
  }
}
