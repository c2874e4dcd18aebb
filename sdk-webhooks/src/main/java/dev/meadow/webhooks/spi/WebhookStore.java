package dev.meadow.webhooks.spi;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.webhooks.WebhookEndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Webhook endpoints and the durable state of delivering each event to each of them, for
 * {@code sdk-webhooks}.
 *
 * <p>The outbox has one consumer; webhooks need one delivery per event <em>and endpoint</em>, each
 * with its own attempts, schedule and outcome. {@code sdk-webhooks} fans every outbox entry out
 * into deliveries ({@link #insertDelivery}, unique per event and endpoint) and marks the entry
 * delivered in the same transaction, so an event reaches every endpoint's queue or none.
 *
 * <p>Deliveries are claimed under a lease, as outbox entries are: a claim gives each delivery a
 * fresh lease token, one more attempt, and a lease until a given time; concurrent claimers never
 * receive the same delivery under live leases, so two processes never send the same attempt. A
 * delivery whose lease lapses without being marked is not lost, so a sender that dies mid-delivery
 * loses nothing; but neither is it claimed again at once, so a delivery that crashes its sender
 * does not crash the next one straight away. The next claim that reaches it counts the lapse apart
 * from the sent attempts (it takes back the attempt the lapsed claim counted and adds one lapsed
 * claim), ends the lapsed lease, and asks the caller's {@link LapsedClaim.Policy} when the delivery
 * is due again, or whether it becomes a dead letter. Every mark names the lease token it was
 * given, and a mark with a stale token changes nothing. Each mark records the attempt in the
 * delivery's history.
 *
 * <p>A claim that was never sent may be {@linkplain #releaseClaim released} instead: the delivery
 * is claimable again at once, and the attempt its claim counted is given back. A sender releases
 * only what it did not send; what it may have sent is marked, or left to its lease.
 *
 * <p>Each method runs inside the transaction it was obtained from. Claim in a short transaction
 * of its own, so other claimers see the lease at once.
 */
public interface WebhookStore {
  /**
   * Adds an endpoint.
   *
   * @throws dev.meadow.core.StorageException if an endpoint with the same id exists
   */
  void insertEndpoint(WebhookEndpoint endpoint);

  /** Returns the endpoint with this id. */
  Optional<WebhookEndpoint> findEndpoint(WebhookEndpointId id);

  /** Returns up to {@code limit} endpoints with ids greater than {@code after}, by id. */
  List<WebhookEndpoint> listEndpoints(@Nullable WebhookEndpointId after, int limit);

  /**
   * Replaces an endpoint with {@code next} (everything but its id and creation time), if the
   * stored version is {@code next.version() - 1}.
   *
   * @return {@code false}, changing nothing, if there is no such endpoint or its version differs
   */
  boolean updateEndpoint(WebhookEndpoint next);

  /**
   * Adds a delivery, unless one for the same event and endpoint exists. The database's unique
   * key decides, so of racing inserts of one pair exactly one succeeds.
   *
   * @param delivery a pending delivery with no attempts, no lease and no error
   * @return whether it was added
   * @throws IllegalArgumentException if {@code delivery} is not such a new delivery
   */
  boolean insertDelivery(WebhookDelivery delivery);

  /** Returns the delivery of an event to an endpoint, in whatever state. */
  Optional<WebhookDelivery> findDelivery(EventId eventId, WebhookEndpointId endpointId);

  /**
   * Leases up to {@code limit} pending deliveries that are due at {@code now} and under no lease,
   * earliest next attempt first (then by event id and endpoint id). Each claimed delivery gets
   * {@code leaseOwner}, a fresh lease token, a lease until {@code now + lease}, and one more
   * attempt. Concurrent claimers never receive the same delivery under live leases.
   *
   * <p>A due delivery whose lease lapsed ({@link WebhookDelivery#lapsedAt}) is not claimed but its
   * lapse is counted, in the same transaction and at most once per lapsed lease however many
   * claimers race for it: {@code lapses} decides, given {@link WebhookDelivery#lapse()}, and the
   * delivery keeps those counts, loses the lapsed lease (its token no longer marks or releases) and
   * is either due again at the decision's {@code retryAt} or a dead letter with its reason. A claim
   * goes on past lapsed deliveries in claim order, and stops once it has claimed {@code limit}
   * deliveries or counted {@code limit} lapses, so that its work stays bounded by {@code limit}.
   *
   * @param leaseOwner who claims, such as a host name; 1 to 200 characters
   * @param limit how many deliveries at most, at least 1
   * @param lapses what becomes of each lapsed claim found, called inside this transaction
   * @throws IllegalStateException if {@code lapses} answers null or a retry time not after {@code now}
   */
  List<WebhookDelivery> claimDeliveries(String leaseOwner, int limit, Instant now, Duration lease,
      LapsedClaim.Policy lapses);

  /**
   * Checks the arguments of {@link #claimDeliveries} as every implementation does before claiming.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code leaseOwner} is not 1 to 200 characters or
   *     {@code limit} is less than 1
   */
  static void checkClaim(String leaseOwner, int limit, Instant now, Duration lease, LapsedClaim.Policy lapses) {
    requireNonNull(leaseOwner, "leaseOwner");
    requireNonNull(now, "now");
    requireNonNull(lease, "lease");
    requireNonNull(lapses, "lapses");
    if (leaseOwner.isEmpty() || leaseOwner.length() > 200) {
      throw new IllegalArgumentException("leaseOwner must be 1 to 200 characters");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  /**
   * Marks a claimed delivery delivered, ends its lease and records {@code attempt}.
   *
   * @return {@code false}, changing nothing, if the delivery is not pending under this lease token
   */
  boolean markDelivered(EventId eventId, WebhookEndpointId endpointId, String leaseToken, WebhookAttempt attempt);

  /**
   * Records a failed attempt: ends the lease, keeps the delivery pending with {@code attempt}'s
   * error as its last error, makes it due again at {@code retryAt}, and records {@code attempt}.
   *
   * @return {@code false}, changing nothing, if the delivery is not pending under this lease token
   * @throws IllegalArgumentException if {@code attempt} has no error
   */
  boolean markFailed(
      EventId eventId, WebhookEndpointId endpointId, String leaseToken, WebhookAttempt attempt, Instant retryAt);

  /**
   * Gives up on a claimed delivery: it becomes a dead letter with {@code reason} as its last
   * error, and {@code attempt}, if given, is recorded; without one, the attempt the claim counted
   * is taken back, since nothing was sent.
   *
   * @param attempt the attempt that made the sender give up, or {@code null} when it gave up
   *     without sending (such as for a disabled endpoint)
   * @return {@code false}, changing nothing, if the delivery is not pending under this lease token
   */
  boolean markDead(EventId eventId, WebhookEndpointId endpointId, String leaseToken, @Nullable WebhookAttempt attempt,
      String reason);

  /**
   * Gives back a claim that was never sent: ends the lease and takes back the attempt the claim
   * counted, so the delivery is claimable at once (it keeps its due time, and so its place in claim
   * order) and its next claim has the same attempt number. Records nothing in the history and keeps
   * the last error. The lease token decides, as for a mark: a delivery claimed again under another
   * token, already marked or already released is left as it is. A lease that lapsed but was not
   * claimed again still holds the token, and is released.
   *
   * <p>Only for a delivery the claimer did not send: releasing one whose request may have reached
   * the endpoint would hide an attempt from its count and its history.
   *
   * @return {@code false}, changing nothing, if the delivery is not pending under this lease token
   */
  boolean releaseClaim(EventId eventId, WebhookEndpointId endpointId, String leaseToken);

  /** Returns the recorded attempts of a delivery, in the order they were recorded. */
  List<WebhookAttempt> listAttempts(EventId eventId, WebhookEndpointId endpointId);

  /**
   * Returns up to {@code limit} dead letters after the position ({@code afterEvent},
   * {@code afterEndpoint}), by event id and then endpoint id.
   *
   * @throws IllegalArgumentException unless the two halves of the position are both null or both
   *     set
   */
  List<WebhookDelivery> listDead(@Nullable EventId afterEvent, @Nullable WebhookEndpointId afterEndpoint, int limit);

  /**
   * Makes a dead letter pending again, with no attempts and no lapsed claims, due at
   * {@code availableAt}; its history and last error are kept.
   *
   * @return {@code false}, changing nothing, if there is no such dead letter
   */
  boolean requeue(EventId eventId, WebhookEndpointId endpointId, Instant availableAt);

  /** Returns how many deliveries are in {@code status}. */
  long countDeliveries(WebhookDeliveryStatus status);

  /**
   * Deletes delivered deliveries created before {@code createdBefore}, with their history.
   *
   * @return how many deliveries were deleted
   */
  int purgeDelivered(Instant createdBefore);
}
