package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.HostIds;
import java.util.Optional;

/**
 * The host's id of a shopper or staff member. Meadow never issues these; it stores the host's value as given.
 *
 * @param value 1 to 128 characters, no control characters, no unpaired surrogates, no leading
 *     or trailing white space
 */
public record UserId(@JsonValue String value) implements Actor, Comparable<UserId> {
  /**
   * Checks the id.
   *
   * @throws ValidationException naming {@code userId} if {@code value} breaks the rules
   */
  public UserId {
    requireNonNull(value, "userId");
    HostIds.check("userId", value);
  }

  /**
   * Returns the id for {@code value}.
   *
   * @throws ValidationException if {@code value} breaks the rules
   */
  @JsonCreator
  public static UserId of(String value) {
    return new UserId(value);
  }

  /** Returns this user. */
  @Override
  public Optional<UserId> user() {
    return Optional.of(this);
  }

  /** Orders ids by their UTF-16 values, as {@link String#compareTo} does. */
  @Override
  public int compareTo(UserId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
