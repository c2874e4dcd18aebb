package dev.meadow.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of an event Meadow emitted; the same on every delivery of that event: a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record EventId(@JsonValue String value) implements Comparable<EventId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code eventId} if {@code value} is not a Meadow id
   */
  public EventId {
    Ulids.check("eventId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code eventId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static EventId of(String value) {
    return new EventId(value);
  }

  @Override
  public int compareTo(EventId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
