package dev.meadow.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.OutboxStatus;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Delivery outcomes against a real HTTP server on loopback, on a clock the test moves. */
class DeliveryTest {
  private final Shop shop = new Shop(MemoryStorage.create());
  private final Webhooks webhooks = shop.webhooks().build();

  @AfterEach
  void close() throws Exception {
    shop.close();
  }

  private static MockResponse status(int code) {
    return new MockResponse().setResponseCode(code);
  }

  private WebhookDelivery delivery(Webhooks webhooks, EventId event, WebhookEndpointId endpoint) {
    return webhooks.delivery(event, endpoint).orElseThrow();
  }

  @Test
  @DisplayName("A 2xx answer marks the delivery delivered with its attempt, and the outbox entry is consumed")
  void successIsDelivered() {
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    EventId event = shop.emit(1).get(0);
    DeliveryReport report = webhooks.deliverPending();
    assertEquals(new DeliveryReport(1, 1, 0, 0, 0, 0), report);
    WebhookDelivery delivery = delivery(webhooks, event, endpoint);
    assertEquals(WebhookDeliveryStatus.DELIVERED, delivery.status());
    List<WebhookAttempt> attempts = webhooks.attempts(event, endpoint);
    assertEquals(1, attempts.size());
    assertEquals(204, attempts.get(0).statusCode());
    assertNull(attempts.get(0).error());
    assertEquals(OutboxStatus.DELIVERED, shop.meadow.outbox().find(event).orElseThrow().status());
    assertEquals(DeliveryReport.empty(), webhooks.deliverPending(), "nothing is sent twice");
    assertEquals(1, shop.receiver.calls().size());
  }

  @Test
  @DisplayName("Purging deletes delivered deliveries older than the age, with their attempts, and keeps dead letters")
  void purgeDelivered() {
    Webhooks webhooks = shop.webhooks().retrySchedule(RetrySchedule.standard().withMaxAttempts(1)).build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    shop.receiver.answer(call -> status(call.id().equals(shop.witness.heard().get(0).id().value()) ? 500 : 200));
    List<EventId> events = shop.emit(2);
    webhooks.deliverPending();
    shop.advance(Duration.ofDays(2));
    assertEquals(0, webhooks.purgeDelivered(Duration.ofDays(3)));
    assertEquals(1, webhooks.purgeDelivered(Duration.ofDays(1)));
    assertTrue(webhooks.delivery(events.get(1), endpoint).isEmpty());
    assertTrue(webhooks.attempts(events.get(1), endpoint).isEmpty());
    assertEquals(WebhookDeliveryStatus.DEAD, delivery(webhooks, events.get(0), endpoint).status());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> webhooks.purgeDelivered(Duration.ofSeconds(-1)));
  }

  @Test
  @DisplayName("Each endpoint gets only the event types it asked for, each event once per endpoint")
  void fanOutByEventType() {
    WebhookEndpointId all = shop.register(webhooks, "/all");
    WebhookEndpointId joins = webhooks.register(shop.url("/joins"), List.of("group.member_joined")).endpoint().id();
    List<EventId> events = shop.emit(3);
    webhooks.deliverPending();
    long toJoins = shop.receiver.calls().stream().filter(c -> c.path().equals("/joins")).count();
    long toAll = shop.receiver.calls().stream().filter(c -> c.path().equals("/all")).count();
    assertEquals(events.size(), toAll);
    long joinEvents = shop.witness.heard().stream().filter(e -> e.type().equals("group.member_joined")).count();
    assertEquals(joinEvents, toJoins);
    assertTrue(toJoins < toAll, "the group.created event did not go to /joins");
    assertTrue(webhooks.delivery(events.get(0), all).isPresent());
    assertTrue(webhooks.delivery(events.get(0), joins).isEmpty());
  }

  @Test
  @DisplayName("Failures are retried on the schedule, with backoff and jitter from the injected random, until the last attempt makes a dead letter")
  void retriesFollowTheSchedule() {
    RetrySchedule schedule = RetrySchedule.standard();
    Webhooks webhooks = shop.webhooks().random(new Random(42)).build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    shop.receiver.answer(call -> status(500));
    EventId event = shop.emit(1).get(0);
    Random expectedJitter = new Random(42);
    Duration total = Duration.ZERO;
    for (int attempt = 1; attempt <= 10; attempt++) {
      Instant sentAt = shop.clock.instant();
      webhooks.deliverPending();
      assertEquals(attempt, shop.receiver.calls().size(), "one request per attempt");
      WebhookDelivery delivery = delivery(webhooks, event, endpoint);
      assertEquals(attempt, delivery.attempts());
      if (attempt == 10) {
        assertEquals(WebhookDeliveryStatus.DEAD, delivery.status());
        assertTrue(delivery.lastError().startsWith("gave up after 10 sent attempts and 0 lapsed claims; the last: HTTP 500"),
            delivery.lastError());
        break;
      }
      Duration wait = schedule.delay(attempt, expectedJitter);
      assertEquals(sentAt.plus(wait), delivery.nextAttemptAt(), "attempt " + attempt + " waits " + wait);
      Duration nominal = schedule.nominalDelay(attempt);
      assertTrue(wait.toMillis() >= nominal.toMillis() * 0.8 - 1 && wait.toMillis() <= nominal.toMillis() * 1.2 + 1);
      shop.clock.set(delivery.nextAttemptAt().minusMillis(1));
      webhooks.deliverPending();
      assertEquals(attempt, shop.receiver.calls().size(), "nothing is sent before its time");
      shop.clock.set(delivery.nextAttemptAt());
      total = total.plus(wait);
    }
    assertTrue(total.compareTo(Duration.ofDays(2)) > 0 && total.compareTo(Duration.ofDays(4)) < 0,
        "about three days of retries: " + total);
    assertEquals(10, webhooks.attempts(event, endpoint).size());
    assertTrue(webhooks.attempts(event, endpoint).stream().allMatch(a -> a.statusCode() == 500));
  }

  @Test
  @DisplayName("Retry-After on 429 or 503, in seconds or as an HTTP date, sets the next attempt instead of the backoff")
  void retryAfterIsHonoured() {
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    EventId event = shop.emit(1).get(0);

    shop.receiver.answer(call -> status(429).setHeader("Retry-After", "120"));
    Instant first = shop.clock.instant();
    webhooks.deliverPending();
    assertEquals(first.plusSeconds(120), delivery(webhooks, event, endpoint).nextAttemptAt());

    shop.clock.set(first.plusSeconds(120));
    Instant asked = first.plus(Duration.ofHours(3));
    shop.receiver.answer(call -> status(503).setHeader("Retry-After",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(asked.atOffset(ZoneOffset.UTC))));
    webhooks.deliverPending();
    assertEquals(asked, delivery(webhooks, event, endpoint).nextAttemptAt());

    shop.clock.set(asked);
    shop.receiver.answer(call -> status(429).setHeader("Retry-After", "99999999999"));
    webhooks.deliverPending();
    Instant cut = asked.plus(RetrySchedule.standard().maxDelay());
    assertEquals(cut, delivery(webhooks, event, endpoint).nextAttemptAt(),
        "a wait longer than the schedule's longest is cut to it");

    shop.clock.set(cut);
    shop.receiver.answer(call -> status(429).setHeader("Retry-After", "0"));
    webhooks.deliverPending();
    assertEquals(cut.plusSeconds(1), delivery(webhooks, event, endpoint).nextAttemptAt(), "at least a second");
  }

  @Test
  @DisplayName("Retry-After on other answers, or unreadable, is ignored in favour of the backoff")
  void retryAfterOnlyOn429And503() {
    Webhooks webhooks = shop.webhooks().random(new Random(1)).build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    EventId event = shop.emit(1).get(0);
    shop.receiver.answer(call -> status(500).setHeader("Retry-After", "3600"));
    Instant sent = shop.clock.instant();
    webhooks.deliverPending();
    Duration backoff = RetrySchedule.standard().delay(1, new Random(1));
    assertEquals(sent.plus(backoff), delivery(webhooks, event, endpoint).nextAttemptAt());

    shop.clock.set(sent.plus(backoff));
    Instant second = shop.clock.instant();
    shop.receiver.answer(call -> status(503).setHeader("Retry-After", "soon"));
    Random replay = new Random(1);
    replay.nextDouble();
    webhooks.deliverPending();
    assertEquals(second.plus(RetrySchedule.standard().delay(2, replay)),
        delivery(webhooks, event, endpoint).nextAttemptAt());
  }

  @Test
  @DisplayName("410 Gone disables the endpoint with the reason, dead-letters the delivery, and later events are not sent to it")
  void goneDisablesEndpoint() {
    WebhookEndpointId gone = shop.register(webhooks, "/gone");
    WebhookEndpointId fine = shop.register(webhooks, "/fine");
    shop.receiver.answer(call -> status(call.path().equals("/gone") ? 410 : 200));
    EventId event = shop.emit(1).get(0);
    webhooks.deliverPending();
    Endpoint disabled = webhooks.endpoint(gone);
    assertFalse(disabled.enabled());
    assertTrue(disabled.disabledReason().contains("410"), disabled.disabledReason());
    assertEquals(WebhookDeliveryStatus.DEAD, delivery(webhooks, event, gone).status());
    assertEquals(WebhookDeliveryStatus.DELIVERED, delivery(webhooks, event, fine).status());
    assertTrue(webhooks.endpoint(fine).enabled());

    EventId later = shop.emit(1).get(0);
    webhooks.deliverPending();
    assertTrue(webhooks.delivery(later, gone).isEmpty(), "a disabled endpoint gets no new deliveries");
    assertEquals(1, shop.receiver.calls().stream().filter(c -> c.path().equals("/gone")).count());
  }

  @Test
  @DisplayName("After a 410, the rest of the same batch is not sent to that endpoint but dead-lettered")
  void goneStopsTheBatch() {
    WebhookEndpointId gone = shop.register(webhooks, "/gone");
    shop.receiver.answer(call -> status(410));
    List<EventId> events = shop.emit(3);
    DeliveryReport report = webhooks.deliverPending();
    assertEquals(events.size(), report.deadLettered());
    assertEquals(1, shop.receiver.calls().size(), "one request, then the endpoint is known to be gone");
    for (EventId event : events.subList(1, events.size())) {
      assertTrue(delivery(webhooks, event, gone).lastError().startsWith("endpoint disabled: HTTP 410"));
      assertTrue(webhooks.attempts(event, gone).isEmpty());
    }
  }

  @Test
  @DisplayName("Deliveries queued for an endpoint that is then disabled become dead letters, unsent, and replay after enabling delivers them")
  void disabledEndpointDeadLettersQueue() {
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    shop.receiver.answer(call -> status(500));
    EventId event = shop.emit(1).get(0);
    webhooks.deliverPending();
    webhooks.disable(endpoint, "maintenance until Monday");
    shop.advance(Duration.ofDays(1));
    DeliveryReport report = webhooks.deliverPending();
    assertEquals(1, report.deadLettered());
    assertEquals(1, shop.receiver.calls().size(), "not sent to a disabled endpoint");
    WebhookDelivery dead = delivery(webhooks, event, endpoint);
    assertEquals(WebhookDeliveryStatus.DEAD, dead.status());
    assertEquals("endpoint disabled: maintenance until Monday", dead.lastError());

    webhooks.enable(endpoint);
    shop.receiver.answer(call -> status(200));
    assertTrue(webhooks.replay(event, endpoint));
    webhooks.deliverPending();
    assertEquals(WebhookDeliveryStatus.DELIVERED, delivery(webhooks, event, endpoint).status());
    assertEquals(2, webhooks.attempts(event, endpoint).size(), "the history survives the replay");
  }

  @Test
  @DisplayName("Dead letters are listed in pages by event and endpoint, and a replay sends one again with fresh attempts")
  void deadLettersAndReplay() {
    Webhooks webhooks = shop.webhooks().retrySchedule(RetrySchedule.standard().withMaxAttempts(1)).build();
    WebhookEndpointId a = shop.register(webhooks, "/a");
    WebhookEndpointId b = shop.register(webhooks, "/b");
    shop.receiver.answer(call -> status(500));
    List<EventId> events = shop.emit(3);
    webhooks.deliverPending();
    assertEquals(6, webhooks.count(WebhookDeliveryStatus.DEAD));

    List<String> listed = new ArrayList<>();
    PageRequest request = PageRequest.first(4);
    while (true) {
      Page<WebhookDelivery> page = webhooks.deadLetters(request);
      page.items().forEach(d -> listed.add(d.eventId() + "/" + d.endpointId()));
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    List<String> expected = new ArrayList<>();
    for (EventId event : events) {
      expected.add(event + "/" + a);
      expected.add(event + "/" + b);
    }
    assertEquals(expected, listed);

    shop.receiver.answer(call -> status(200));
    assertTrue(webhooks.replay(events.get(1), b));
    assertFalse(webhooks.replay(events.get(1), b), "only a dead letter is replayed");
    DeliveryReport report = webhooks.deliverPending();
    assertEquals(1, report.delivered());
    WebhookDelivery replayed = delivery(webhooks, events.get(1), b);
    assertEquals(WebhookDeliveryStatus.DELIVERED, replayed.status());
    assertEquals(1, replayed.attempts(), "attempts start again");
    assertEquals(5, webhooks.count(WebhookDeliveryStatus.DEAD));
    Receiver.Call resent = shop.receiver.calls().get(shop.receiver.calls().size() - 1);
    assertEquals(events.get(1).value(), resent.id(), "the same webhook-id as before");
  }

  @Test
  @DisplayName("An attempt that outlasts the timeout fails with the timeout recorded, and is retried")
  void timeoutFailsTheAttempt() {
    Webhooks webhooks = shop.webhooks().timeout(Duration.ofMillis(300)).build();
    WebhookEndpointId endpoint = shop.register(webhooks, "/slow");
    shop.receiver.answer(call -> status(200).setHeadersDelay(3, TimeUnit.SECONDS));
    EventId event = shop.emit(1).get(0);
    long started = System.nanoTime();
    webhooks.deliverPending();
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3), "the attempt was cut short");
    WebhookDelivery delivery = delivery(webhooks, event, endpoint);
    assertEquals(WebhookDeliveryStatus.PENDING, delivery.status());
    WebhookAttempt attempt = webhooks.attempts(event, endpoint).get(0);
    assertEquals(0, attempt.statusCode());
    assertTrue(attempt.error().contains("timeout") || attempt.error().contains("Timeout"), attempt.error());
  }

  @Test
  @DisplayName("Redirects are not followed: a 3xx answer is a failed attempt")
  void redirectsAreFailures() {
    WebhookEndpointId endpoint = shop.register(webhooks, "/moved");
    shop.receiver.answer(call -> call.path().equals("/moved")
        ? status(307).setHeader("Location", shop.url("/elsewhere")) : status(200));
    EventId event = shop.emit(1).get(0);
    webhooks.deliverPending();
    assertEquals(1, shop.receiver.calls().size());
    assertEquals("HTTP 307", delivery(webhooks, event, endpoint).lastError());
  }

  @Test
  @DisplayName("An unreachable endpoint is a failed attempt with the connection error, retried later")
  void connectionRefused() throws Exception {
    String url = shop.url("/hooks");
    shop.server.shutdown();
    WebhookEndpointId endpoint = webhooks.register(url, List.of("*")).endpoint().id();
    EventId event = shop.emit(1).get(0);
    assertEquals(1, webhooks.deliverPending().retrying());
    WebhookAttempt attempt = webhooks.attempts(event, endpoint).get(0);
    assertEquals(0, attempt.statusCode());
    assertTrue(attempt.error().contains("ConnectException"), attempt.error());
  }
}
