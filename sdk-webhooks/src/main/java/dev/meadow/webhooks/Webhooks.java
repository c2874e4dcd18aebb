package dev.meadow.webhooks;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ConflictException;
import dev.meadow.core.EventId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import dev.meadow.core.WebUrl;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.MeadowModule;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookSecret;
import dev.meadow.webhooks.spi.WebhookStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks: delivers every Meadow event to the shop's HTTP endpoints that want it, durably,
 * signed per Standard Webhooks v1. The module's entry point.
 *
 * <pre>{@code
 * Meadow meadow = Meadow.builder()
 *     .install(Webhooks.builder()
 *         .retrySchedule(RetrySchedule.standard())     // 10 attempts over about three days
 *         .timeout(Duration.ofSeconds(10)))             // per attempt
 *     .build();
 * Webhooks webhooks = meadow.module(Webhooks.class);
 * Registration registration = webhooks.register(webhookUrl, List.of("group.created", "group.member_joined"));
 * String secretFromMeadow = registration.secret();      // shown once: hand it to the receiver
 *
 * webhooks.start(executor, Duration.ofSeconds(1), 2);   // two workers, each polling every second
 * }</pre>
 *
 * <p>(This example, with a receiver, is compiled and run by {@code ReadmeExamplesTest} in this
 * module's tests.)
 *
 * <p><b>How delivery works.</b> Webhooks consume Meadow's outbox: it must be the outbox's only
 * reader. Each outbox event is fanned out, in one transaction, into one delivery per enabled
 * endpoint whose event types include it, and marked delivered in the outbox. Each delivery is then
 * claimed under a lease (so two processes never send the same attempt), posted with the headers
 * {@code webhook-id} (the event id, the same on every attempt), {@code webhook-timestamp} and
 * {@code webhook-signature} and the event's stable JSON as body, and marked by its outcome:
 * <ul>
 *   <li>a 2xx answer: delivered;
 *   <li>410 Gone: the endpoint is disabled (with the reason) and the delivery becomes a dead letter;
 *   <li>anything else, or no answer within the timeout: tried again after the {@link RetrySchedule}'s
 *       delay, or after the {@code Retry-After} a 429 or 503 answer asks for (at most the schedule's
 *       longest delay); after the last attempt it becomes a dead letter.
 * </ul>
 * A claim whose lease lapses without an outcome (its process died, or outlasted the lease) is not
 * an attempt: the delivery counts it as a lapsed claim, apart from its sent attempts, and is due
 * again only after the schedule's delay for its number of lapsed claims, so that a delivery that
 * crashes its deliverer does not crash the next one at once. The schedule's attempts are a budget
 * for both: once sent attempts and lapsed claims together reach {@link RetrySchedule#maxAttempts()},
 * the delivery becomes a dead letter whose reason names both counts.
 * Redirects are not followed. Deliveries claimed for a disabled endpoint become dead letters, and
 * events that occur while an endpoint is disabled are not queued for it. Dead letters are listed
 * by {@link #deadLetters} and put back in line by {@link #replay}. Delivery is at least once:
 * receivers de-duplicate by {@code webhook-id}.
 *
 * <p><b>Threads.</b> Webhooks starts no threads: delivery runs on the threads of a
 * {@link ScheduledExecutorService} the host passes to {@link #start}, or on whatever thread calls
 * {@link #deliverPending()}. Several processes may deliver from the same storage at once.
 * {@link #shutdown()} stops delivery and gives back what was claimed but not yet sent, so another
 * process sends it at once, its attempt not counted; a process that dies instead leaves its claims
 * to lapse, and they are sent again after a backoff, each counted as a lapsed claim. Thread-safe.
 *
 * <p><b>Server-side request forgery.</b> Endpoints may be registered by people the shop does not
 * fully trust, so Webhooks refuses to connect to loopback, link-local, private, unspecified and
 * reserved addresses, checking every address a host name resolves to, at each attempt, unless the
 * host allows a kind with {@link Builder#allowAddresses}. It connects directly, never through a
 * proxy.
 */
public final class Webhooks {
  /** The most event types an endpoint lists. */
  public static final int MAX_EVENT_TYPES = 100;
  /** The longest reason for disabling an endpoint. */
  public static final int MAX_REASON = 500;
  /** The longest overlap of an old secret with its successor. */
  public static final Duration MAX_OVERLAP = Duration.ofDays(7);

  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
  private static final String DEAD_LETTERS = "webhooks.dead";
  private static final String ENDPOINTS = "webhooks.endpoints";
  private static final int ENDPOINT_PAGE = 500;

  private final ModuleContext context;
  private final Storage storage;
  private final Cursors cursors;
  private final HttpSender sender;
  private final RetrySchedule schedule;
  private final Duration timeout;
  private final Duration lease;
  private final int batchSize;
  private final String owner;
  private final RandomGenerator random;
  private final List<ScheduledFuture<?>> pollers = new ArrayList<>();
  private volatile boolean stopped;

  private Webhooks(Builder builder, ModuleContext context) {
    this.context = context;
    this.storage = context.storage();
    this.cursors = context.cursors();
    this.schedule = builder.schedule;
    this.timeout = builder.timeout;
    this.lease = builder.lease != null ? builder.lease : timeout.multipliedBy(builder.batchSize).plusMinutes(1);
    this.batchSize = builder.batchSize;
    this.owner = builder.owner;
    this.random = builder.random;
    this.sender = new HttpSender(builder.httpClient, new AddressGuard(builder.allowed,
        builder.httpClient != null ? builder.httpClient.dns() : okhttp3.Dns.SYSTEM), timeout);
  }

  /**
   * Returns a builder of webhooks, to install into {@code Meadow.builder().install(...)}: they
   * deliver that Meadow's events, on its storage, clock and cursor secret.
   */
  public static Builder builder() {
    return new Builder();
  }

  private static WebhookStore store(Transaction tx) {
    return tx.store(WebhookStore.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Endpoints

  /**
   * Registers an endpoint, enabled, with a new signing secret.
   *
   * @param url an absolute {@code http} or {@code https} URL; {@code https} is strongly advised
   * @param eventTypes the event types it receives, such as {@code review.published}
   *     ({@code EventJson.types()} lists them), or {@code "*"} for every type; 1 to
   *     {@value #MAX_EVENT_TYPES}
   * <p>The endpoint receives the events not yet fanned out of the outbox when it is registered,
   * and every later one.
   *
   * @return the endpoint and its secret, which is shown only here
   * @throws ValidationException naming {@code url} or {@code eventTypes[i]} for bad input, or
   *     {@code url} for an address literal of a kind this Webhooks refuses
   */
  public Registration register(String url, Collection<String> eventTypes) {
    String checkedUrl = checkUrl(url);
    List<String> types = checkTypes(eventTypes);
    String secret = Signatures.newSecret();
    Instant now = now();
    WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId(context.newId()), checkedUrl, types,
        List.of(new WebhookSecret(secret, now, null)), true, null, now, now, 1);
    storage.inTransaction(tx -> {
      store(tx).insertEndpoint(endpoint);
      return null;
    });
    log.info("Registered webhook endpoint {} for {}", endpoint.id(), types);
    return new Registration(Endpoint.of(endpoint, now), secret);
  }

  /**
   * Returns an endpoint.
   *
   * @throws NotFoundException if there is no such endpoint
   */
  public Endpoint endpoint(WebhookEndpointId id) {
    requireNonNull(id, "id");
    return Endpoint.of(storage.inTransaction(tx -> find(tx, id)), now());
  }

  /**
   * Lists endpoints in the order they were registered.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Endpoint> endpoints(PageRequest request) {
    requireNonNull(request, "request");
    WebhookEndpointId after = cursors.position(ENDPOINTS, request, 1, parts -> WebhookEndpointId.of(parts.get(0)));
    List<WebhookEndpoint> rows = storage.inTransaction(tx -> store(tx).listEndpoints(after, request.limit() + 1));
    Instant now = now();
    return cursors.page(rows, request.limit(), ENDPOINTS, e -> new String[] {e.id().value()})
        .map(e -> Endpoint.of(e, now));
  }

  /**
   * Changes where an endpoint receives events, and which.
   *
   * @throws ValidationException as {@link #register} does
   * @throws NotFoundException if there is no such endpoint
   */
  public Endpoint update(WebhookEndpointId id, String url, Collection<String> eventTypes) {
    requireNonNull(id, "id");
    String checkedUrl = checkUrl(url);
    List<String> types = checkTypes(eventTypes);
    return change(id, (e, now) -> e.next(checkedUrl, types, e.secrets(), e.disabledReason(), now));
  }

  /**
   * Issues a new signing secret for an endpoint. Until {@code overlap} has passed, the old
   * secrets sign too (each delivery carries one signature per secret), so the receiver can switch
   * to the new secret without missing an event; then they expire.
   *
   * @param overlap how long the old secrets keep signing, zero to {@link #MAX_OVERLAP}
   * @return the new secret, which is shown only here
   * @throws NotFoundException if there is no such endpoint
   */
  public String rotateSecret(WebhookEndpointId id, Duration overlap) {
    requireNonNull(id, "id");
    requireNonNull(overlap, "overlap");
    if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw ValidationException.of("overlap", "out_of_range", "must be zero to " + MAX_OVERLAP + ", was " + overlap);
    }
    String secret = Signatures.newSecret();
    change(id, (e, now) -> {
      List<WebhookSecret> secrets = new ArrayList<>();
      for (WebhookSecret old : e.activeSecrets(now)) {
        Instant expiresAt = now.plus(overlap);
        secrets.add(new WebhookSecret(old.value(), old.createdAt(),
            old.expiresAt() != null && old.expiresAt().isBefore(expiresAt) ? old.expiresAt() : expiresAt));
      }
      secrets.removeIf(s -> !s.activeAt(now));
      secrets.add(new WebhookSecret(secret, now, null));
      return e.next(e.url(), e.eventTypes(), secrets, e.disabledReason(), now);
    });
    log.info("Rotated the secret of webhook endpoint {}; the old ones sign for {} more", id, overlap);
    return secret;
  }

  /**
   * Stops delivering to an endpoint: deliveries already queued for it become dead letters when
   * their turn comes, and new events are not queued for it.
   *
   * @param reason why, 1 to {@value #MAX_REASON} characters of plain text
   * @throws ValidationException naming {@code reason}
   * @throws NotFoundException if there is no such endpoint
   */
  public Endpoint disable(WebhookEndpointId id, String reason) {
    requireNonNull(id, "id");
    String why = PlainText.require("reason", reason, MAX_REASON);
    return change(id, (e, now) -> e.enabled() ? disabled(e, why, now) : e);
  }

  /**
   * Delivers to an endpoint again, from the next event on. Replay its dead letters with
   * {@link #replay} to send what it missed.
   *
   * @throws NotFoundException if there is no such endpoint
   */
  public Endpoint enable(WebhookEndpointId id) {
    requireNonNull(id, "id");
    return change(id, (e, now) -> e.enabled() ? e : e.next(e.url(), e.eventTypes(), e.secrets(), null, now));
  }

  private static WebhookEndpoint disabled(WebhookEndpoint e, String reason, Instant now) {
    return e.next(e.url(), e.eventTypes(), e.secrets(), reason, now);
  }

  /** A change to one endpoint, given it as stored and the time. */
  @FunctionalInterface
  private interface EndpointChange {
    WebhookEndpoint apply(WebhookEndpoint current, Instant now);
  }

  private Endpoint change(WebhookEndpointId id, EndpointChange change) {
    Instant now = now();
    WebhookEndpoint changed = storage.inTransaction(tx -> {
      WebhookEndpoint current = find(tx, id);
      WebhookEndpoint next = change.apply(current, now);
      if (next != current && !store(tx).updateEndpoint(next)) {
        throw new ConflictException("webhook endpoint " + id + " was changed at the same time; try again");
      }
      return next;
    });
    return Endpoint.of(changed, now);
  }

  private static WebhookEndpoint find(Transaction tx, WebhookEndpointId id) {
    return store(tx).findEndpoint(id).orElseThrow(() -> new NotFoundException("webhook endpoint", id.value()));
  }

  private String checkUrl(String url) {
    String checked = WebUrl.require("url", url);
    HttpUrl parsed = HttpUrl.parse(checked);
    if (parsed == null) {
      throw ValidationException.of("url", "invalid_url", "is not a valid URL");
    }
    try {
      sender.guard().checkLiteral(parsed.host());
    } catch (UnknownHostException e) {
      throw ValidationException.of("url", "refused_address", e.getMessage());
    }
    return checked;
  }

  private static List<String> checkTypes(Collection<String> eventTypes) {
    requireNonNull(eventTypes, "eventTypes");
    if (eventTypes.isEmpty() || eventTypes.size() > MAX_EVENT_TYPES) {
      throw ValidationException.of("eventTypes", "out_of_range",
          "must list 1 to " + MAX_EVENT_TYPES + " event types, or \"*\"");
    }
    Set<String> types = new LinkedHashSet<>();
    int i = 0;
    for (String type : eventTypes) {
      if (type == null || !type.equals(WebhookEndpoint.ALL_TYPES) && !EventJson.types().containsKey(type)) {
        throw ValidationException.of("eventTypes[" + i + "]", "unknown_event_type",
            "is not an event type Meadow emits (see EventJson.types()), nor \"*\"");
      }
      types.add(type);
      i++;
    }
    return List.copyOf(types);
  }

  // ---------------------------------------------------------------------------------------------
  // Delivery

  /**
   * Delivers what is due now, on the calling thread: fans the outbox out to the endpoints, then
   * claims due deliveries in batches and sends them, until nothing is due. A call running when
   * {@link #shutdown()} is called finishes its attempt in flight, releases the rest of its batch
   * and returns.
   *
   * <p>A claimed delivery whose lease would end before an attempt could time out is not sent but
   * released, with the rest of its batch: it is claimable again at once, with its attempt count
   * as before the claim. A batch given back whole, without one attempt, ends the call, so that a
   * lease too short for any attempt is not claimed and released in a busy loop.
   *
   * <p>Several threads and processes may call it at once; each delivery goes to one of them.
   *
   * @throws dev.meadow.core.StorageException if the storage fails; what was already marked stays
   *     marked, and a claimed delivery left unmarked is sent again after its lease lapses, counted
   *     as a lapsed claim and after a backoff
   * @throws IllegalStateException if these webhooks were {@linkplain #shutdown() shut down}, as
   *     {@link #start} does
   */
  public DeliveryReport deliverPending() {
    if (stopped) {
      throw new IllegalStateException("these webhooks were shut down");
    }
    DeliveryReport total = DeliveryReport.empty();
    while (!stopped) {
      int fannedOut = fanOut();
      List<WebhookDelivery> batch = storage.inTransaction(tx ->
          store(tx).claimDeliveries(owner, batchSize, now(), lease, this::lapsed));
      DeliveryReport sent = send(batch);
      total = total.plus(sent).plus(new DeliveryReport(fannedOut, 0, 0, 0, 0, 0));
      if (fannedOut == 0 && batch.isEmpty() || !batch.isEmpty() && sent.released() == batch.size()) {
        break;
      }
    }
    return total;
  }

  /**
   * Starts delivering on {@code executor}: {@code workers} tasks each call {@link #deliverPending()}
   * every {@code pollInterval}, and log what fails. Call {@link #shutdown()} to stop.
   *
   * @param workers how many deliveries may be in flight at once, 1 to 64
   * @throws IllegalStateException if delivery was already started, or was shut down
   */
  public synchronized void start(ScheduledExecutorService executor, Duration pollInterval, int workers) {
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
      log.warn("Webhook delivery failed; what was claimed and not marked is sent again once its lease lapses", e);
    }
  }

  /**
   * Stops delivery for good: no new claims, and no new attempts after the ones in flight. Does not
   * wait; the executor stays the host's to shut down.
   *
   * <p>Each thread delivering at that moment (a worker on the executor, or a caller of
   * {@link #deliverPending()}) first finishes the attempt it has in flight: the request runs to
   * its answer or its timeout and the outcome is recorded as any other, the attempt counted (if
   * the delivery's lease lapsed and another process claimed it meanwhile, the record changes
   * nothing and that process sends it again). Then the thread releases the rest of its claimed
   * batch, which it never sent: each of those deliveries is claimable at once by any process, with
   * the attempt count it had before the claim, and nothing is added to its history; one whose lease
   * lapsed and was claimed by another process meanwhile is left to that process.
   *
   * <p>So that every claim is released before the process exits, shut the executor down and await
   * its termination for at least the {@linkplain Builder#timeout timeout} after calling this. A
   * process that exits before its threads have released their claims, or dies, or whose release
   * fails in the storage, leaves those claims to their leases: each is sent again after its lease
   * lapses, once a backoff has passed, and that claim is counted as a lapsed claim.
   */
  public synchronized void shutdown() {
    stopped = true;
    pollers.forEach(p -> p.cancel(false));
    pollers.clear();
    sender.close();
  }

  /** Returns whether {@link #shutdown()} was called. */
  public boolean isShutdown() {
    return stopped;
  }

  private int fanOut() {
    return storage.inTransaction(tx -> {
      Instant now = now();
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
      Instant startedAt = now();
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
        endpoints.put(endpoint.id(), Optional.of(disabled(endpoint, requireNonNull(outcome.reason()),
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
    Instant finishedAt = now();
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
                && !store(tx).updateEndpoint(disabled(current, reason, disableAt))) {
              throw new ConflictException("webhook endpoint " + d.endpointId() + " changed while it was disabled");
            }
            log.warn("Disabled webhook endpoint {}: {}", d.endpointId(), reason);
          }
          yield marked;
        }
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Outcomes

  /** Returns the delivery of an event to an endpoint, in whatever state. */
  public Optional<WebhookDelivery> delivery(EventId eventId, WebhookEndpointId endpointId) {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    return storage.inTransaction(tx -> store(tx).findDelivery(eventId, endpointId));
  }

  /** Returns the attempts made to deliver an event to an endpoint, oldest first. */
  public List<WebhookAttempt> attempts(EventId eventId, WebhookEndpointId endpointId) {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    return storage.inTransaction(tx -> store(tx).listAttempts(eventId, endpointId));
  }

  /** Returns how many deliveries are in {@code status}: the backlog, the delivered, the dead letters. */
  public long count(WebhookDeliveryStatus status) {
    requireNonNull(status, "status");
    return storage.inTransaction(tx -> store(tx).countDeliveries(status));
  }

  /**
   * Lists dead letters by event, oldest first, and endpoint.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<WebhookDelivery> deadLetters(PageRequest request) {
    requireNonNull(request, "request");
    DeadPosition after = cursors.position(DEAD_LETTERS, request, 2,
        parts -> new DeadPosition(EventId.of(parts.get(0)), WebhookEndpointId.of(parts.get(1))));
    List<WebhookDelivery> rows = storage.inTransaction(tx -> store(tx).listDead(
        after == null ? null : after.eventId(), after == null ? null : after.endpointId(), request.limit() + 1));
    return cursors.page(rows, request.limit(), DEAD_LETTERS,
        d -> new String[] {d.eventId().value(), d.endpointId().value()});
  }

  private record DeadPosition(EventId eventId, WebhookEndpointId endpointId) {}

  /**
   * Puts a dead letter back in line, due at once, with a fresh set of attempts; its history is
   * kept. Enable its endpoint first if it was disabled, or it dies again.
   *
   * @return {@code false} if there is no such dead letter
   */
  public boolean replay(EventId eventId, WebhookEndpointId endpointId) {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    return storage.inTransaction(tx -> store(tx).requeue(eventId, endpointId, now()));
  }

  /**
   * Deletes delivered deliveries, with their attempts, that were fanned out more than {@code age}
   * ago; pending ones and dead letters are kept. Schedule it as you schedule
   * {@code meadow.outbox().purgeDelivered(...)}.
   *
   * @return how many were deleted
   */
  public int purgeDelivered(Duration age) {
    requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new IllegalArgumentException("age must not be negative, was " + age);
    }
    return storage.inTransaction(tx -> store(tx).purgeDelivered(now().minus(age)));
  }

  private Instant now() {
    return context.now();
  }

  /**
   * Configures {@link Webhooks}, as a module to install into {@code Meadow.builder()}. Each setter
   * checks its argument at once; the settings are read when the Meadow is built, and a builder
   * may be installed into several Meadows.
   */
  public static final class Builder implements MeadowModule<Webhooks> {
    private @Nullable OkHttpClient httpClient;
    private RetrySchedule schedule = RetrySchedule.standard();
    private Duration timeout = Duration.ofSeconds(15);
    private @Nullable Duration lease;
    private int batchSize = 20;
    private String owner = defaultOwner();
    private RandomGenerator random = new SecureRandom();
    private final Set<AddressKind> allowed = EnumSet.noneOf(AddressKind.class);

    private Builder() {}

    /**
     * Sets the HTTP client to start from, such as the application's shared one (its connection
     * pool and TLS settings are kept; Webhooks sets its own timeouts, DNS guard, no redirects and
     * no proxy on a derived client). The default is a new {@code OkHttpClient}.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Sets when failed deliveries are tried again; the default is {@link RetrySchedule#standard()}. */
    public Builder retrySchedule(RetrySchedule schedule) {
      this.schedule = requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * Sets how long one attempt may take, from connecting to the end of the answer; the default
     * is 15 seconds.
     *
     * @throws IllegalArgumentException unless it is 1 millisecond to 5 minutes
     */
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("timeout must be 1 ms to 5 minutes, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how long a claimed batch stays reserved for this process; the default is the timeout
     * times the batch size, plus a minute. A delivery whose lease would end before an attempt
     * could finish is not sent but released, with the rest of its batch: claimable again at once,
     * its attempt not counted.
     *
     * @throws IllegalArgumentException unless it is 1 second to 1 day
     */
    public Builder lease(Duration lease) {
      requireNonNull(lease, "lease");
      if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("lease must be 1 second to 1 day, was " + lease);
      }
      this.lease = lease;
      return this;
    }

    /**
     * Sets how many outbox events one fan-out takes and how many deliveries one claim takes; the
     * default is 20.
     *
     * @throws IllegalArgumentException unless it is 1 to 1,000
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException("batchSize must be 1 to 1000, was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the name this process claims deliveries under, shown in each claimed delivery's
     * {@code leaseOwner}; the default is the host name and a random suffix.
     *
     * @throws IllegalArgumentException unless it is 1 to 200 characters
     */
    public Builder owner(String owner) {
      requireNonNull(owner, "owner");
      if (owner.isEmpty() || owner.length() > 200) {
        throw new IllegalArgumentException("owner must be 1 to 200 characters");
      }
      this.owner = owner;
      return this;
    }

    /**
     * Sets where the jitter of retry delays comes from; the default is a {@link SecureRandom}.
     * Several threads draw from it when several deliver, so it must be thread-safe, as
     * {@link java.util.Random} is.
     */
    public Builder random(RandomGenerator random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /**
     * Allows delivery to addresses of the given kinds, which are refused by default (see
     * {@link AddressKind}): for example {@code AddressKind.PRIVATE} when every endpoint is a
     * service of the shop's own network, or {@code AddressKind.LOOPBACK} in tests.
     */
    public Builder allowAddresses(AddressKind... kinds) {
      requireNonNull(kinds, "kinds");
      for (AddressKind kind : kinds) {
        allowed.add(requireNonNull(kind, "kinds[i]"));
      }
      return this;
    }

    @Override
    public Class<Webhooks> type() {
      return Webhooks.class;
    }

    /**
     * Sets webhooks up on {@code context}; {@code Meadow.Builder.build()} calls this.
     *
     * @throws IllegalArgumentException if the lease is not longer than the timeout
     * @throws IllegalStateException if the storage provides no {@link WebhookStore}
     */
    @Override
    public Webhooks install(ModuleContext context) {
      requireNonNull(context, "context");
      if (lease != null && lease.compareTo(timeout) <= 0) {
        throw new IllegalArgumentException("lease (" + lease + ") must be longer than timeout (" + timeout + ")");
      }
      context.requireStore(WebhookStore.class);
      return new Webhooks(this, context);
    }

    private static String defaultOwner() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "meadow";
      }
      String name = host.length() > 150 ? host.substring(0, 150) : host;
      return name + "-" + Long.toHexString(new SecureRandom().nextLong());
    }
  }
}
