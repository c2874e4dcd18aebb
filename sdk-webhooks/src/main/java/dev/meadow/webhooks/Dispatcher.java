package dev.meadow.webhooks;

import static dev.meadow.webhooks.Stores.store;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.ConflictException;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery stage of {@link Webhooks}: fans the outbox out into deliveries, claims them in
 * batches, sends each, records its outcome, decides on lapsed claims, and releases what it did not
 * send; and runs that on the host's executor until shut down. Thread-safe: several threads and
 * processes may deliver at once, each delivery going to one of them under its lease.
 */
final class Dispatcher {
  // Logged under Webhooks, as before the stages were split, so hosts' log settings still apply.
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
  private static final int ENDPOINT_PAGE = 500;

  private final ModuleContext context;
  private final Storage storage;
  private final HttpSender sender;
  private final RetrySchedule schedule;
  private final Duration timeout;
  private final Duration lease;
  private final int batchSize;
  private final String owner;
  private final RandomGenerator random;
  private final List<ScheduledFuture<?>> pollers = new ArrayList<>();
  private volatile boolean stopped;

  Dispatcher(ModuleContext context, HttpSender sender, RetrySchedule schedule, Duration timeout, Duration lease,
      int batchSize, String owner, RandomGenerator random) {
    this.context = context;
    this.storage = context.storage();
    this.sender = sender;
    this.schedule = schedule;
    this.timeout = timeout;
    this.lease = lease;
    this.batchSize = batchSize;
    this.owner = owner;
    this.random = random;
  }

  /** Delivers what is due now, on the calling thread (see {@link Webhooks#deliverPending()}). */
  DeliveryReport deliverPending() {
    if (stopped) {
      throw new IllegalStateException("these webhooks were shut down");
    }
    DeliveryReport total = DeliveryReport.empty();
    while (!stopped) {
      int fannedOut = fanOut();
      List<WebhookDelivery> batch = storage.inTransaction(tx ->
          store(tx).claimDeliveries(owner, batchSize, context.now(), lease, this::lapsed));
      DeliveryReport sent = send(batch);
      total = total.plus(sent).plus(new DeliveryReport(fannedOut, 0, 0, 0, 0, 0));
      if (fannedOut == 0 && batch.isEmpty() || !batch.isEmpty() && sent.released() == batch.size()) {
        break;
      }
    }
    return total;
  }

  synchronized void start(ScheduledExecutorService executor, Duration pollInterval, int workers) {
    requireNonNull(executor, "executor");
    requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
    }
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("workers must be 1 to 64, was " + workers);
    }
    if (stopped || !pollers.isEmpty()) {
      throw new IllegalStateException(stopped ? "these webhooks were shut down" : "delivery was already started");
    }
    for (int i = 0; i < workers; i++) {
      pollers.add(executor.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private void poll() {
    if (stopped) {
      return;
    }
    try {
      deliverPending();
    } catch (RuntimeException e) {
      if (stopped) {
        return; // shut down between the check and the first claim
      }
      log.warn("Webhook delivery failed; what was claimed and not marked is sent again after its lease lapses"
          + " and a backoff", e);
    }
  }

  synchronized void shutdown() {
    stopped = true;
    pollers.forEach(p -> p.cancel(false));
    pollers.clear();
    sender.close();
  }

  boolean isShutdown() {
    return stopped;
  }

  private int fanOut() {
    return storage.inTransaction(tx -> {
      Instant now = context.now();
      List<OutboxEntry> entries = tx.outbox().claim(batchSize, now, lease);
      if (entries.isEmpty()) {
        return 0;
      }
      List<WebhookEndpoint> endpoints = enabledEndpoints(tx);
      for (OutboxEntry entry : entries) {
        for (WebhookEndpoint endpoint : endpoints) {
          if (endpoint.receives(entry.message().type())) {
            store(tx).insertDelivery(WebhookDelivery.pending(entry.message(), endpoint.id(), now));
          }
        }
        tx.outbox().markDelivered(entry.message().id(), requireNonNull(entry.leaseToken(), "leaseToken"));
      }
      return entries.size();
    });
  }

  private static List<WebhookEndpoint> enabledEndpoints(Transaction tx) {
    List<WebhookEndpoint> enabled = new ArrayList<>();
    WebhookEndpointId after = null;
    while (true) {
      List<WebhookEndpoint> page = store(tx).listEndpoints(after, ENDPOINT_PAGE);
      page.stream().filter(WebhookEndpoint::enabled).forEach(enabled::add);
      if (page.size() < ENDPOINT_PAGE) {
        return enabled;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private DeliveryReport send(List<WebhookDelivery> batch) {
    if (batch.isEmpty()) {
      return DeliveryReport.empty();
    }
    Map<WebhookEndpointId, Optional<WebhookEndpoint>> endpoints = storage.inTransaction(tx -> {
      Map<WebhookEndpointId, Optional<WebhookEndpoint>> found = new HashMap<>();
      WebhookStore store = store(tx);
      batch.forEach(d -> found.computeIfAbsent(d.endpointId(), store::findEndpoint));
      return found;
    });
    int delivered = 0;
    int retrying = 0;
    int dead = 0;
    int abandoned = 0;
    int released = 0;
    for (int i = 0; i < batch.size(); i++) {
      WebhookDelivery delivery = batch.get(i);
      Instant startedAt = context.now();
      Instant leaseUntil = requireNonNull(delivery.leaseUntil(), "leaseUntil");
      if (stopped || startedAt.plus(timeout).isAfter(leaseUntil)) {
        // Never sent, so given back uncounted and claimable at once. One claim gave the whole batch
        // one lease end, so the rest cannot be sent either.
        List<WebhookDelivery> unsent = batch.subList(i, batch.size());
        int given = release(unsent, batch.size());
        released += given;
        abandoned += unsent.size() - given;
        break;
      }
      WebhookEndpoint endpoint = endpoints.get(delivery.endpointId()).orElse(null);
      Outcome outcome = endpoint == null || !endpoint.enabled()
          ? Outcome.dead(null, endpoint == null ? "endpoint no longer exists"
              : "endpoint disabled: " + endpoint.disabledReason())
          : attempt(delivery, endpoint, startedAt);
      if (endpoint != null && outcome.disableAt() != null) {
        // The rest of the batch sees the endpoint disabled, as the storage now holds it.
        endpoints.put(endpoint.id(), Optional.of(Endpoints.disabled(endpoint, requireNonNull(outcome.reason()),
            outcome.disableAt())));
      }
      if (!outcome.record(storage, delivery)) {
        log.debug("The lease on {} to {} lapsed before its outcome was recorded", delivery.eventId(),
            delivery.endpointId());
        abandoned++;
      } else if (outcome.status() == WebhookDeliveryStatus.DELIVERED) {
        delivered++;
      } else if (outcome.status() == WebhookDeliveryStatus.DEAD) {
        dead++;
      } else {
        retrying++;
      }
    }
    return new DeliveryReport(0, delivered, retrying, dead, abandoned, released);
  }

  /**
   * Releases claims that were never sent, in one transaction, and returns how many it released; a
   * delivery whose lease lapsed and was claimed again is left to its new claimer.
   */
  private int release(List<WebhookDelivery> unsent, int claimed) {
    int released = storage.inTransaction(tx -> {
      int count = 0;
      for (WebhookDelivery d : unsent) {
        if (store(tx).releaseClaim(d.eventId(), d.endpointId(), requireNonNull(d.leaseToken(), "leaseToken"))) {
          count++;
        }
      }
      return count;
    });
    log.debug("Released {} of the {} unsent webhook deliveries of a batch of {} claimed by {}", released,
        unsent.size(), claimed, owner);
    return released;
  }

  private Outcome attempt(WebhookDelivery delivery, WebhookEndpoint endpoint, Instant startedAt) {
    HttpSender.Response response = sender.post(endpoint, delivery, startedAt);
    Instant finishedAt = context.now();
    WebhookAttempt attempt = new WebhookAttempt(delivery.eventId(), delivery.endpointId(), delivery.attempts(),
        startedAt, response.durationMillis(), response.statusCode(), response.error());
    if (response.succeeded()) {
      return Outcome.delivered(attempt);
    }
    if (response.statusCode() == 410) {
      return Outcome.gone(attempt, "HTTP 410 Gone at " + finishedAt + ": the endpoint asked to stop", finishedAt);
    }
    if (schedule.exhaustedAfter(delivery.attempts() + delivery.lapsedClaims())) {
      return Outcome.dead(attempt, gaveUp(delivery.attempts(), delivery.lapsedClaims(), response.error()));
    }
    Duration wait = response.retryAfter(finishedAt)
        .map(asked -> asked.compareTo(schedule.maxDelay()) > 0 ? schedule.maxDelay() : asked)
        .orElseGet(() -> schedule.delay(delivery.attempts(), random));
    return Outcome.retry(attempt, finishedAt.plus(wait).truncatedTo(ChronoUnit.MILLIS));
  }

  /*
   * Lapsed claims. A claim that lapses without an outcome is no evidence about the endpoint, only
   * about the deliverer: it died, or outlasted its lease. So it is not counted as a sent attempt
   * (the store takes back the attempt the claim counted and counts a lapsed claim instead), and the
   * delivery waits the schedule's delay for its number of lapsed claims, with jitter, before it is
   * claimed again: a payload that crashes every deliverer is retried ever more slowly instead of
   * taking down each process in turn. Sent attempts and lapsed claims share the schedule's budget of
   * attempts, so such a payload still ends as a dead letter, whose reason says what was sent.
   */

  /** Decides what becomes of a delivery whose claim lapsed: due again after a backoff, or dead. */
  private LapsedClaim lapsed(WebhookDelivery lapsed, Instant now) {
    if (schedule.exhaustedAfter(lapsed.attempts() + lapsed.lapsedClaims())) {
      return LapsedClaim.dead(gaveUp(lapsed.attempts(), lapsed.lapsedClaims(), "the claim of " + lapsed.leaseOwner()
          + " lapsed at " + lapsed.leaseUntil() + " without an outcome"));
    }
    Duration backoff = schedule.delay(lapsed.lapsedClaims(), random);
    return LapsedClaim.retryAt(now.plus(backoff).truncatedTo(ChronoUnit.MILLIS));
  }

  /** Returns the reason of a dead letter given up on after its attempts, naming both counts and the last. */
  private static String gaveUp(int sentAttempts, int lapsedClaims, @Nullable String last) {
    return "gave up after " + sentAttempts + " sent attempt" + (sentAttempts == 1 ? "" : "s") + " and " + lapsedClaims
        + " lapsed claim" + (lapsedClaims == 1 ? "" : "s") + "; the last: " + last;
  }

  /** What to record of one claimed delivery, in one transaction. */
  private record Outcome(WebhookDeliveryStatus status, @Nullable WebhookAttempt attempt, @Nullable Instant retryAt,
      @Nullable String reason, @Nullable Instant disableAt) {
    static Outcome delivered(WebhookAttempt attempt) {
      return new Outcome(WebhookDeliveryStatus.DELIVERED, attempt, null, null, null);
    }

    static Outcome retry(WebhookAttempt attempt, Instant retryAt) {
      return new Outcome(WebhookDeliveryStatus.PENDING, attempt, retryAt, null, null);
    }

    static Outcome dead(@Nullable WebhookAttempt attempt, String reason) {
      return new Outcome(WebhookDeliveryStatus.DEAD, attempt, null, reason, null);
    }

    static Outcome gone(WebhookAttempt attempt, String reason, Instant now) {
      return new Outcome(WebhookDeliveryStatus.DEAD, attempt, null, reason, now);
    }

    /** Records the outcome; returns false, changing nothing, if the lease lapsed meanwhile. */
    boolean record(Storage storage, WebhookDelivery d) {
      String token = requireNonNull(d.leaseToken(), "leaseToken");
      return storage.inTransaction(tx -> switch (status) {
        case DELIVERED -> store(tx).markDelivered(d.eventId(), d.endpointId(), token, requireNonNull(attempt));
        case PENDING -> store(tx).markFailed(d.eventId(), d.endpointId(), token, requireNonNull(attempt),
            requireNonNull(retryAt));
        case DEAD -> {
          boolean marked = store(tx).markDead(d.eventId(), d.endpointId(), token, attempt, requireNonNull(reason));
          if (marked && disableAt != null) {
            WebhookEndpoint current = store(tx).findEndpoint(d.endpointId()).orElse(null);
            if (current != null && current.enabled()
                && !store(tx).updateEndpoint(Endpoints.disabled(current, reason, disableAt))) {
              throw new ConflictException("webhook endpoint " + d.endpointId() + " changed while it was disabled");
            }
            log.warn("Disabled webhook endpoint {}: {}", d.endpointId(), reason);
          }
          yield marked;
        }
      });
    }
  }
}
