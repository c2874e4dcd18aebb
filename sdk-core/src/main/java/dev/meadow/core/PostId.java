package dev.meadow.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of a post: a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record PostId(@JsonValue String value) implements Comparable<PostId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code postId} if {@code value} is not a Meadow id
   */
  public PostId {
    Ulids.check("postId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code postId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static PostId of(String value) {
    return new PostId(value);
  }

  @Override
  public int compareTo(PostId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
