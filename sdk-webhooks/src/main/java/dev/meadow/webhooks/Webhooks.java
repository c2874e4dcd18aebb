package dev.meadow.webhooks;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ValidationException;
import dev.meadow.core.modules.MeadowModule;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

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

  /*
   * The façade over three package-private stages, each with its own state: Endpoints (registering
   * and changing endpoints), Dispatcher (fan-out, claims, sending, outcomes, lapsed claims,
   * release, the host's executor) and Deliveries (what delivery left behind: lookups, counts, dead
   * letters, purging). Public methods delegate in one line; their contracts are documented here.
   */
  private final Endpoints endpoints;
  private final Dispatcher dispatcher;
  private final Deliveries deliveries;

  private Webhooks(Builder builder, ModuleContext context) {
    Duration lease = builder.lease != null ? builder.lease
        : builder.timeout.multipliedBy(builder.batchSize).plusMinutes(1);
    HttpSender sender = new HttpSender(builder.httpClient, new AddressGuard(builder.allowed,
        builder.httpClient != null ? builder.httpClient.dns() : okhttp3.Dns.SYSTEM), builder.timeout);
    this.endpoints = new Endpoints(context, sender.guard());
    this.dispatcher = new Dispatcher(context, sender, builder.schedule, builder.timeout, lease, builder.batchSize,
        builder.owner, builder.random);
    this.deliveries = new Deliveries(context);
  }

  /**
   * Returns a builder of webhooks, to install into {@code Meadow.builder().install(...)}: they
   * deliver that Meadow's events, on its storage, clock and cursor secret.
   */
  public static Builder builder() {
    return new Builder();
  }

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
    return endpoints.register(url, eventTypes);
  }

  /**
   * Returns an endpoint.
   *
   * @throws NotFoundException if there is no such endpoint
   */
  public Endpoint endpoint(WebhookEndpointId id) {
    return endpoints.endpoint(id);
  }

  /**
   * Lists endpoints in the order they were registered.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Endpoint> endpoints(PageRequest request) {
    return endpoints.list(request);
  }

  /**
   * Changes where an endpoint receives events, and which.
   *
   * @throws ValidationException as {@link #register} does
   * @throws NotFoundException if there is no such endpoint
   */
  public Endpoint update(WebhookEndpointId id, String url, Collection<String> eventTypes) {
    return endpoints.update(id, url, eventTypes);
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
    return endpoints.rotateSecret(id, overlap);
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
    return endpoints.disable(id, reason);
  }

  /**
   * Delivers to an endpoint again, from the next event on. Replay its dead letters with
   * {@link #replay} to send what it missed.
   *
   * @throws NotFoundException if there is no such endpoint
   */
  public Endpoint enable(WebhookEndpointId id) {
    return endpoints.enable(id);
  }

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
    return dispatcher.deliverPending();
  }

  /**
   * Starts delivering on {@code executor}: {@code workers} tasks each call {@link #deliverPending()}
   * every {@code pollInterval}, and log what fails. Call {@link #shutdown()} to stop.
   *
   * @param workers how many deliveries may be in flight at once, 1 to 64
   * @throws IllegalStateException if delivery was already started, or was shut down
   */
  public void start(ScheduledExecutorService executor, Duration pollInterval, int workers) {
    dispatcher.start(executor, pollInterval, workers);
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
  public void shutdown() {
    dispatcher.shutdown();
  }

  /** Returns whether {@link #shutdown()} was called. */
  public boolean isShutdown() {
    return dispatcher.isShutdown();
  }

  /** Returns the delivery of an event to an endpoint, in whatever state. */
  public Optional<WebhookDelivery> delivery(EventId eventId, WebhookEndpointId endpointId) {
    return deliveries.delivery(eventId, endpointId);
  }

  /** Returns the attempts made to deliver an event to an endpoint, oldest first. */
  public List<WebhookAttempt> attempts(EventId eventId, WebhookEndpointId endpointId) {
    return deliveries.attempts(eventId, endpointId);
  }

  /** Returns how many deliveries are in {@code status}: the backlog, the delivered, the dead letters. */
  public long count(WebhookDeliveryStatus status) {
    return deliveries.count(status);
  }

  /**
   * Lists dead letters by event, oldest first, and endpoint.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<WebhookDelivery> deadLetters(PageRequest request) {
    return deliveries.deadLetters(request);
  }

  /**
   * Puts a dead letter back in line, due at once, with a fresh set of attempts; its history is
   * kept. Enable its endpoint first if it was disabled, or it dies again.
   *
   * @return {@code false} if there is no such dead letter
   */
  public boolean replay(EventId eventId, WebhookEndpointId endpointId) {
    return deliveries.replay(eventId, endpointId);
  }

  /**
   * Deletes delivered deliveries, with their attempts, that were fanned out more than {@code age}
   * ago; pending ones and dead letters are kept. Schedule it as you schedule
   * {@code meadow.outbox().purgeDelivered(...)}.
   *
   * @return how many were deleted
   */
  public int purgeDelivered(Duration age) {
    return deliveries.purgeDelivered(age);
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
