package dev.meadow.webhooks.spi;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.webhooks.WebhookEndpointId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to deliver an event to an endpoint, as the delivery history keeps it.
 *
 * @param eventId the event
 * @param endpointId the endpoint
 * @param number the attempt's number, from 1: the delivery's attempt count when it was claimed
 * @param startedAt when the request was sent
 * @param durationMillis how long it took until the answer or the failure, not negative
 * @param statusCode the HTTP status the endpoint answered, or 0 when there was no answer
 * @param error what went wrong, or {@code null} for a success
 */
public record WebhookAttempt(
    EventId eventId,
    WebhookEndpointId endpointId,
    int number,
    Instant startedAt,
    long durationMillis,
    int statusCode,
    @Nullable String error) {
  public WebhookAttempt {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    requireNonNull(startedAt, "startedAt");
    if (number < 1) {
      throw new IllegalArgumentException("number must be at least 1, was " + number);
    }
    if (durationMillis < 0) {
      throw new IllegalArgumentException("durationMillis must not be negative, was " + durationMillis);
    }
    if (statusCode != 0 && (statusCode < 100 || statusCode > 999)) {
      throw new IllegalArgumentException("statusCode must be 0 or 100 to 999, was " + statusCode);
    }
  }

  /**
   * Returns the error of this attempt, as {@link WebhookStore#markFailed} requires a failed attempt
   * to have.
   *
   * @throws IllegalArgumentException if it has none
   */
  public String failure() {
    if (error == null) {
      throw new IllegalArgumentException("a failed attempt needs an error");
    }
    return error;
  }
}
