package dev.meadow.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.storage.tck.Race;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Many events against an endpoint that fails half the time. */
class FaultTest {
  private static final int EVENTS = 10_000;

  private final Shop shop = new Shop(MemoryStorage.create());

  @AfterEach
  void close() throws Exception {
    shop.close();
  }

  @Test
  @DisplayName("10,000 events against an endpoint failing 50% at random, on a compressed clock: each is delivered or dead-lettered, and the de-duplicating receiver acts on each delivered one exactly once")
  void halfOfAttemptsFail() throws Exception {
    Webhooks webhooks = shop.webhooks().batchSize(100).build();
    WebhookEndpointId endpoint = shop.registerVerified(webhooks).endpoint().id();
    Random failures = new Random(5);
    shop.receiver.answer(call -> {
      boolean fail;
      synchronized (failures) {
        fail = failures.nextBoolean();
      }
      return new MockResponse().setResponseCode(fail ? 503 : 200);
    });
    Set<String> events = shop.emit(EVENTS).stream().map(EventId::value).collect(Collectors.toSet());
    assertTrue(events.size() >= EVENTS);

    // Every round, four delivering threads send whatever is due; then the clock jumps past the
    // longest retry delay, so each pending delivery gets one attempt per round.
    for (int round = 0; round < 12 && webhooks.count(WebhookDeliveryStatus.PENDING) + pendingInOutbox() > 0; round++) {
      Race.run(4, thread -> webhooks.deliverPending());
      shop.advance(Duration.ofHours(30));
    }

    long delivered = webhooks.count(WebhookDeliveryStatus.DELIVERED);
    long dead = webhooks.count(WebhookDeliveryStatus.DEAD);
    assertEquals(0, webhooks.count(WebhookDeliveryStatus.PENDING), "nothing is left in between");
    assertEquals(events.size(), delivered + dead, "delivered + dead-lettered = every event");
    assertTrue(dead > 0 && dead < 40, "about 1 in 1,024 events fails ten times in a row: " + dead);

    Set<String> deadIds = new HashSet<>();
    PageRequest request = PageRequest.first(100);
    while (true) {
      Page<WebhookDelivery> page = webhooks.deadLetters(request);
      for (WebhookDelivery letter : page.items()) {
        deadIds.add(letter.eventId().value());
        assertEquals(10, webhooks.attempts(letter.eventId(), endpoint).size(), "ten attempts before giving up");
      }
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    Set<String> acted = shop.receiver.acted();
    assertEquals(delivered, acted.size(), "the receiver acted on each delivered event once");
    Set<String> accounted = new HashSet<>(acted);
    accounted.addAll(deadIds);
    assertEquals(events, accounted, "no event lost or silently dropped");
    assertTrue(acted.stream().noneMatch(deadIds::contains), "a dead letter was never accepted");
    assertEquals(0, shop.receiver.rejected(), "every signature verified");
    assertEquals(0, shop.receiver.duplicates(), "no attempt was sent twice");
  }

  private long pendingInOutbox() {
    return shop.witness.outbox().size();
  }
}
