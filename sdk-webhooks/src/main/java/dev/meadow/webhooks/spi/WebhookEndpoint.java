package dev.meadow.webhooks.spi;

import static java.util.Objects.requireNonNull;

import dev.meadow.webhooks.WebhookEndpointId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A URL that receives Meadow's events over HTTP, as stored.
 *
 * @param id the endpoint's id
 * @param url the absolute {@code http} or {@code https} URL events are posted to
 * @param eventTypes the event types it receives, such as {@code review.published}, or the one
 *     element {@code "*"} for every type; not empty, distinct, in the order given
 * @param secrets its signing secrets, oldest first, at least one
 * @param enabled whether events are delivered to it
 * @param disabledReason why it was disabled, or {@code null} while it is enabled
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 * @param version 1 when registered, one more on every change
 */
public record WebhookEndpoint(
    WebhookEndpointId id,
    String url,
    List<String> eventTypes,
    List<WebhookSecret> secrets,
    boolean enabled,
    @Nullable String disabledReason,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  /** The event type that stands for every type. */
  public static final String ALL_TYPES = "*";

  public WebhookEndpoint {
    requireNonNull(id, "id");
    requireNonNull(url, "url");
    eventTypes = List.copyOf(requireNonNull(eventTypes, "eventTypes"));
    secrets = List.copyOf(requireNonNull(secrets, "secrets"));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    if (eventTypes.isEmpty() || eventTypes.size() != eventTypes.stream().distinct().count()) {
      throw new IllegalArgumentException("eventTypes must be distinct and not empty, was " + eventTypes);
    }
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("an endpoint needs at least one secret");
    }
    if (enabled != (disabledReason == null)) {
      throw new IllegalArgumentException("a disabled endpoint, and only a disabled one, has a reason");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
  }

  /** Returns whether the endpoint receives events of {@code type}. */
  public boolean receives(String type) {
    return eventTypes.contains(ALL_TYPES) || eventTypes.contains(type);
  }

  /**
   * Returns the next version of this endpoint, changed at {@code at}: enabled when
   * {@code disabledReason} is null, disabled with it otherwise; its id and creation time stay.
   */
  public WebhookEndpoint next(String url, List<String> eventTypes, List<WebhookSecret> secrets,
      @Nullable String disabledReason, Instant at) {
    return new WebhookEndpoint(id, url, eventTypes, secrets, disabledReason == null, disabledReason, createdAt, at,
        version + 1);
  }

  /** Returns the secrets that sign a delivery at {@code now}, oldest first. */
  public List<WebhookSecret> activeSecrets(Instant now) {
    return secrets.stream().filter(s -> s.activeAt(now)).toList();
  }
}
