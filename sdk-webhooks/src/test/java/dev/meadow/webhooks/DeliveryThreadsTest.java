package dev.meadow.webhooks;

import dev.meadow.webhooks.spi.WebhookStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.Meadow;
import dev.meadow.core.StorageException;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where delivery runs: the host's executor, its own calls, and what a lease allows. */
class DeliveryThreadsTest {
  private final Shop shop = new Shop(MemoryStorage.create());

  @AfterEach
  void close() throws Exception {
    shop.close();
  }

  @Test
  @DisplayName("Started on the host's executor, workers deliver every event; after shutdown no new attempt starts")
  void runsOnTheHostsExecutor() throws Exception {
    Webhooks webhooks = shop.webhooks().batchSize(10).build();
    shop.register(webhooks, "/hooks");
    Set<String> events = shop.emit(100).stream().map(EventId::value).collect(Collectors.toSet());
    CountDownLatch all = new CountDownLatch(events.size());
    shop.receiver.answer(call -> {
      all.countDown();
      return new MockResponse().setResponseCode(200);
    });
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    try {
      webhooks.start(executor, Duration.ofMillis(20), 2);
      assertTrue(all.await(30, TimeUnit.SECONDS), "every event arrived");
      webhooks.shutdown();
      executor.shutdown();
      assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "the workers stopped");
    } finally {
      executor.shutdownNow();
    }
    assertEquals(events, shop.receiver.acted());
    assertEquals(0, shop.receiver.duplicates());
    int received = shop.receiver.calls().size();
    shop.emit(5);
    assertThrows(IllegalStateException.class, webhooks::deliverPending, "a shut-down instance refuses to deliver");
    assertEquals(received, shop.receiver.calls().size(), "nothing is sent after shutdown");
    assertEquals(events.size(), webhooks.count(WebhookDeliveryStatus.DELIVERED));
  }

  @Test
  @DisplayName("A claimed delivery whose lease would lapse before an attempt could end is not sent but released, claimed again at once without using up an attempt")
  void leaseTooShortForAnotherAttempt() {
    Webhooks webhooks = shop.webhooks().batchSize(5).timeout(Duration.ofMillis(500)).lease(Duration.ofSeconds(2))
        .build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    shop.receiver.answer(call -> {
      shop.advance(Duration.ofSeconds(1));   // each request takes a second, by the shop's clock
      return new MockResponse().setResponseCode(200);
    });
    List<EventId> events = shop.emit(5);
    DeliveryReport report = webhooks.deliverPending();
    // Each claim of 5 sends two (at T and T+1 s) and releases the rest at T+2 s, when another
    // attempt could outlast the lease; the same call claims them again at once, until all are sent.
    assertEquals(3 + 1, report.released(), report.toString());
    assertEquals(0, report.abandoned());
    assertEquals(5, report.delivered());
    assertEquals(5, shop.receiver.calls().size(), "a released delivery was not sent");
    assertEquals(0, shop.receiver.duplicates());
    assertEquals(5, webhooks.count(WebhookDeliveryStatus.DELIVERED));
    for (EventId event : events) {
      assertEquals(1, webhooks.delivery(event, endpoint).orElseThrow().attempts(), "a release costs no attempt");
      assertEquals(1, webhooks.attempts(event, endpoint).get(0).number());
    }
  }

  @Test
  @DisplayName("A call whose every batch would outlive its lease before an attempt could end releases the batch and returns, instead of claiming it again and again")
  void leaseTooShortForAnyAttemptEndsTheCall() {
    Webhooks webhooks = shop.webhooks().batchSize(5).timeout(Duration.ofMillis(500)).lease(Duration.ofSeconds(1))
        .build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    List<EventId> events = shop.emit(5);
    // Every reading of the clock now moves it 600 ms on: by the time the first delivery of a claim
    // (lease 1 s) would be sent, less than the 500 ms timeout is left.
    shop.clock.tickOnEveryRead(Duration.ofMillis(600));
    DeliveryReport report = assertTimeoutPreemptively(Duration.ofSeconds(30), webhooks::deliverPending);
    assertEquals(new DeliveryReport(5, 0, 0, 0, 0, 5), report);
    assertTrue(shop.receiver.calls().isEmpty());
    for (EventId event : events) {
      WebhookDelivery delivery = webhooks.delivery(event, endpoint).orElseThrow();
      assertEquals(0, delivery.attempts(), "released, not used up");
      assertNull(delivery.leaseToken());
    }
  }

  @Test
  @DisplayName("A shutdown during an attempt whose lease lapsed and was claimed by another process leaves that delivery and the unsent rest to it")
  void shutdownAfterTheLeaseWasTakenOver() {
    Webhooks webhooks = shop.webhooks().batchSize(5).lease(Duration.ofSeconds(30)).build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    List<EventId> events = shop.emit(5);
    assertEquals(5, events.size(), "one batch");
    List<WebhookDelivery> takenOver = new ArrayList<>();
    LapsedClaim.Policy lapses = (lapsed, now) -> LapsedClaim.retryAt(now.plusSeconds(10));
    shop.receiver.answer(call -> {
      webhooks.shutdown();
      // The request outlasts the lease; another process counts the lapses, then claims after the backoff.
      shop.advance(Duration.ofSeconds(30));
      for (int claim = 0; claim < 2; claim++) {
        takenOver.addAll(shop.storage.inTransaction(tx -> tx.store(WebhookStore.class).claimDeliveries("other", 10,
            shop.clock.instant(), Duration.ofMinutes(5), lapses)));
        shop.advance(Duration.ofSeconds(10));
      }
      return new MockResponse().setResponseCode(200);
    });
    DeliveryReport report = webhooks.deliverPending();
    assertEquals(new DeliveryReport(5, 0, 0, 0, 5, 0), report, "neither recorded nor released");
    assertEquals(5, takenOver.size());
    for (EventId event : events) {
      WebhookDelivery delivery = webhooks.delivery(event, endpoint).orElseThrow();
      assertEquals("other", delivery.leaseOwner(), "the other process keeps its claim");
      assertEquals(1, delivery.attempts(), "the lapsed claim's attempt was taken back");
      assertEquals(1, delivery.lapsedClaims());
      assertTrue(webhooks.attempts(event, endpoint).isEmpty(), "the first process recorded nothing");
    }
  }

  @Test
  @DisplayName("A shutdown whose release fails in the storage leaves the unsent claims to their leases: sent after the lease and a backoff, each counted as a lapsed claim, not an attempt")
  void failedReleaseFallsBackOnTheLease() {
    FailingStorage failing = new FailingStorage(shop.storage);
    Webhooks webhooks = Shop.install(failing, shop.clock, Webhooks.builder().allowAddresses(AddressKind.LOOPBACK)
        .timeout(Duration.ofSeconds(2)).batchSize(5).owner("first"));
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    List<EventId> events = shop.emit(5);
    shop.receiver.answer(call -> {
      webhooks.shutdown();
      failing.failAfter(1);   // the attempt in flight is recorded, the release fails
      return new MockResponse().setResponseCode(200);
    });
    assertThrows(StorageException.class, webhooks::deliverPending);
    failing.recover();
    assertEquals(1, webhooks.count(WebhookDeliveryStatus.DELIVERED));
    List<WebhookDelivery> leased = events.stream()
        .map(event -> webhooks.delivery(event, endpoint).orElseThrow())
        .filter(d -> d.status() == WebhookDeliveryStatus.PENDING)
        .toList();
    assertEquals(4, leased.size());
    leased.forEach(d -> assertEquals("first", d.leaseOwner(), "still leased"));

    shop.receiver.answer(call -> new MockResponse().setResponseCode(200));
    Webhooks next = shop.webhooks().owner("next").build();
    assertEquals(0, next.deliverPending().delivered(), "nothing to claim before the leases lapse");
    shop.advance(Duration.ofSeconds(2 * 5 + 60));   // the default lease: timeout times batch, plus a minute
    assertEquals(0, next.deliverPending().delivered(), "the lapses are counted, not claimed at once");
    shop.advance(RetrySchedule.standard().maxDelay());   // past any backoff
    assertEquals(4, next.deliverPending().delivered());
    for (WebhookDelivery d : leased) {
      WebhookDelivery delivered = next.delivery(d.eventId(), endpoint).orElseThrow();
      assertEquals(1, delivered.attempts(), "the lapsed claim's attempt is not counted as sent");
      assertEquals(1, delivered.lapsedClaims(), "but as a lapsed claim");
    }
    assertEquals(0, shop.receiver.duplicates());
  }

  @Test
  @DisplayName("Workers on the host's executor, shut down mid-batch and awaited, release what they did not send: another process sends it at once, one attempt each")
  void shutdownWorkersReleaseTheirClaims() throws Exception {
    Webhooks webhooks = shop.webhooks().batchSize(10).owner("first").build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    Set<String> events = shop.emit(60).stream().map(EventId::value).collect(Collectors.toSet());
    CountDownLatch inFlight = new CountDownLatch(2);
    CountDownLatch stopped = new CountDownLatch(1);
    shop.receiver.answer(call -> {
      inFlight.countDown();
      try {
        assertTrue(stopped.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new MockResponse().setResponseCode(200);
    });
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    try {
      webhooks.start(executor, Duration.ofMillis(20), 2);
      assertTrue(inFlight.await(30, TimeUnit.SECONDS), "both workers are sending");
      webhooks.shutdown();
      stopped.countDown();
      executor.shutdown();
      assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "the workers stopped");
    } finally {
      executor.shutdownNow();
    }
    assertEquals(2, webhooks.count(WebhookDeliveryStatus.DELIVERED), "the two attempts in flight were recorded");
    Webhooks next = shop.webhooks().owner("next").build();
    shop.receiver.answer(call -> new MockResponse().setResponseCode(200));
    next.deliverPending();   // at the same instant: nothing waits for a lease
    assertEquals(events, shop.receiver.acted());
    assertEquals(0, shop.receiver.duplicates());
    for (String event : events) {
      assertEquals(1, next.delivery(EventId.of(event), endpoint).orElseThrow().attempts(), event);
    }
  }

  @Test
  @DisplayName("Delivery connects directly, never through a proxy set on the host's client")
  void neverThroughAProxy() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start();
      OkHttpClient proxied = new OkHttpClient.Builder()
          .proxy(new java.net.Proxy(java.net.Proxy.Type.HTTP, new java.net.InetSocketAddress(proxy.getHostName(),
              proxy.getPort())))
          .build();
      Webhooks webhooks = shop.webhooks().httpClient(proxied).build();
      shop.register(webhooks, "/hooks");
      shop.emit(1);
      assertEquals(1, webhooks.deliverPending().delivered());
      assertEquals(0, proxy.getRequestCount());
      assertEquals(1, shop.receiver.calls().size());
    }
  }

  @Test
  @DisplayName("Two processes delivering from the same storage at once send each event once")
  void twoProcesses() throws Exception {
    Webhooks first = shop.webhooks().batchSize(7).owner("first").build();
    Webhooks second = shop.webhooks().batchSize(7).owner("second").build();
    shop.register(first, "/hooks");
    Set<String> events = shop.emit(300).stream().map(EventId::value).collect(Collectors.toSet());
    List<DeliveryReport> reports = dev.meadow.storage.tck.Race.run(2,
        thread -> (thread == 0 ? first : second).deliverPending());
    assertEquals(events.size(), reports.get(0).delivered() + reports.get(1).delivered());
    assertEquals(events.size(), reports.get(0).fannedOut() + reports.get(1).fannedOut(), "each event fanned out once");
    assertEquals(events, shop.receiver.acted());
    assertEquals(0, shop.receiver.duplicates());
  }
}
