package dev.meadow.webhooks;

/**
 * What one {@link Webhooks#deliverPending()} call did.
 *
 * @param fannedOut outbox events turned into deliveries (one per endpoint that wants each)
 * @param delivered deliveries an endpoint acknowledged with a 2xx answer
 * @param retrying deliveries that failed and wait for a later attempt
 * @param deadLettered deliveries given up on, now dead letters
 * @param abandoned claimed deliveries left to their leases: those whose lease lapsed before the
 *     outcome of their attempt was recorded, and unsent ones whose release found them claimed
 *     again; each is sent again after its lease lapses and a backoff, that claim counted as a
 *     lapsed claim, not a sent attempt
 * @param released claimed deliveries given back unsent, because the call stopped (shutdown) or
 *     their lease could lapse during an attempt: each is claimable again at once, and its attempt
 *     count is what it was before the claim
 */
public record DeliveryReport(int fannedOut, int delivered, int retrying, int deadLettered, int abandoned,
    int released) {
  /** Returns the report of a call that did nothing. */
  public static DeliveryReport empty() {
    return new DeliveryReport(0, 0, 0, 0, 0, 0);
  }

  /** Returns the sum of this report and {@code other}. */
  public DeliveryReport plus(DeliveryReport other) {
    return new DeliveryReport(fannedOut + other.fannedOut, delivered + other.delivered, retrying + other.retrying,
        deadLettered + other.deadLettered, abandoned + other.abandoned, released + other.released);
  }
}
