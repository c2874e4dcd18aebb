package dev.meadow.webhooks;

import static java.util.Objects.requireNonNull;

import dev.meadow.webhooks.spi.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint as the host sees it: everything but its secrets, which are shown only when
 * they are issued.
 *
 * @param id the endpoint's id
 * @param url where events are posted
 * @param eventTypes the event types it receives, or {@code ["*"]} for all
 * @param enabled whether events are delivered to it
 * @param disabledReason why it was disabled, or {@code null} while it is enabled
 * @param activeSecrets how many secrets sign each delivery now (more than one during a rotation)
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 */
public record Endpoint(
    WebhookEndpointId id,
    String url,
    List<String> eventTypes,
    boolean enabled,
    @Nullable String disabledReason,
    int activeSecrets,
    Instant createdAt,
    Instant updatedAt) {
  public Endpoint {
    requireNonNull(id, "id");
    requireNonNull(url, "url");
    eventTypes = List.copyOf(eventTypes);
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  static Endpoint of(WebhookEndpoint stored, Instant now) {
    return new Endpoint(stored.id(), stored.url(), stored.eventTypes(), stored.enabled(), stored.disabledReason(),
        stored.activeSecrets(now).size(), stored.createdAt(), stored.updatedAt());
  }
}
