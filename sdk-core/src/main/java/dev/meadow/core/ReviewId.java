package dev.meadow.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of a review: a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record ReviewId(@JsonValue String value) implements Comparable<ReviewId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code reviewId} if {@code value} is not a Meadow id
   */
  public ReviewId {
    Ulids.check("reviewId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code reviewId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static ReviewId of(String value) {
    return new ReviewId(value);
  }

  @Override
  public int compareTo(ReviewId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
