package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.HostIds;

/**
 * The host's id of a store (seller) in the shop. Meadow never issues these; it stores the host's value as given.
 *
 * @param value 1 to 128 characters, no control characters, no unpaired surrogates, no leading
 *     or trailing white space
 */
public record StoreId(@JsonValue String value) {
  /**
   * Checks the id.
   *
   * @throws ValidationException naming {@code storeId} if {@code value} breaks the rules
   */
  public StoreId {
    requireNonNull(value, "storeId");
    HostIds.check("storeId", value);
  }

  /**
   * Returns the id for {@code value}.
   *
   * @throws ValidationException if {@code value} breaks the rules
   */
  @JsonCreator
  public static StoreId of(String value) {
    return new StoreId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
