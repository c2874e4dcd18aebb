package dev.meadow.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of a group (interest group or store station): a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record GroupId(@JsonValue String value) implements Comparable<GroupId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code groupId} if {@code value} is not a Meadow id
   */
  public GroupId {
    Ulids.check("groupId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code groupId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static GroupId of(String value) {
    return new GroupId(value);
  }

  @Override
  public int compareTo(GroupId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
