package dev.meadow.core.spi;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import java.time.Instant;

/**
 * An event as the outbox stores it.
 *
 * @param id the event's id; unique in the outbox
 * @param type the event's stable type, such as {@code group.member_joined}
 * @param schemaVersion the version of the type's JSON schema, from 1
 * @param occurredAt when the change happened
 * @param payload the event's stable JSON
 */
public record OutboxMessage(EventId id, String type, int schemaVersion, Instant occurredAt, String payload) {
  public OutboxMessage {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(occurredAt, "occurredAt");
    requireNonNull(payload, "payload");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1, was " + schemaVersion);
    }
  }
}
