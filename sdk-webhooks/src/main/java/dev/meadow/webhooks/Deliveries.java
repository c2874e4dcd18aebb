package dev.meadow.webhooks;

import static dev.meadow.webhooks.Stores.store;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.Storage;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The records stage of {@link Webhooks}: what delivery left behind, looked up by the host. One
 * delivery and its attempts, counts by status, dead letters listed and replayed, and delivered
 * deliveries purged. Thread-safe: each call is one transaction.
 */
final class Deliveries {
  private static final String DEAD_LETTERS = "webhooks.dead";

  private final ModuleContext context;
  private final Storage storage;
  private final Cursors cursors;

  Deliveries(ModuleContext context) {
    this.context = context;
    this.storage = context.storage();
    this.cursors = context.cursors();
  }

  Optional<WebhookDelivery> delivery(EventId eventId, WebhookEndpointId endpointId) {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    return storage.inTransaction(tx -> store(tx).findDelivery(eventId, endpointId));
  }

  List<WebhookAttempt> attempts(EventId eventId, WebhookEndpointId endpointId) {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    return storage.inTransaction(tx -> store(tx).listAttempts(eventId, endpointId));
  }

  long count(WebhookDeliveryStatus status) {
    requireNonNull(status, "status");
    return storage.inTransaction(tx -> store(tx).countDeliveries(status));
  }

  Page<WebhookDelivery> deadLetters(PageRequest request) {
    requireNonNull(request, "request");
    DeadPosition after = cursors.position(DEAD_LETTERS, request, 2,
        parts -> new DeadPosition(EventId.of(parts.get(0)), WebhookEndpointId.of(parts.get(1))));
    List<WebhookDelivery> rows = storage.inTransaction(tx -> store(tx).listDead(
        after == null ? null : after.eventId(), after == null ? null : after.endpointId(), request.limit() + 1));
    return cursors.page(rows, request.limit(), DEAD_LETTERS,
        d -> new String[] {d.eventId().value(), d.endpointId().value()});
  }

  private record DeadPosition(EventId eventId, WebhookEndpointId endpointId) {}

  boolean replay(EventId eventId, WebhookEndpointId endpointId) {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    return storage.inTransaction(tx -> store(tx).requeue(eventId, endpointId, context.now()));
  }

  int purgeDelivered(Duration age) {
    requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new IllegalArgumentException("age must not be negative, was " + age);
    }
    return storage.inTransaction(tx -> store(tx).purgeDelivered(context.now().minus(age)));
  }
}
