package dev.meadow.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of a referral reward: a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record RewardId(@JsonValue String value) implements Comparable<RewardId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code rewardId} if {@code value} is not a Meadow id
   */
  public RewardId {
    Ulids.check("rewardId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code rewardId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static RewardId of(String value) {
    return new RewardId(value);
  }

  @Override
  public int compareTo(RewardId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
