package dev.meadow.webhooks.spi;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.EventId;
import dev.meadow.webhooks.WebhookEndpointId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The delivery of one event to one webhook endpoint, with its state; unique per event and
 * endpoint.
 *
 * @param message the event, as the outbox held it
 * @param endpointId the endpoint it goes to
 * @param status where delivery stands
 * @param attempts how many attempts were sent and recorded since it was created or requeued, and,
 *     while it is claimed, the attempt of the claim: a claim counts one more, which a recorded outcome
 *     keeps, and a release, a dead-lettering without an attempt, or a lapse of the claim takes back
 * @param lapsedClaims how many of its claims lapsed without an outcome since it was created or
 *     requeued, as claims found them (see {@link WebhookStore#claimDeliveries})
 * @param nextAttemptAt the earliest time it may be claimed again
 * @param leaseOwner who holds the current claim, or {@code null} when not claimed
 * @param leaseToken the token of the current claim, or {@code null} when not claimed
 * @param leaseUntil when the current claim lapses, or {@code null} when not claimed
 * @param lastError what the last failed attempt or the dead-lettering said, or {@code null}
 * @param createdAt when the event was fanned out to the endpoint
 */
public record WebhookDelivery(
    OutboxMessage message,
    WebhookEndpointId endpointId,
    WebhookDeliveryStatus status,
    int attempts,
    int lapsedClaims,
    Instant nextAttemptAt,
    @Nullable String leaseOwner,
    @Nullable String leaseToken,
    @Nullable Instant leaseUntil,
    @Nullable String lastError,
    Instant createdAt) {
  public WebhookDelivery {
    requireNonNull(message, "message");
    requireNonNull(endpointId, "endpointId");
    requireNonNull(status, "status");
    requireNonNull(nextAttemptAt, "nextAttemptAt");
    requireNonNull(createdAt, "createdAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
    if (lapsedClaims < 0) {
      throw new IllegalArgumentException("lapsedClaims must not be negative, was " + lapsedClaims);
    }
    if ((leaseOwner == null) != (leaseToken == null) || (leaseToken == null) != (leaseUntil == null)) {
      throw new IllegalArgumentException("leaseOwner, leaseToken and leaseUntil are all null or all set");
    }
  }

  /** Returns a new pending delivery of {@code message} to {@code endpointId}, due at {@code now}. */
  public static WebhookDelivery pending(OutboxMessage message, WebhookEndpointId endpointId, Instant now) {
    return new WebhookDelivery(message, endpointId, WebhookDeliveryStatus.PENDING, 0, 0, now, null, null, null, null,
        now);
  }

  /**
   * Returns {@code delivery}, checked to be new, as {@link WebhookStore#insertDelivery} takes it:
   * pending, with no attempts, no lapsed claims, no lease and no error.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static WebhookDelivery checkNew(WebhookDelivery delivery) {
    if (delivery.status != WebhookDeliveryStatus.PENDING || delivery.attempts != 0 || delivery.lapsedClaims != 0
        || delivery.leaseToken != null
        || delivery.lastError != null) {
      throw new IllegalArgumentException("a new delivery is pending, with no attempts, lease or error");
    }
    return delivery;
  }

  /**
   * Returns whether this delivery is pending under a claim that lapsed at or before {@code now}
   * without an outcome: no mark or release ended its lease.
   */
  public boolean lapsedAt(Instant now) {
    return status == WebhookDeliveryStatus.PENDING && leaseUntil != null && !leaseUntil.isAfter(now);
  }

  /**
   * Returns this claimed delivery as the lapse of its claim leaves it counted: the claim's attempt
   * taken back, one more lapsed claim, and the lapsed lease still shown, as a
   * {@link LapsedClaim.Policy} is given it.
   *
   * @throws IllegalStateException if it is not claimed
   */
  public WebhookDelivery lapse() {
    if (leaseToken == null || attempts == 0) {
      throw new IllegalStateException("only a claimed delivery lapses");
    }
    return new WebhookDelivery(message, endpointId, status, attempts - 1, lapsedClaims + 1, nextAttemptAt, leaseOwner,
        leaseToken, leaseUntil, lastError, createdAt);
  }

  /** Returns the id of the event delivered. */
  public EventId eventId() {
    return message.id();
  }
}
