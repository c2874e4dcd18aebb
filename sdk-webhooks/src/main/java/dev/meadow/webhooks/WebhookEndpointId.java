package dev.meadow.webhooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meadow.core.ValidationException;
import dev.meadow.core.internal.Ulids;

/**
 * Meadow's id of a webhook endpoint: a 26-character, time-ordered, URL-safe string (a ULID).
 *
 * @param value the id as Meadow issued it
 */
public record WebhookEndpointId(@JsonValue String value) implements Comparable<WebhookEndpointId> {
  /**
   * Checks the id's form.
   *
   * @throws ValidationException naming {@code endpointId} if {@code value} is not a Meadow id
   */
  public WebhookEndpointId {
    Ulids.check("endpointId", value);
  }

  /**
   * Returns the id for {@code value}, as a client sent it back.
   *
   * @throws ValidationException naming {@code endpointId} if {@code value} is not a Meadow id
   */
  @JsonCreator
  public static WebhookEndpointId of(String value) {
    return new WebhookEndpointId(value);
  }

  @Override
  public int compareTo(WebhookEndpointId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
