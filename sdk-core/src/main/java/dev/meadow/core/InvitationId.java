package dev.meadow.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of an invitation to a group: a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record InvitationId(@JsonValue String value) implements Comparable<InvitationId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code invitationId} if {@code value} is not a Meadow id
   */
  public InvitationId {
    Ulids.check("invitationId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code invitationId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static InvitationId of(String value) {
    return new InvitationId(value);
  }

  @Override
  public int compareTo(InvitationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
