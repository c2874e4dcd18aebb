package dev.meadow.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of a comment or reply: a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record CommentId(@JsonValue String value) implements Comparable<CommentId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code commentId} if {@code value} is not a Meadow id
   */
  public CommentId {
    Ulids.check("commentId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code commentId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static CommentId of(String value) {
    return new CommentId(value);
  }

  @Override
  public int compareTo(CommentId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
