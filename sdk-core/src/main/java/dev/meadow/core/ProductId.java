package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.internal.HostIds;

/**
 * The host's id of a product in the shop's catalogue. Meadow never issues these; it stores the host's value as given.
 *
 * @param value 1 to 128 characters, no control characters, no unpaired surrogates, no leading
 *     or trailing white space
 */
public record ProductId(@JsonValue String value) {
  /**
   * Checks the id.
   *
   * @throws ValidationException naming {@code productId} if {@code value} breaks the rules
   */
  public ProductId {
    requireNonNull(value, "productId");
    HostIds.check("productId", value);
  }

  /**
   * Returns the id for {@code value}.
   *
   * @throws ValidationException if {@code value} breaks the rules
   */
  @JsonCreator
  public static ProductId of(String value) {
    return new ProductId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
