package dev.meadow.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.StorageException;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.OutboxStatus;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookSecret;
import dev.meadow.webhooks.spi.WebhookStore;
import dev.meadow.storage.tck.Race;
import dev.meadow.storage.tck.StorageContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WebhookStore}: part of webhooks' conformance kit, in this module's test
 * jar. An adapter that supplies a webhook store runs it beside the core kit, in one class:
 *
 * <pre>{@code
 * class MyStorageCompatibilityTest extends StorageCompatibilityKit {
 *   protected Storage newStorage() { return MyStorage.connect(...); }
 *
 *   @Nested
 *   @DisplayName("Webhook store")
 *   class Webhooks extends WebhookStoreContract {
 *     protected Storage newStorage() { return MyStorageCompatibilityTest.this.newStorage(); }
 *   }
 * }
 * }</pre>
 */
public abstract class WebhookStoreContract extends StorageContract {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final String OWNER = "sender-a";
  /** The backoff per lapsed claim of {@link #LAPSES}. */
  private static final Duration BACKOFF = Duration.ofMinutes(1);
  /** How many sent attempts and lapsed claims together {@link #LAPSES} allows. */
  private static final int BUDGET = 4;
  /**
   * Makes a lapsed claim due again {@link #BACKOFF} times its lapsed claims later, and a dead
   * letter, naming both counts, once sent attempts and lapsed claims reach {@link #BUDGET}.
   */
  private static final LapsedClaim.Policy LAPSES = (lapsed, now) -> lapsed.attempts() + lapsed.lapsedClaims() >= BUDGET
      ? LapsedClaim.dead("gave up after " + lapsed.attempts() + " sent attempts and " + lapsed.lapsedClaims()
          + " lapsed claims; the last: the claim of " + lapsed.leaseOwner() + " lapsed")
      : LapsedClaim.retryAt(now.plus(BACKOFF.multipliedBy(lapsed.lapsedClaims())));

  /** Returns an enabled endpoint at version 1, not yet stored, with one current secret. */
  protected final WebhookEndpoint endpoint(String url, String... types) {
    return new WebhookEndpoint(new WebhookEndpointId(newId()), url, List.of(types),
        List.of(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", T0, null)), true, null, T0, T0, 1);
  }

  private WebhookEndpoint stored(WebhookEndpoint endpoint) {
    tx(tx -> {
      tx.store(WebhookStore.class).insertEndpoint(endpoint);
      return null;
    });
    return endpoint;
  }

  /** Stores one endpoint and fans {@code count} new events out to it, due at {@code T0}. */
  private List<WebhookDelivery> deliveries(WebhookEndpoint endpoint, int count) {
    List<WebhookDelivery> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      added.add(WebhookDelivery.pending(message("{\"n\":" + i + "}"), endpoint.id(), T0));
    }
    tx(tx -> {
      added.forEach(tx.store(WebhookStore.class)::insertDelivery);
      return null;
    });
    return added;
  }

  private WebhookDelivery oneDelivery() {
    return deliveries(stored(endpoint("https://shop.example/hooks", "*")), 1).get(0);
  }

  private List<WebhookDelivery> claim(int limit, Instant now) {
    return tx(tx -> tx.store(WebhookStore.class).claimDeliveries(OWNER, limit, now, LEASE, LAPSES));
  }

  private WebhookDelivery find(WebhookDelivery delivery) {
    return tx(tx -> tx.store(WebhookStore.class).findDelivery(delivery.eventId(), delivery.endpointId())).orElseThrow();
  }

  private static WebhookAttempt attempt(WebhookDelivery claimed, int status, String error) {
    return new WebhookAttempt(claimed.eventId(), claimed.endpointId(), claimed.attempts(), T0, 42, status, error);
  }

  /** Claims the one due delivery at {@code T0} and records its attempt failed with {@code error}. */
  private WebhookAttempt failFirstClaim(String error, Instant retryAt) {
    WebhookDelivery claimed = claim(1, T0).get(0);
    WebhookAttempt failure = attempt(claimed, 503, error);
    assertTrue(is(tx -> tx.store(WebhookStore.class).markFailed(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(),
        failure, retryAt)));
    return failure;
  }

  private static List<EventId> eventIds(List<WebhookDelivery> deliveries) {
    return deliveries.stream().map(WebhookDelivery::eventId).toList();
  }

  @Test
  @DisplayName("An endpoint round-trips exactly, secrets and event types in order")
  void endpointRoundTrips() {
    WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId(newId()),
        "https://shop.example/hooks/meadow?tenant=%E5%A5%BD&x='1'", List.of("review.published", "group.created"),
        List.of(new WebhookSecret("whsec_b2xkLW9sZC1vbGQtb2xkLW9sZC1vbGQ=", T0.minusSeconds(3600), T0.plusSeconds(86_400)),
            new WebhookSecret("whsec_bmV3LW5ldy1uZXctbmV3LW5ldy1uZXc=", T0, null)),
        false, AWKWARD_TEXT, T0.minusSeconds(3600), T0, 3);
    stored(endpoint);
    assertEquals(endpoint, tx(tx -> tx.store(WebhookStore.class).findEndpoint(endpoint.id())).orElseThrow());
    assertTrue(tx(tx -> tx.store(WebhookStore.class).findEndpoint(new WebhookEndpointId(newId()))).isEmpty());
  }

  @Test
  @DisplayName("Inserting an endpoint id twice fails with StorageException and keeps the first")
  void duplicateEndpointFails() {
    WebhookEndpoint first = stored(endpoint("https://a.example/", "*"));
    WebhookEndpoint copy = new WebhookEndpoint(first.id(), "https://b.example/", List.of("*"), first.secrets(), true,
        null, T0, T0, 1);
    assertThrows(StorageException.class, () -> tx(tx -> {
      tx.store(WebhookStore.class).insertEndpoint(copy);
      return null;
    }));
    assertEquals(first, tx(tx -> tx.store(WebhookStore.class).findEndpoint(first.id())).orElseThrow());
  }

  @Test
  @DisplayName("Endpoints are listed by id in stable pages")
  void endpointsListedById() {
    List<WebhookEndpoint> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(stored(endpoint("https://e" + i + ".example/", "*")));
    }
    List<WebhookEndpoint> listed = pageThrough(3, (last, limit) ->
        tx(tx -> tx.store(WebhookStore.class).listEndpoints(last == null ? null : last.id(), limit)));
    assertEquals(all, listed);
  }

  @Test
  @DisplayName("An endpoint update applies only over the version before it, and keeps the creation time")
  void endpointUpdateIsVersioned() {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    WebhookEndpoint disabled = new WebhookEndpoint(endpoint.id(), endpoint.url(), endpoint.eventTypes(),
        endpoint.secrets(), false, "HTTP 410 Gone", T0.plusSeconds(99), T0.plusSeconds(5), 2);
    assertTrue(is(tx -> tx.store(WebhookStore.class).updateEndpoint(disabled)));
    WebhookEndpoint after = tx(tx -> tx.store(WebhookStore.class).findEndpoint(endpoint.id())).orElseThrow();
    assertEquals(T0, after.createdAt(), "the creation time is kept");
    assertFalse(after.enabled());
    assertEquals("HTTP 410 Gone", after.disabledReason());
    assertEquals(2, after.version());
    assertFalse(is(tx -> tx.store(WebhookStore.class).updateEndpoint(disabled)), "a stale version changes nothing");
    WebhookEndpoint unknown = endpoint("https://other.example/", "*");
    assertFalse(is(tx -> tx.store(WebhookStore.class).updateEndpoint(new WebhookEndpoint(unknown.id(), unknown.url(),
        unknown.eventTypes(), unknown.secrets(), true, null, T0, T0, 2))));
    assertEquals(after, tx(tx -> tx.store(WebhookStore.class).findEndpoint(endpoint.id())).orElseThrow());
  }

  @Test
  @DisplayName("A new delivery is pending, unclaimed, with no history, and its message round-trips exactly")
  void deliveryRoundTrips() {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    OutboxMessage message = new OutboxMessage(newEventId(), "review.published", 2, T0.minusSeconds(5),
        "{\"text\":" + "\"" + AWKWARD_TEXT.replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + "\"}");
    WebhookDelivery delivery = WebhookDelivery.pending(message, endpoint.id(), T0);
    assertTrue(is(tx -> tx.store(WebhookStore.class).insertDelivery(delivery)));
    assertEquals(delivery, find(delivery));
    assertTrue(tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId())).isEmpty());
  }

  @Test
  @DisplayName("A delivery is unique per event and endpoint: a second insert changes nothing, another endpoint gets its own")
  void deliveryUniquePerEventAndEndpoint() {
    WebhookEndpoint a = stored(endpoint("https://a.example/", "*"));
    WebhookEndpoint b = stored(endpoint("https://b.example/", "*"));
    OutboxMessage message = message("{}");
    WebhookDelivery first = WebhookDelivery.pending(message, a.id(), T0);
    assertTrue(is(tx -> tx.store(WebhookStore.class).insertDelivery(first)));
    assertFalse(is(tx -> tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(message, a.id(), T0.plusSeconds(9)))));
    assertEquals(first, find(first));
    WebhookDelivery claimedLooking = new WebhookDelivery(message, b.id(), WebhookDeliveryStatus.PENDING, 1, 0, T0,
        OWNER, "token", T0, null, T0);
    assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.store(WebhookStore.class).insertDelivery(claimedLooking)),
        "only a new delivery is inserted");
    assertTrue(is(tx -> tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(message, b.id(), T0))));
    assertEquals(2L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.PENDING)));
  }

  @Test
  @DisplayName("Racing inserts of one event and endpoint on 8 threads add exactly one delivery")
  void racingInsertsAddOne() throws Exception {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    OutboxMessage message = message("{}");
    List<Boolean> inserted = race(8, thread ->
        is(tx -> tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(message, endpoint.id(), T0))));
    assertEquals(1, inserted.stream().filter(b -> b).count());
    assertEquals(1L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.PENDING)));
  }

  @Test
  @DisplayName("Claims hand out due deliveries earliest first, then by event and endpoint, at most the limit")
  void claimOrder() {
    WebhookEndpoint a = stored(endpoint("https://a.example/", "*"));
    WebhookEndpoint b = stored(endpoint("https://b.example/", "*"));
    OutboxMessage early = message("{}");
    OutboxMessage late = message("{}");
    OutboxMessage notDue = message("{}");
    tx(tx -> {
      tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(late, b.id(), T0.minusSeconds(10)));
      tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(late, a.id(), T0.minusSeconds(10)));
      tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(early, b.id(), T0.minusSeconds(10)));
      tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(early, a.id(), T0.minusSeconds(60)));
      tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(notDue, a.id(), T0.plusMillis(1)));
      return null;
    });
    List<WebhookDelivery> first = claim(3, T0);
    List<WebhookDelivery> rest = claim(10, T0);
    assertEquals(List.of(early.id(), early.id(), late.id()), eventIds(first));
    assertEquals(List.of(a.id(), b.id(), a.id()), first.stream().map(WebhookDelivery::endpointId).toList());
    assertEquals(List.of(late.id()), eventIds(rest));
    assertEquals(b.id(), rest.get(0).endpointId());
    assertTrue(claim(10, T0).isEmpty(), "leased and not-yet-due deliveries are not claimed");
    assertEquals(List.of(notDue.id()), eventIds(claim(10, T0.plusMillis(1))));
  }

  @Test
  @DisplayName("A claim refuses an empty or over-long lease owner and a limit below 1, leasing nothing")
  void claimChecksArguments() {
    WebhookDelivery delivery = oneDelivery();
    for (String owner : List.of("", "x".repeat(201))) {
      assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.store(WebhookStore.class).claimDeliveries(owner, 1, T0, LEASE, LAPSES)));
    }
    assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.store(WebhookStore.class).claimDeliveries(OWNER, 0, T0, LEASE, LAPSES)));
    assertEquals(delivery, find(delivery), "nothing was leased");
    assertEquals("x".repeat(200), tx(tx -> tx.store(WebhookStore.class).claimDeliveries("x".repeat(200), 1, T0, LEASE, LAPSES)).get(0)
        .leaseOwner(), "200 characters are enough");
  }

  @Test
  @DisplayName("A claim gives each delivery its owner, a fresh lease token, a lease end and one more attempt")
  void claimLeases() {
    deliveries(stored(endpoint("https://shop.example/hooks", "*")), 2);
    List<WebhookDelivery> claimed = claim(2, T0);
    assertEquals(2, claimed.size());
    for (WebhookDelivery delivery : claimed) {
      assertEquals(1, delivery.attempts());
      assertEquals(OWNER, delivery.leaseOwner());
      assertNotNull(delivery.leaseToken());
      assertEquals(T0.plus(LEASE), delivery.leaseUntil());
      assertEquals(delivery, find(delivery), "the claim is stored as returned");
    }
    assertNotEquals(claimed.get(0).leaseToken(), claimed.get(1).leaseToken());
  }

  @Test
  @DisplayName("A delivery whose lease lapsed is claimed again under a new token once its backoff has passed, and the old token no longer works")
  void leaseExpiryRedelivers() {
    WebhookDelivery delivery = oneDelivery();
    WebhookDelivery first = claim(1, T0).get(0);
    assertTrue(claim(1, T0.plus(LEASE).minusMillis(1)).isEmpty(), "the lease is live until it ends");
    assertTrue(tx(tx -> tx.store(WebhookStore.class).claimDeliveries("sender-b", 1, T0.plus(LEASE), LEASE, LAPSES))
        .isEmpty(), "the lapse is counted, not claimed");
    Instant due = T0.plus(LEASE).plus(BACKOFF);
    WebhookDelivery second = tx(tx -> tx.store(WebhookStore.class).claimDeliveries("sender-b", 1, due, LEASE, LAPSES)).get(0);
    assertEquals(delivery.eventId(), second.eventId());
    assertEquals(1, second.attempts());
    assertEquals(1, second.lapsedClaims());
    assertEquals("sender-b", second.leaseOwner());
    assertNotEquals(first.leaseToken(), second.leaseToken());
    assertFalse(is(tx -> tx.store(WebhookStore.class).markDelivered(first.eventId(), first.endpointId(), first.leaseToken(),
        attempt(first, 200, null))));
    assertEquals(second, find(delivery));
    assertTrue(tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId())).isEmpty());
    assertTrue(is(tx -> tx.store(WebhookStore.class).markDelivered(second.eventId(), second.endpointId(), second.leaseToken(),
        attempt(second, 200, null))));
  }

  @Test
  @DisplayName("A claim that lapsed without an outcome is counted as a lapsed claim, not a sent attempt: the next claim takes its attempt back, ends its lease and keeps its last error and history")
  void lapsedClaimIsNotASentAttempt() {
    WebhookDelivery delivery = oneDelivery();
    Instant retryAt = T0.plus(Duration.ofMinutes(30));
    WebhookAttempt failure = failFirstClaim("HTTP 503", retryAt);
    WebhookDelivery second = claim(1, retryAt).get(0);
    assertEquals(2, second.attempts(), "a claim counts the attempt it is about to send");
    Instant lapsedAt = retryAt.plus(LEASE);
    assertTrue(claim(1, lapsedAt).isEmpty());
    WebhookDelivery counted = find(delivery);
    assertEquals(WebhookDeliveryStatus.PENDING, counted.status());
    assertEquals(1, counted.attempts(), "only the recorded attempt counts as sent");
    assertEquals(1, counted.lapsedClaims());
    assertNull(counted.leaseToken());
    assertNull(counted.leaseOwner());
    assertNull(counted.leaseUntil());
    assertEquals("HTTP 503", counted.lastError());
    assertEquals(List.of(failure), history(delivery), "a lapse records no attempt");
    assertFalse(release(second, second.leaseToken()), "the lapsed token no longer releases");
    assertEquals(counted, find(delivery));

    WebhookDelivery third = claim(1, lapsedAt.plus(BACKOFF)).get(0);
    assertEquals(2, third.attempts(), "the next attempt has the lapsed one's number");
    assertEquals(1, third.lapsedClaims());
    assertTrue(is(tx -> tx.store(WebhookStore.class).markDelivered(third.eventId(), third.endpointId(), third.leaseToken(),
        attempt(third, 200, null))));
    WebhookDelivery delivered = find(delivery);
    assertEquals(2, delivered.attempts());
    assertEquals(1, delivered.lapsedClaims(), "the count stays with the delivery");
  }

  @Test
  @DisplayName("A lapsed claim is due again only after the backoff its policy gives for the number of lapses, counted once however many claims pass it")
  void lapsedClaimWaitsOutTheBackoff() {
    WebhookDelivery delivery = oneDelivery();
    claim(1, T0);
    Instant firstLapse = T0.plus(LEASE);
    List<WebhookDelivery> seen = new ArrayList<>();
    assertTrue(tx(tx -> tx.store(WebhookStore.class).claimDeliveries(OWNER, 1, firstLapse, LEASE, (lapsed, now) -> {
      seen.add(lapsed);
      return LAPSES.decide(lapsed, now);
    })).isEmpty());
    assertEquals(1, seen.size(), "the policy is asked once");
    assertEquals(0, seen.get(0).attempts(), "given the delivery with the lapse counted");
    assertEquals(1, seen.get(0).lapsedClaims());
    assertEquals(OWNER, seen.get(0).leaseOwner(), "and the lapsed lease shown");
    assertEquals(firstLapse, seen.get(0).leaseUntil());
    assertEquals(firstLapse.plus(BACKOFF), find(delivery).nextAttemptAt());
    assertTrue(claim(1, firstLapse.plus(BACKOFF).minusMillis(1)).isEmpty(), "not due before the backoff");
    assertEquals(1, find(delivery).lapsedClaims(), "and counted once");

    WebhookDelivery again = claim(1, firstLapse.plus(BACKOFF)).get(0);
    Instant secondLapse = again.leaseUntil();
    assertTrue(claim(1, secondLapse).isEmpty());
    assertEquals(2, find(delivery).lapsedClaims());
    assertEquals(secondLapse.plus(BACKOFF.multipliedBy(2)), find(delivery).nextAttemptAt(),
        "the backoff grows with the lapses");
    assertTrue(claim(1, secondLapse.plus(BACKOFF.multipliedBy(2)).minusMillis(1)).isEmpty());
    assertEquals(1, claim(1, secondLapse.plus(BACKOFF.multipliedBy(2))).get(0).attempts(), "nothing was sent yet");

    WebhookDelivery other = oneDelivery();
    WebhookDelivery claimedOther = claim(1, T0).get(0);
    assertThrows(IllegalStateException.class, () -> tx(tx -> tx.store(WebhookStore.class).claimDeliveries(OWNER, 1,
        claimedOther.leaseUntil(), LEASE, (lapsed, now) -> LapsedClaim.retryAt(now))), "a backoff ends after the claim");
    assertEquals(claimedOther, find(other), "a refused decision changes nothing");
  }

  @Test
  @DisplayName("A delivery whose claims keep lapsing becomes a dead letter once sent attempts and lapsed claims reach the limit, its reason naming both counts")
  void lapsingClaimsEndInADeadLetter() {
    WebhookDelivery delivery = oneDelivery();
    failFirstClaim("HTTP 503", T0);
    Instant now = T0;
    for (int lapse = 1; lapse < BUDGET; lapse++) {
      WebhookDelivery claimed = claim(1, now).get(0);
      assertEquals(2, claimed.attempts(), "lapse " + lapse + ": still the second attempt");
      now = claimed.leaseUntil();
      assertTrue(claim(1, now).isEmpty());
      WebhookDelivery counted = find(delivery);
      if (lapse < BUDGET - 1) {
        assertEquals(WebhookDeliveryStatus.PENDING, counted.status());
        now = counted.nextAttemptAt();
      } else {
        assertEquals(WebhookDeliveryStatus.DEAD, counted.status(), "1 sent attempt and 3 lapsed claims");
        assertEquals(1, counted.attempts());
        assertEquals(3, counted.lapsedClaims());
        assertNull(counted.leaseToken());
        assertEquals("gave up after 1 sent attempts and 3 lapsed claims; the last: the claim of " + OWNER + " lapsed",
            counted.lastError());
      }
    }
    Instant end = now;
    assertTrue(claim(10, end.plus(Duration.ofDays(365))).isEmpty(), "a dead letter is never claimed");
    assertEquals(1, history(delivery).size(), "only the sent attempt is in the history");
    assertEquals(1L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.DEAD)));
    assertEquals(0L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.PENDING)));

    assertTrue(is(tx -> tx.store(WebhookStore.class).requeue(delivery.eventId(), delivery.endpointId(), end)));
    WebhookDelivery requeued = find(delivery);
    assertEquals(0, requeued.attempts());
    assertEquals(0, requeued.lapsedClaims(), "a replay starts both counts again");
  }

  @Test
  @DisplayName("A claim counts at most its limit of lapses, and goes on past them in claim order to claim the rest")
  void claimGoesOnPastLapses() {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    List<WebhookDelivery> added = deliveries(endpoint, 5);
    List<WebhookDelivery> held = claim(3, T0);
    assertEquals(3, held.size());
    Instant lapsed = T0.plus(LEASE);
    assertTrue(claim(2, lapsed).isEmpty(), "two lapses counted, the limit: nothing claimed yet");
    List<WebhookDelivery> next = claim(2, lapsed);
    assertEquals(3, held.stream().filter(d -> find(d).lapsedClaims() == 1).count(), "each lapse counted once");
    List<EventId> heldIds = eventIds(held);
    assertEquals(added.stream().map(WebhookDelivery::eventId).filter(id -> !heldIds.contains(id)).toList(),
        eventIds(next), "the third lapse counted, then the two never claimed");
  }

  @Test
  @DisplayName("A delivered delivery ends its lease, keeps its attempt and is never claimed again")
  void deliveredIsFinal() {
    WebhookDelivery delivery = oneDelivery();
    WebhookDelivery claimed = claim(1, T0).get(0);
    WebhookAttempt ok = attempt(claimed, 204, null);
    assertTrue(is(tx -> tx.store(WebhookStore.class).markDelivered(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(), ok)));
    WebhookDelivery after = find(delivery);
    assertEquals(WebhookDeliveryStatus.DELIVERED, after.status());
    assertNull(after.leaseToken());
    assertNull(after.leaseOwner());
    assertNull(after.leaseUntil());
    assertEquals(1, after.attempts());
    assertEquals(List.of(ok), tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId())));
    assertTrue(claim(10, T0.plus(Duration.ofDays(30))).isEmpty());
    assertFalse(is(tx -> tx.store(WebhookStore.class).markDelivered(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(), ok)),
        "marking twice changes nothing");
    assertFalse(is(tx -> tx.store(WebhookStore.class).markDead(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(), null,
        "late")));
    assertEquals(1L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.DELIVERED)));
    assertEquals(0L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.PENDING)));
  }

  @Test
  @DisplayName("A failed attempt keeps the delivery pending, records the attempt and its error, and hides it until its retry time")
  void failedRetriesLater() {
    WebhookDelivery delivery = oneDelivery();
    Instant retryAt = T0.plus(Duration.ofMinutes(30));
    WebhookAttempt failure = failFirstClaim("HTTP 503 " + AWKWARD_TEXT, retryAt);
    WebhookDelivery failed = find(delivery);
    assertEquals(WebhookDeliveryStatus.PENDING, failed.status());
    assertEquals(retryAt, failed.nextAttemptAt());
    assertEquals(failure.error(), failed.lastError());
    assertEquals(1, failed.attempts());
    assertNull(failed.leaseToken());
    assertTrue(claim(1, retryAt.minusMillis(1)).isEmpty());
    WebhookDelivery retried = claim(1, retryAt).get(0);
    assertEquals(2, retried.attempts());
    assertEquals(failure.error(), retried.lastError(), "the last error stays visible during the retry");
    WebhookAttempt timeout = new WebhookAttempt(retried.eventId(), retried.endpointId(), 2, retryAt, 10_000, 0,
        "timeout");
    assertTrue(is(tx -> tx.store(WebhookStore.class).markFailed(retried.eventId(), retried.endpointId(), retried.leaseToken(),
        timeout, retryAt.plusSeconds(60))));
    assertEquals(List.of(failure, timeout),
        tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId())), "history in order");
    WebhookDelivery third = claim(1, retryAt.plusSeconds(60)).get(0);
    assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.store(WebhookStore.class).markFailed(third.eventId(),
        third.endpointId(), third.leaseToken(), attempt(third, 500, null), T0)), "a failure names its error");
  }

  @Test
  @DisplayName("A stale lease token changes nothing, whatever the mark")
  void staleTokenChangesNothing() {
    WebhookDelivery delivery = oneDelivery();
    WebhookDelivery claimed = claim(1, T0).get(0);
    WebhookAttempt attempt = attempt(claimed, 500, "x");
    assertFalse(is(tx -> tx.store(WebhookStore.class).markDelivered(delivery.eventId(), delivery.endpointId(), "not-the-token",
        attempt)));
    assertFalse(is(tx -> tx.store(WebhookStore.class).markFailed(delivery.eventId(), delivery.endpointId(), "not-the-token",
        attempt, T0)));
    assertFalse(is(tx -> tx.store(WebhookStore.class).markDead(delivery.eventId(), delivery.endpointId(), "not-the-token",
        attempt, "x")));
    assertFalse(is(tx -> tx.store(WebhookStore.class).markDelivered(newEventId(), delivery.endpointId(), claimed.leaseToken(),
        attempt)), "unknown event");
    assertFalse(is(tx -> tx.store(WebhookStore.class).markDelivered(delivery.eventId(), new WebhookEndpointId(newId()),
        claimed.leaseToken(), attempt)), "unknown endpoint");
    assertEquals(claimed, find(delivery));
    assertTrue(tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId())).isEmpty());
  }

  private boolean release(WebhookDelivery claimed, String leaseToken) {
    return is(tx -> tx.store(WebhookStore.class).releaseClaim(claimed.eventId(), claimed.endpointId(), leaseToken));
  }

  private List<WebhookAttempt> history(WebhookDelivery delivery) {
    return tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId()));
  }

  @Test
  @DisplayName("A released claim ends its lease and gives back its attempt: claimable at once, with its due time, last error and history, and the same attempt number")
  void releaseGivesBackTheAttempt() {
    WebhookDelivery delivery = oneDelivery();
    Instant retryAt = T0.plus(Duration.ofMinutes(30));
    WebhookAttempt failure = failFirstClaim("HTTP 500", retryAt);
    WebhookDelivery failed = find(delivery);
    WebhookDelivery second = claim(1, retryAt).get(0);
    assertEquals(2, second.attempts());

    assertTrue(release(second, second.leaseToken()));
    assertEquals(failed, find(delivery), "as it was before the claim: attempts, due time, last error, no lease");
    assertEquals(List.of(failure), history(delivery), "nothing recorded");
    assertEquals(1L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.PENDING)));

    WebhookDelivery third = tx(tx -> tx.store(WebhookStore.class).claimDeliveries("sender-b", 1, retryAt, LEASE, LAPSES)).get(0);
    assertEquals(2, third.attempts(), "the next claim has the released one's attempt number");
    assertEquals("sender-b", third.leaseOwner());
    assertNotEquals(second.leaseToken(), third.leaseToken());
  }

  @Test
  @DisplayName("A release with a stale lease token changes nothing: another token, a delivery claimed again after its lease lapsed, marked, or already released")
  void releaseWithStaleTokenChangesNothing() {
    WebhookDelivery delivery = oneDelivery();
    WebhookDelivery first = claim(1, T0).get(0);
    for (String token : List.of("not-the-token", "' OR '1'='1", "", AWKWARD_TEXT)) {
      assertFalse(release(first, token), token);
    }
    assertFalse(is(tx -> tx.store(WebhookStore.class).releaseClaim(newEventId(), first.endpointId(), first.leaseToken())));
    assertFalse(is(tx -> tx.store(WebhookStore.class).releaseClaim(first.eventId(), new WebhookEndpointId(newId()),
        first.leaseToken())));
    assertThrows(NullPointerException.class, () -> release(first, null));
    assertThrows(NullPointerException.class,
        () -> tx(tx -> tx.store(WebhookStore.class).releaseClaim(null, first.endpointId(), first.leaseToken())));
    assertThrows(NullPointerException.class,
        () -> tx(tx -> tx.store(WebhookStore.class).releaseClaim(first.eventId(), null, first.leaseToken())));
    assertEquals(first, find(delivery));

    assertTrue(claim(1, T0.plus(LEASE)).isEmpty(), "the lapse is counted");
    Instant due = T0.plus(LEASE).plus(BACKOFF);
    WebhookDelivery second = tx(tx -> tx.store(WebhookStore.class).claimDeliveries("sender-b", 1, due, LEASE, LAPSES)).get(0);
    assertFalse(release(first, first.leaseToken()), "the lapsed lease was claimed again");
    assertEquals(second, find(delivery), "the new claim keeps its lease and its attempt");

    assertTrue(release(second, second.leaseToken()));
    WebhookDelivery released = find(delivery);
    assertEquals(0, released.attempts());
    assertFalse(release(second, second.leaseToken()), "a claim is given back once");
    assertEquals(released, find(delivery), "its attempt was given back once");

    WebhookDelivery third = claim(1, due).get(0);
    tx(tx -> tx.store(WebhookStore.class).markDelivered(third.eventId(), third.endpointId(), third.leaseToken(),
        attempt(third, 200, null)));
    WebhookDelivery delivered = find(delivery);
    assertFalse(release(third, third.leaseToken()), "a delivered delivery is not released");
    assertEquals(delivered, find(delivery));
    assertEquals(1, history(delivery).size());

    WebhookDelivery other = oneDelivery();
    WebhookDelivery claimedOther = claim(1, due).get(0);
    tx(tx -> tx.store(WebhookStore.class).markDead(claimedOther.eventId(), claimedOther.endpointId(), claimedOther.leaseToken(),
        null, "endpoint disabled"));
    WebhookDelivery dead = find(other);
    assertFalse(release(claimedOther, claimedOther.leaseToken()), "a dead letter is not released");
    assertEquals(dead, find(other));
  }

  @Test
  @DisplayName("A lease that lapsed and was not claimed again is still released by its token")
  void lapsedLeaseIsReleased() {
    WebhookDelivery delivery = oneDelivery();
    WebhookDelivery claimed = claim(1, T0).get(0);
    assertTrue(claim(1, T0.plus(LEASE).minusMillis(1)).isEmpty(), "live until its end, then lapsed");
    assertTrue(release(claimed, claimed.leaseToken()));
    WebhookDelivery released = find(delivery);
    assertEquals(0, released.attempts());
    assertNull(released.leaseToken());
    assertNull(released.leaseOwner());
    assertNull(released.leaseUntil());
    assertEquals(1, claim(1, T0.plus(LEASE).plus(LEASE)).get(0).attempts());
  }

  @Test
  @DisplayName("A rolled-back release leaves the claim as it was")
  void rolledBackReleaseKeepsTheClaim() {
    WebhookDelivery delivery = oneDelivery();
    WebhookDelivery claimed = claim(1, T0).get(0);
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      tx.store(WebhookStore.class).releaseClaim(claimed.eventId(), claimed.endpointId(), claimed.leaseToken());
      throw new IllegalStateException("rolled back");
    }));
    assertEquals(claimed, find(delivery));
    assertTrue(claim(1, T0).isEmpty(), "still leased");
  }

  @Test
  @DisplayName("A release racing a claimer of the lapsed lease on real threads never touches what the claimer did: the delivery is released and then claimed at its old attempt number, or its lapse counted first and the release refused")
  void releaseRacesClaimer() throws Exception {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    int rounds = 200;
    tx(tx -> {
      for (int i = 0; i < rounds; i++) {
        tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(message("{}"), endpoint.id(), T0.minusSeconds(rounds - i)));
      }
      return null;
    });
    List<WebhookDelivery> held = claim(rounds, T0);
    assertEquals(rounds, held.size());
    Instant lapsed = T0.plus(LEASE);
    // Round by round, one thread releases the next held delivery while the other claims one: it
    // counts the lapse of the earliest held delivery, or claims the earliest released one. A
    // release is one statement and a claim several, so in every other round the releaser first
    // reads the delivery, twice, and the claim often comes first.
    CyclicBarrier together = new CyclicBarrier(2);
    List<List<String>> perThread = race(2, thread -> {
      List<String> outcome = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        together.await(1, TimeUnit.MINUTES);
        if (thread == 0) {
          WebhookDelivery mine = held.get(round);
          if (round % 2 == 0) {
            find(mine);
            find(mine);
          }
          if (release(mine, mine.leaseToken())) {
            outcome.add(mine.eventId().value());
          }
        } else {
          tx(tx -> tx.store(WebhookStore.class).claimDeliveries("claimer", 1, lapsed, LEASE, LAPSES))
              .forEach(d -> outcome.add(d.eventId().value()));
        }
      }
      return outcome;
    });
    Set<String> released = new HashSet<>(perThread.get(0));
    Set<String> claimedInRace = new HashSet<>(perThread.get(1));
    List<String> claimed = new ArrayList<>(perThread.get(1));
    Instant afterBackoff = lapsed.plus(BACKOFF);
    tx(tx -> tx.store(WebhookStore.class).claimDeliveries("claimer", rounds, afterBackoff, LEASE, LAPSES))
        .forEach(d -> claimed.add(d.eventId().value()));
    assertEquals(rounds, claimed.size(), "every delivery is claimed again");
    assertEquals(rounds, new HashSet<>(claimed).size(), "and none twice");
    for (WebhookDelivery before : held) {
      WebhookDelivery now = find(before);
      String id = before.eventId().value();
      assertEquals("claimer", now.leaseOwner(), "no release removed a new claim's lease");
      assertNotEquals(before.leaseToken(), now.leaseToken());
      assertEquals((claimedInRace.contains(id) ? lapsed : afterBackoff).plus(LEASE), now.leaseUntil());
      assertEquals(1, now.attempts(), "a released claim gave its attempt back, and so did a counted lapse");
      assertEquals(released.contains(id) ? 0 : 1, now.lapsedClaims(),
          "a delivery whose release was refused had its lapse counted, once");
      assertTrue(history(before).isEmpty());
    }
  }

  @Test
  @DisplayName("Dead letters keep their reason and history, are listed by event and endpoint in pages, and are never claimed")
  void deadLetters() {
    WebhookEndpoint a = stored(endpoint("https://a.example/", "*"));
    WebhookEndpoint b = stored(endpoint("https://b.example/", "*"));
    List<WebhookDelivery> expected = new ArrayList<>();
    tx(tx -> {
      for (int i = 0; i < 3; i++) {
        OutboxMessage message = message("{}");
        for (WebhookEndpoint endpoint : List.of(a, b)) {
          WebhookDelivery delivery = WebhookDelivery.pending(message, endpoint.id(), T0);
          tx.store(WebhookStore.class).insertDelivery(delivery);
          expected.add(delivery);
        }
      }
      return null;
    });
    List<WebhookDelivery> claimed = claim(10, T0);
    for (WebhookDelivery delivery : claimed) {
      WebhookAttempt last = attempt(delivery, 500, "HTTP 500");
      boolean withAttempt = delivery.endpointId().equals(a.id());
      assertTrue(is(tx -> tx.store(WebhookStore.class).markDead(delivery.eventId(), delivery.endpointId(), delivery.leaseToken(),
          withAttempt ? last : null, "gave up after 10 attempts")));
    }
    assertTrue(claim(10, T0.plus(Duration.ofDays(365))).isEmpty());
    List<WebhookDelivery> listed = pageThrough(4, (last, limit) -> tx(tx -> tx.store(WebhookStore.class).listDead(
        last == null ? null : last.eventId(), last == null ? null : last.endpointId(), limit)));
    assertEquals(expected.stream().map(d -> d.eventId() + "/" + d.endpointId()).toList(),
        listed.stream().map(d -> d.eventId() + "/" + d.endpointId()).toList());
    for (WebhookDelivery dead : listed) {
      assertEquals(WebhookDeliveryStatus.DEAD, dead.status());
      assertEquals("gave up after 10 attempts", dead.lastError());
      assertNull(dead.leaseToken());
      int history = tx(tx -> tx.store(WebhookStore.class).listAttempts(dead.eventId(), dead.endpointId())).size();
      assertEquals(dead.endpointId().equals(a.id()) ? 1 : 0, history);
    }
    assertEquals(6L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.DEAD)));
    assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.store(WebhookStore.class).listDead(newEventId(), null, 5)));
  }

  @Test
  @DisplayName("A requeued dead letter is pending again with no attempts, from its new time, its history kept")
  void requeueDeadLetter() {
    WebhookDelivery delivery = oneDelivery();
    WebhookDelivery claimed = claim(1, T0).get(0);
    WebhookAttempt gone = attempt(claimed, 410, "HTTP 410");
    tx(tx -> tx.store(WebhookStore.class).markDead(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(), gone, "gone"));
    Instant later = T0.plus(Duration.ofHours(2));
    assertTrue(is(tx -> tx.store(WebhookStore.class).requeue(delivery.eventId(), delivery.endpointId(), later)));
    WebhookDelivery requeued = find(delivery);
    assertEquals(WebhookDeliveryStatus.PENDING, requeued.status());
    assertEquals(0, requeued.attempts());
    assertEquals(later, requeued.nextAttemptAt());
    assertEquals("gone", requeued.lastError());
    assertTrue(tx(tx -> tx.store(WebhookStore.class).listDead(null, null, 10)).isEmpty());
    assertEquals(List.of(gone), tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId())));
    assertTrue(claim(1, later.minusMillis(1)).isEmpty());
    assertEquals(1, claim(1, later).get(0).attempts());
    assertFalse(is(tx -> tx.store(WebhookStore.class).requeue(delivery.eventId(), delivery.endpointId(), later)),
        "a pending delivery is not a dead letter");
    assertFalse(is(tx -> tx.store(WebhookStore.class).requeue(newEventId(), delivery.endpointId(), later)));
  }

  @Test
  @DisplayName("Purging deletes delivered deliveries created before the cut-off, with their history, and nothing else")
  void purgeDelivered() {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    WebhookDelivery old = WebhookDelivery.pending(message("{}"), endpoint.id(), T0.minus(Duration.ofDays(10)));
    WebhookDelivery recent = WebhookDelivery.pending(message("{}"), endpoint.id(), T0);
    WebhookDelivery pendingOld = WebhookDelivery.pending(message("{}"), endpoint.id(), T0.minus(Duration.ofDays(10)));
    tx(tx -> {
      tx.store(WebhookStore.class).insertDelivery(old);
      tx.store(WebhookStore.class).insertDelivery(recent);
      return null;
    });
    for (WebhookDelivery claimed : claim(10, T0)) {
      tx(tx -> tx.store(WebhookStore.class).markDelivered(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(),
          attempt(claimed, 200, null)));
    }
    tx(tx -> tx.store(WebhookStore.class).insertDelivery(pendingOld));
    assertEquals(1, (int) tx(tx -> tx.store(WebhookStore.class).purgeDelivered(T0.minus(Duration.ofDays(1)))));
    assertTrue(tx(tx -> tx.store(WebhookStore.class).findDelivery(old.eventId(), endpoint.id())).isEmpty());
    assertTrue(tx(tx -> tx.store(WebhookStore.class).listAttempts(old.eventId(), endpoint.id())).isEmpty());
    assertEquals(1, tx(tx -> tx.store(WebhookStore.class).listAttempts(recent.eventId(), endpoint.id())).size());
    assertTrue(tx(tx -> tx.store(WebhookStore.class).findDelivery(pendingOld.eventId(), endpoint.id())).isPresent());
    assertEquals(1L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.DELIVERED)));
  }

  @Test
  @DisplayName("Fanning out commits with the outbox mark or not at all: a rolled-back fan-out leaves the entry and no delivery")
  void fanOutIsAtomic() {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    OutboxMessage message = message("{}");
    tx(tx -> {
      tx.outbox().append(message);
      return null;
    });
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      OutboxEntry entry = tx.outbox().claim(1, T0, LEASE).get(0);
      tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(entry.message(), endpoint.id(), T0));
      tx.outbox().markDelivered(entry.message().id(), entry.leaseToken());
      throw new IllegalStateException("the process died before commit");
    }));
    assertTrue(tx(tx -> tx.store(WebhookStore.class).findDelivery(message.id(), endpoint.id())).isEmpty());
    OutboxEntry entry = tx(tx -> tx.outbox().find(message.id())).orElseThrow();
    assertEquals(OutboxStatus.PENDING, entry.status());
    assertNull(entry.leaseToken(), "the claim was rolled back too");
    tx(tx -> {
      OutboxEntry claimed = tx.outbox().claim(1, T0, LEASE).get(0);
      tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(claimed.message(), endpoint.id(), T0));
      return tx.outbox().markDelivered(claimed.message().id(), claimed.leaseToken());
    });
    assertEquals(OutboxStatus.DELIVERED, tx(tx -> tx.outbox().find(message.id())).orElseThrow().status());
    assertTrue(tx(tx -> tx.store(WebhookStore.class).findDelivery(message.id(), endpoint.id())).isPresent());
  }

  @Test
  @DisplayName("A rolled-back claim or mark leaves the delivery as it was")
  void rollbackUndoesClaimAndMark() {
    WebhookDelivery delivery = oneDelivery();
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      tx.store(WebhookStore.class).claimDeliveries(OWNER, 1, T0, LEASE, LAPSES);
      throw new IllegalStateException("rolled back");
    }));
    assertEquals(delivery, find(delivery));
    WebhookDelivery claimed = claim(1, T0).get(0);
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      tx.store(WebhookStore.class).markDelivered(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(),
          attempt(claimed, 200, null));
      throw new IllegalStateException("rolled back");
    }));
    assertEquals(claimed, find(delivery));
    assertTrue(tx(tx -> tx.store(WebhookStore.class).listAttempts(delivery.eventId(), delivery.endpointId())).isEmpty());
  }

  @Test
  @DisplayName("Concurrent claimers on 8 threads, racing for expiring leases, never hold the same delivery under live leases")
  void leaseRace() throws Exception {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    List<WebhookDelivery> all = deliveries(endpoint, 300);
    // Each thread claims, then marks what it holds delivered, except every third batch, which it
    // abandons: that lease lapses (claims run at later instants), a claim counts the lapse, and
    // another thread must take it once its backoff, a millisecond here, has passed.
    Duration shortLease = Duration.ofSeconds(1);
    LapsedClaim.Policy soon = (lapsed, now) -> LapsedClaim.retryAt(now.plusMillis(1));
    List<List<String>> perThread = race(8, thread -> {
      List<String> mine = new ArrayList<>();
      for (int round = 0; round < 400; round++) {
        Instant now = T0.plusSeconds(round * 2L);
        List<WebhookDelivery> batch =
            tx(tx -> tx.store(WebhookStore.class).claimDeliveries("thread-" + thread, 5, now, shortLease, soon));
        if (batch.isEmpty() && round > 3) {
          break;
        }
        if (round % 3 == 2) {
          continue;
        }
        for (WebhookDelivery claimed : batch) {
          if (is(tx -> tx.store(WebhookStore.class).markDelivered(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(),
              attempt(claimed, 200, null)))) {
            mine.add(claimed.eventId().value());
          }
        }
      }
      return mine;
    });
    Set<String> delivered = new HashSet<>(
        Race.takenOnce(perThread, "no delivery was marked delivered twice: no attempt was sent twice"));
    // Whatever the threads abandoned last is claimable once its lease lapsed and the claim that
    // counted the lapse has passed.
    for (Instant sweep : List.of(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)))) {
      for (WebhookDelivery claimed : tx(tx -> tx.store(WebhookStore.class).claimDeliveries(OWNER, 1000, sweep, LEASE, soon))) {
        assertTrue(is(tx -> tx.store(WebhookStore.class).markDelivered(claimed.eventId(), claimed.endpointId(),
            claimed.leaseToken(), attempt(claimed, 200, null))));
        assertTrue(delivered.add(claimed.eventId().value()));
      }
    }
    assertEquals(all.stream().map(d -> d.eventId().value()).collect(Collectors.toSet()), delivered);
    assertEquals(300L, (long) tx(tx -> tx.store(WebhookStore.class).countDeliveries(WebhookDeliveryStatus.DELIVERED)));
  }

  @Test
  @DisplayName("Concurrent claimers on 8 threads never receive the same delivery, and together receive all")
  void concurrentClaimersNeverShare() throws Exception {
    WebhookEndpoint a = stored(endpoint("https://a.example/", "*"));
    WebhookEndpoint b = stored(endpoint("https://b.example/", "*"));
    List<WebhookDelivery> all = new ArrayList<>(deliveries(a, 200));
    all.addAll(deliveries(b, 200));
    List<List<String>> perThread = race(8, thread -> {
      List<String> mine = new ArrayList<>();
      while (true) {
        List<WebhookDelivery> batch = tx(tx -> tx.store(WebhookStore.class).claimDeliveries("thread-" + thread, 7, T0, LEASE, LAPSES));
        if (batch.isEmpty()) {
          return mine;
        }
        batch.forEach(d -> mine.add(d.eventId() + "/" + d.endpointId()));
      }
    });
    Set<String> seen = Race.takenOnce(perThread, "no delivery was handed out twice");
    assertEquals(all.stream().map(d -> d.eventId() + "/" + d.endpointId()).collect(Collectors.toSet()), seen);
  }

  @Test
  @DisplayName("Concurrent claimers on 8 threads racing over lapsed claims count each lapse once, and after the backoff never receive the same delivery, and together receive all")
  void racingClaimersCountEachLapseOnce() throws Exception {
    WebhookEndpoint endpoint = stored(endpoint("https://shop.example/hooks", "*"));
    List<WebhookDelivery> all = deliveries(endpoint, 200);
    assertEquals(200, claim(200, T0).size(), "all held by a process that then dies");
    Instant lapsed = T0.plus(LEASE);
    List<List<String>> perThread = race(8, thread -> {
      List<String> mine = new ArrayList<>();
      int[] asked = new int[1];
      LapsedClaim.Policy counting = (d, now) -> {
        asked[0]++;
        return LAPSES.decide(d, now);
      };
      // At the lapse, claims only count lapses; a claim that found none means all were counted.
      do {
        asked[0] = 0;
        assertTrue(tx(tx -> tx.store(WebhookStore.class).claimDeliveries("thread-" + thread, 7, lapsed, LEASE, counting))
            .isEmpty(), "a lapsed claim is not claimed at once");
      } while (asked[0] > 0);
      while (true) {
        List<WebhookDelivery> batch = tx(tx -> tx.store(WebhookStore.class).claimDeliveries("thread-" + thread, 7,
            lapsed.plus(BACKOFF), LEASE, counting));
        if (batch.isEmpty()) {
          return mine;
        }
        batch.forEach(d -> mine.add(d.eventId() + "/" + d.endpointId()));
      }
    });
    Set<String> seen = Race.takenOnce(perThread, "no delivery was handed out twice");
    assertEquals(all.stream().map(d -> d.eventId() + "/" + d.endpointId()).collect(Collectors.toSet()), seen);
    for (WebhookDelivery delivery : all) {
      WebhookDelivery now = find(delivery);
      assertEquals(1, now.lapsedClaims(), "each lapse counted once");
      assertEquals(1, now.attempts(), "and its attempt taken back once");
    }
  }
}
