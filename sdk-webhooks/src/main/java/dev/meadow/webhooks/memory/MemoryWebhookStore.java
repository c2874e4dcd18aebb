package dev.meadow.webhooks.memory;

import static dev.meadow.core.spi.Listings.checkLimit;
import static dev.meadow.core.spi.Listings.checkPosition;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import dev.meadow.core.EventId;
import dev.meadow.core.StorageException;
import dev.meadow.core.memory.MemoryTransaction;
import dev.meadow.webhooks.WebhookEndpointId;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Webhook endpoints, deliveries and their attempts kept in memory; guarded by the storage's lock. */
final class MemoryWebhookStore {
  /** A delivery's key, in dead-letter listing order: event id, then endpoint id. */
  private record Key(EventId eventId, WebhookEndpointId endpointId) implements Comparable<Key> {
    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::eventId).thenComparing(Key::endpointId);

    @Override
    public int compareTo(Key other) {
      return ORDER.compare(this, other);
    }
  }

  /** A pending delivery's place in claim order: due time, then key. */
  private record Due(Instant at, Key key) implements Comparable<Due> {
    private static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::key);

    @Override
    public int compareTo(Due other) {
      return ORDER.compare(this, other);
    }
  }

  private final TreeMap<WebhookEndpointId, WebhookEndpoint> endpoints = new TreeMap<>();
  private final Map<Key, WebhookDelivery> deliveries = new HashMap<>();
  private final TreeMap<Due, WebhookDelivery> pending = new TreeMap<>();
  private final TreeMap<Key, WebhookDelivery> dead = new TreeMap<>();
  private final Map<Key, List<WebhookAttempt>> attempts = new HashMap<>();
  private final Map<WebhookDeliveryStatus, Long> counts = new EnumMap<>(WebhookDeliveryStatus.class);

  WebhookStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  /** Returns the first {@code limit} of {@code items}. */
  private static <T> List<T> first(Iterable<T> items, int limit) {
    return ImmutableList.copyOf(Iterables.limit(items, limit));
  }

  private static Key keyOf(WebhookDelivery delivery) {
    return new Key(delivery.eventId(), delivery.endpointId());
  }

  private static Key key(EventId eventId, WebhookEndpointId endpointId) {
    return new Key(requireNonNull(eventId, "eventId"), requireNonNull(endpointId, "endpointId"));
  }

  private void putEndpoint(MemoryTransaction tx, WebhookEndpoint next) {
    WebhookEndpoint previous = endpoints.put(next.id(), next);
    tx.onRollback(() -> {
      if (previous == null) {
        endpoints.remove(next.id());
      } else {
        endpoints.put(previous.id(), previous);
      }
    });
  }

  /** Replaces (or adds, or with null removes) a delivery and its attempts, recording how to undo it. */
  private void putDelivery(MemoryTransaction tx, Key key, @Nullable WebhookDelivery next,
      @Nullable List<WebhookAttempt> history) {
    WebhookDelivery previous = deliveries.get(key);
    List<WebhookAttempt> previousHistory = attempts.get(key);
    write(key, next, history);
    tx.onRollback(() -> write(key, previous, previousHistory));
  }

  private void write(Key key, @Nullable WebhookDelivery next, @Nullable List<WebhookAttempt> history) {
    WebhookDelivery previous = deliveries.remove(key);
    if (previous != null) {
      pending.remove(new Due(previous.nextAttemptAt(), key));
      dead.remove(key);
      counts.merge(previous.status(), -1L, Long::sum);
    }
    if (history == null) {
      attempts.remove(key);
    } else {
      attempts.put(key, history);
    }
    if (next == null) {
      return;
    }
    deliveries.put(key, next);
    counts.merge(next.status(), 1L, Long::sum);
    if (next.status() == WebhookDeliveryStatus.PENDING) {
      pending.put(new Due(next.nextAttemptAt(), key), next);
    } else if (next.status() == WebhookDeliveryStatus.DEAD) {
      dead.put(key, next);
    }
  }

  private final class Bound implements WebhookStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public void insertEndpoint(WebhookEndpoint endpoint) {
      tx.checkOpen();
      requireNonNull(endpoint, "endpoint");
      if (endpoints.containsKey(endpoint.id())) {
        throw new StorageException("webhook endpoint " + endpoint.id() + " already exists");
      }
      putEndpoint(tx, endpoint);
    }

    @Override
    public Optional<WebhookEndpoint> findEndpoint(WebhookEndpointId id) {
      tx.checkOpen();
      return Optional.ofNullable(endpoints.get(requireNonNull(id, "id")));
    }

    @Override
    public List<WebhookEndpoint> listEndpoints(@Nullable WebhookEndpointId after, int limit) {
      tx.checkOpen();
      checkLimit(limit);
      return first((after == null ? endpoints : endpoints.tailMap(after, false)).values(), limit);
    }

    @Override
    public boolean updateEndpoint(WebhookEndpoint next) {
      tx.checkOpen();
      requireNonNull(next, "next");
      WebhookEndpoint current = endpoints.get(next.id());
      if (current == null || current.version() != next.version() - 1) {
        return false;
      }
      putEndpoint(tx, new WebhookEndpoint(next.id(), next.url(), next.eventTypes(), next.secrets(), next.enabled(),
          next.disabledReason(), current.createdAt(), next.updatedAt(), next.version()));
      return true;
    }

    @Override
    public boolean insertDelivery(WebhookDelivery delivery) {
      tx.checkOpen();
      WebhookDelivery.checkNew(requireNonNull(delivery, "delivery"));
      Key key = keyOf(delivery);
      if (deliveries.containsKey(key)) {
        return false;
      }
      putDelivery(tx, key, delivery, List.of());
      return true;
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(EventId eventId, WebhookEndpointId endpointId) {
      tx.checkOpen();
      return Optional.ofNullable(deliveries.get(key(eventId, endpointId)));
    }

    @Override
    public List<WebhookDelivery> claimDeliveries(String leaseOwner, int limit, Instant now, Duration lease,
        LapsedClaim.Policy lapses) {
      tx.checkOpen();
      WebhookStore.checkClaim(leaseOwner, limit, now, lease, lapses);
      // Collected first: claiming and counting lapses move deliveries within the pending map.
      List<WebhookDelivery> free = new ArrayList<>();
      List<WebhookDelivery> lapsed = new ArrayList<>();
      for (Map.Entry<Due, WebhookDelivery> entry : pending.entrySet()) {
        if (free.size() == limit || lapsed.size() == limit || entry.getKey().at().isAfter(now)) {
          break;
        }
        WebhookDelivery delivery = entry.getValue();
        if (delivery.leaseUntil() == null) {
          free.add(delivery);
        } else if (delivery.lapsedAt(now)) {
          lapsed.add(delivery);
        }
      }
      for (WebhookDelivery delivery : lapsed) {
        WebhookDelivery counted = delivery.lapse();
        LapsedClaim decision = LapsedClaim.decide(lapses, counted, now);
        Key key = keyOf(delivery);
        putDelivery(tx, key, decision.retryAt() != null
            ? unleased(counted, WebhookDeliveryStatus.PENDING, counted.attempts(), decision.retryAt(),
                counted.lastError())
            : unleased(counted, WebhookDeliveryStatus.DEAD, counted.attempts(), counted.nextAttemptAt(),
                decision.deadReason()), attempts.get(key));
      }
      List<WebhookDelivery> claimed = new ArrayList<>(free.size());
      for (WebhookDelivery delivery : free) {
        WebhookDelivery next = new WebhookDelivery(delivery.message(), delivery.endpointId(),
            WebhookDeliveryStatus.PENDING, delivery.attempts() + 1, delivery.lapsedClaims(), delivery.nextAttemptAt(),
            leaseOwner, UUID.randomUUID().toString(), now.plus(lease), delivery.lastError(), delivery.createdAt());
        Key key = keyOf(delivery);
        putDelivery(tx, key, next, attempts.get(key));
        claimed.add(next);
      }
      return claimed;
    }

    @Override
    public boolean markDelivered(EventId eventId, WebhookEndpointId endpointId, String leaseToken,
        WebhookAttempt attempt) {
      requireNonNull(attempt, "attempt");
      return finish(eventId, endpointId, leaseToken, WebhookDeliveryStatus.DELIVERED, null, null, attempt);
    }

    @Override
    public boolean markFailed(EventId eventId, WebhookEndpointId endpointId, String leaseToken,
        WebhookAttempt attempt, Instant retryAt) {
      requireNonNull(attempt, "attempt");
      requireNonNull(retryAt, "retryAt");
      String error = attempt.failure();
      return finish(eventId, endpointId, leaseToken, WebhookDeliveryStatus.PENDING, retryAt, error, attempt);
    }

    @Override
    public boolean markDead(EventId eventId, WebhookEndpointId endpointId, String leaseToken,
        @Nullable WebhookAttempt attempt, String reason) {
      requireNonNull(reason, "reason");
      return finish(eventId, endpointId, leaseToken, WebhookDeliveryStatus.DEAD, null, reason, attempt);
    }

    private boolean finish(EventId eventId, WebhookEndpointId endpointId, String leaseToken,
        WebhookDeliveryStatus status, @Nullable Instant retryAt, @Nullable String error,
        @Nullable WebhookAttempt attempt) {
      Key key = key(eventId, endpointId);
      WebhookDelivery delivery = underLease(key, leaseToken);
      if (delivery == null) {
        return false;
      }
      List<WebhookAttempt> history = new ArrayList<>(attempts.getOrDefault(key, List.of()));
      if (attempt != null) {
        history.add(attempt);
      }
      // Only a recorded attempt counts as sent: an outcome without one takes the claim's back.
      putDelivery(tx, key, unleased(delivery, status, attempt != null ? delivery.attempts() : delivery.attempts() - 1,
          retryAt != null ? retryAt : delivery.nextAttemptAt(), error != null ? error : delivery.lastError()),
          List.copyOf(history));
      return true;
    }

    @Override
    public boolean releaseClaim(EventId eventId, WebhookEndpointId endpointId, String leaseToken) {
      Key key = key(eventId, endpointId);
      WebhookDelivery delivery = underLease(key, leaseToken);
      if (delivery == null) {
        return false;
      }
      putDelivery(tx, key, unleased(delivery, WebhookDeliveryStatus.PENDING, delivery.attempts() - 1,
          delivery.nextAttemptAt(), delivery.lastError()), attempts.get(key));
      return true;
    }

    /**
     * Returns {@code delivery} with another status, attempt count, due time and error, its lapsed
     * claims, and no lease.
     */
    private static WebhookDelivery unleased(WebhookDelivery delivery, WebhookDeliveryStatus status, int attempts,
        Instant nextAttemptAt, @Nullable String lastError) {
      return new WebhookDelivery(delivery.message(), delivery.endpointId(), status, attempts,
          delivery.lapsedClaims(), nextAttemptAt, null, null, null, lastError, delivery.createdAt());
    }

    /** Returns the delivery if it is pending under {@code leaseToken}, else null. */
    private @Nullable WebhookDelivery underLease(Key key, String leaseToken) {
      tx.checkOpen();
      requireNonNull(leaseToken, "leaseToken");
      WebhookDelivery delivery = deliveries.get(key);
      return delivery != null && delivery.status() == WebhookDeliveryStatus.PENDING
          && leaseToken.equals(delivery.leaseToken()) ? delivery : null;
    }

    @Override
    public List<WebhookAttempt> listAttempts(EventId eventId, WebhookEndpointId endpointId) {
      tx.checkOpen();
      return attempts.getOrDefault(key(eventId, endpointId), List.of());
    }

    @Override
    public List<WebhookDelivery> listDead(@Nullable EventId afterEvent, @Nullable WebhookEndpointId afterEndpoint,
        int limit) {
      tx.checkOpen();
      checkLimit(limit);
      checkPosition(afterEvent, afterEndpoint, "afterEvent and afterEndpoint");
      Map<Key, WebhookDelivery> view =
          afterEvent == null ? dead : dead.tailMap(new Key(afterEvent, afterEndpoint), false);
      return first(view.values(), limit);
    }

    @Override
    public boolean requeue(EventId eventId, WebhookEndpointId endpointId, Instant availableAt) {
      tx.checkOpen();
      requireNonNull(availableAt, "availableAt");
      Key key = key(eventId, endpointId);
      WebhookDelivery delivery = dead.get(key);
      if (delivery == null) {
        return false;
      }
      WebhookDelivery fresh = new WebhookDelivery(delivery.message(), delivery.endpointId(),
          WebhookDeliveryStatus.PENDING, 0, 0, availableAt, null, null, null, delivery.lastError(),
          delivery.createdAt());
      putDelivery(tx, key, fresh, attempts.get(key));
      return true;
    }

    @Override
    public long countDeliveries(WebhookDeliveryStatus status) {
      tx.checkOpen();
      return counts.getOrDefault(requireNonNull(status, "status"), 0L);
    }

    @Override
    public int purgeDelivered(Instant createdBefore) {
      tx.checkOpen();
      requireNonNull(createdBefore, "createdBefore");
      List<Key> purge = deliveries.values().stream()
          .filter(d -> d.status() == WebhookDeliveryStatus.DELIVERED && d.createdAt().isBefore(createdBefore))
          .map(MemoryWebhookStore::keyOf)
          .toList();
      purge.forEach(key -> putDelivery(tx, key, null, null));
      return purge.size();
    }
  }
}
