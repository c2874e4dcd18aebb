package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.HostIds;

/**
 * The host's id of an order in the shop's order system. Meadow never issues these; it stores the host's value as given.
 *
 * @param value 1 to 128 characters, no control characters, no unpaired surrogates, no leading
 *     or trailing white space
 */
public record OrderId(@JsonValue String value) {
  /**
   * Checks the id.
   *
   * @throws ValidationException naming {@code orderId} if {@code value} breaks the rules
   */
  public OrderId {
    requireNonNull(value, "orderId");
    HostIds.check("orderId", value);
  }

  /**
   * Returns the id for {@code value}.
   *
   * @throws ValidationException if {@code value} breaks the rules
   */
  @JsonCreator
  public static OrderId of(String value) {
    return new OrderId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
