package dev.meadow.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.StorageException;
import dev.meadow.core.spi.Storage;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery stopped in the middle of a batch, then restarted on the same storage, loses
 * nothing: a killed process leaves its claims to their leases (each lapse counted as a lapsed claim,
 * not a sent attempt, and sent again after a backoff), a clean shutdown gives back what it did not
 * send, claimable at once and uncounted. Every storage
 * adapter runs it: extend it and implement {@link #newStorage()}, as
 * {@code MemoryWebhookDeliveryCrashTest} does (and the JDBC adapter's tests, on PostgreSQL and H2).
 * It needs this module's test jar, {@code sdk-core}'s test jar and {@code mockwebserver} on the
 * test class path.
 */
public abstract class WebhookDeliveryCrashContract {
  private static final int EVENTS = 200;
  private static final int BATCH = 50;
  private static final int STOP_AT_REQUEST = 30;

  private Shop shop;

  /** Returns the storage under test, every store empty. Called before each test. */
  protected abstract Storage newStorage();

  @BeforeEach
  final void openShop() {
    shop = new Shop(newStorage());
  }

  @AfterEach
  final void closeShop() throws Exception {
    shop.close();
  }

  /** Has the receiver accept every request, and run {@code stop} while answering request {@link #STOP_AT_REQUEST}. */
  private void stopAtRequest(Runnable stop) {
    AtomicInteger requests = new AtomicInteger();
    shop.receiver.answer(call -> {
      if (requests.incrementAndGet() == STOP_AT_REQUEST) {
        stop.run();
      }
      return new MockResponse().setResponseCode(200);
    });
  }

  private Set<String> emitEvents() {
    return shop.emit(EVENTS).stream().map(EventId::value).collect(Collectors.toSet());
  }

  /** Returns how many of the events' deliveries to {@code endpoint} were claimed {@code attempts} times. */
  private static long withAttempts(Webhooks webhooks, Set<String> events, WebhookEndpointId endpoint, int attempts) {
    return events.stream()
        .map(id -> webhooks.delivery(EventId.of(id), endpoint).orElseThrow())
        .filter(d -> d.attempts() == attempts)
        .count();
  }

  private void assertEverythingDelivered(Webhooks restarted, Set<String> events) {
    assertEquals(events.size(), restarted.count(WebhookDeliveryStatus.DELIVERED), "every event delivered");
    assertEquals(0, restarted.count(WebhookDeliveryStatus.PENDING));
    assertEquals(0, restarted.count(WebhookDeliveryStatus.DEAD));
    assertTrue(shop.witness.outbox().isEmpty(), "the outbox is consumed");
    assertEquals(events, shop.receiver.acted(), "the receiver acted on every event, once");
  }

  @Test
  @DisplayName("A process killed mid-batch, between sending an event and recording it, loses nothing: a restart on the same storage sends the rest, and the unrecorded ones once their lease lapsed and a backoff passed, each claim counted as a lapsed claim, not a sent attempt")
  void killedMidBatch() {
    Set<String> events = emitEvents();
    FailingStorage dying = new FailingStorage(shop.storage);
    Webhooks first = Shop.install(dying, shop.clock, Webhooks.builder().allowAddresses(AddressKind.LOOPBACK)
        .batchSize(BATCH).timeout(Duration.ofSeconds(2)).owner("first"));
    WebhookEndpointId endpoint = shop.registerVerified(first).endpoint().id();
    stopAtRequest(dying::kill);
    assertThrows(StorageException.class, first::deliverPending, "the process dies");
    assertEquals(STOP_AT_REQUEST, shop.receiver.calls().size());

    Webhooks restarted = shop.webhooks().batchSize(BATCH).owner("restarted").build();
    restarted.deliverPending();
    assertEquals(events.size() - BATCH + STOP_AT_REQUEST - 1, restarted.count(WebhookDeliveryStatus.DELIVERED),
        "everything but the dead process's leased batch, less what it recorded");
    shop.advance(Duration.ofHours(1));
    int received = shop.receiver.calls().size();
    assertEquals(DeliveryReport.empty(), restarted.deliverPending(), "the lapses are counted, not sent at once");
    assertEquals(received, shop.receiver.calls().size());
    shop.advance(Duration.ofMinutes(1));   // past the standard schedule's first delay, 5 s ± 20%
    restarted.deliverPending();
    assertEverythingDelivered(restarted, events);
    assertEquals(1, shop.receiver.duplicates(), "only the event sent but not recorded came twice");
    assertEquals(events.size(), withAttempts(restarted, events, endpoint, 1),
        "every event took one sent attempt: the dead process's unrecorded claims were not counted as sent");
    assertEquals(BATCH - STOP_AT_REQUEST + 1, events.stream()
        .filter(id -> restarted.delivery(EventId.of(id), endpoint).orElseThrow().lapsedClaims() == 1).count(),
        "but as lapsed claims");
  }

  @Test
  @DisplayName("A clean shutdown mid-batch loses nothing and costs nothing: what it claimed and did not send is claimable at once, its attempt count unchanged, and sent once")
  void shutdownMidBatch() {
    Set<String> events = emitEvents();
    Webhooks first = shop.webhooks().batchSize(BATCH).owner("first").build();
    WebhookEndpointId endpoint = shop.registerVerified(first).endpoint().id();
    stopAtRequest(first::shutdown);
    DeliveryReport stopped = first.deliverPending();
    assertEquals(STOP_AT_REQUEST, stopped.delivered(), "the attempt in flight was recorded");
    assertEquals(BATCH - STOP_AT_REQUEST, stopped.released(), "the rest of the batch was given back");
    assertEquals(0, stopped.abandoned());

    // The batch's unsent rest: fanned out (the other events are still in the outbox), not received.
    Set<String> unsent = new HashSet<>();
    for (String id : events) {
      if (!shop.receiver.acted().contains(id) && first.delivery(EventId.of(id), endpoint).isPresent()) {
        unsent.add(id);
      }
    }
    assertEquals(BATCH - STOP_AT_REQUEST, unsent.size());
    assertEquals(unsent.size(), withAttempts(first, unsent, endpoint, 0), "no attempt used up, none leased");
    for (String id : unsent) {
      WebhookDelivery delivery = first.delivery(EventId.of(id), endpoint).orElseThrow();
      assertNull(delivery.leaseToken(), id);
      assertTrue(first.attempts(delivery.eventId(), endpoint).isEmpty(), "nothing recorded for " + id);
    }

    Webhooks restarted = shop.webhooks().batchSize(BATCH).owner("restarted").build();
    restarted.deliverPending();   // at the same instant: no lease to wait for
    assertEverythingDelivered(restarted, events);
    assertEquals(0, shop.receiver.duplicates());
    assertEquals(events.size(), withAttempts(restarted, events, endpoint, 1), "every event took one attempt");
    for (String id : unsent) {
      assertEquals(1, restarted.attempts(EventId.of(id), endpoint).get(0).number(), id);
    }
  }

  @Test
  @DisplayName("Deliverers killed again and again on one event do not use up its attempts: each lapsed claim is counted apart from the sent attempts, waits out the schedule's delay for the number of lapses, and once both together reach the schedule's attempts the event is a dead letter whose reason names both")
  void killedAgainAndAgain() {
    RetrySchedule schedule = new RetrySchedule(4, Duration.ofSeconds(10), 2, Duration.ofMinutes(10), 0);
    Duration lease = Duration.ofSeconds(30);
    Webhooks healthy = shop.webhooks().retrySchedule(schedule).lease(lease).owner("healthy").build();
    WebhookEndpointId endpoint = shop.registerVerified(healthy).endpoint().id();
    shop.receiver.answer(call -> new MockResponse().setResponseCode(503));
    EventId event = shop.emit(1).get(0);
    healthy.deliverPending();
    WebhookDelivery failed = healthy.delivery(event, endpoint).orElseThrow();
    assertEquals(1, failed.attempts(), "one attempt sent and recorded: HTTP 503");

    AtomicReference<FailingStorage> dying = new AtomicReference<>();
    shop.receiver.answer(call -> {
      dying.get().kill();
      return new MockResponse().setResponseCode(200);
    });
    Instant due = failed.nextAttemptAt();
    for (int lapse = 1; lapse <= 3; lapse++) {
      shop.clock.set(due);
      dying.set(new FailingStorage(shop.storage));
      Webhooks doomed = Shop.install(dying.get(), shop.clock, Webhooks.builder().allowAddresses(AddressKind.LOOPBACK)
          .retrySchedule(schedule).timeout(Duration.ofSeconds(2)).lease(lease).owner("doomed-" + lapse));
      assertThrows(StorageException.class, doomed::deliverPending, "the deliverer dies with the event unrecorded");
      int received = shop.receiver.calls().size();
      Instant lapsedAt = due.plus(lease);
      shop.clock.set(lapsedAt);
      assertEquals(DeliveryReport.empty(), healthy.deliverPending(), "lapse " + lapse + " is counted, not sent");
      assertEquals(received, shop.receiver.calls().size());
      WebhookDelivery counted = healthy.delivery(event, endpoint).orElseThrow();
      assertEquals(1, counted.attempts(), "a lapsed claim is not a sent attempt");
      assertEquals(lapse, counted.lapsedClaims());
      assertNull(counted.leaseToken());
      if (lapse < 3) {
        assertEquals(WebhookDeliveryStatus.PENDING, counted.status());
        assertEquals(lapsedAt.plus(schedule.nominalDelay(lapse)), counted.nextAttemptAt(),
            "due again after the schedule's delay for " + lapse + " lapses");
        shop.clock.set(counted.nextAttemptAt().minusMillis(1));
        assertEquals(DeliveryReport.empty(), healthy.deliverPending(), "not before its backoff");
        due = counted.nextAttemptAt();
      } else {
        assertEquals(WebhookDeliveryStatus.DEAD, counted.status(), "1 sent attempt and 3 lapsed claims: all 4");
        assertEquals("gave up after 1 sent attempt and 3 lapsed claims; the last: the claim of doomed-3 lapsed at "
            + lapsedAt + " without an outcome", counted.lastError());
      }
    }
    assertEquals(1, healthy.attempts(event, endpoint).size(), "only the recorded attempt is in the history");
    assertEquals(1, healthy.count(WebhookDeliveryStatus.DEAD));
    shop.advance(Duration.ofDays(1));
    assertEquals(DeliveryReport.empty(), healthy.deliverPending(), "a dead letter is not sent again");
  }
}
