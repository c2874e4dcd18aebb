package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.storage.tck.Race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import dev.meadow.core.EventId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.webhooks.WebhookEndpointId;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.DeliveryReport;
import dev.meadow.webhooks.Receiver;
import dev.meadow.webhooks.Registration;
import dev.meadow.webhooks.Shop;
import dev.meadow.webhooks.WebhookVerifier;
import dev.meadow.webhooks.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery end to end on each real database, chosen by a subclass: Meadow's events
 * written by the domain, fanned out from the outbox to the endpoints that want them, claimed and
 * sent by two processes at once to a real HTTP receiver on loopback, signed; and retried,
 * dead-lettered and replayed against a receiver that mostly fails.
 */
abstract class WebhookDeliveryTestBase {
  private static final int EVENTS = 300;
  private static final int FAULT_EVENTS = 400;

  private Shop shop;

  protected abstract TestDatabase database();

  @BeforeEach
  void openShop() {
    var dataSource = database().pooled("delivery");
    TestDatabase.empty(dataSource);
    shop = new Shop(database().storage(dataSource));
  }

  @AfterEach
  void closeShop() throws Exception {
    shop.close();
  }

  @Test
  @DisplayName("Events fan out to every endpoint that wants their type, and two processes delivering at once send"
      + " each event to each endpoint exactly once, signed with that endpoint's secret")
  void fanOutAndDeliveryByTwoProcesses() throws Exception {
    Webhooks processA = shop.webhooks().owner("process-a").batchSize(20).build();
    Webhooks processB = shop.webhooks().owner("process-b").batchSize(20).build();
    Map<String, Predicate<String>> wants = Map.of(
        "/all", type -> true,
        "/created", "group.created"::equals,
        "/joined", "group.member_joined"::equals);
    Map<String, WebhookVerifier> verifiers = new HashMap<>();
    for (Map.Entry<String, List<String>> endpoint : Map.of("/all", List.of("*"), "/created",
        List.of("group.created"), "/joined", List.of("group.member_joined")).entrySet()) {
      Registration registration = processA.register(shop.url(endpoint.getKey()), endpoint.getValue());
      verifiers.put(endpoint.getKey(), WebhookVerifier.builder().secret(registration.secret()).clock(shop.clock)
          .build());
    }
    shop.emit(EVENTS);
    List<MeadowEvent> events = shop.witness.heard();
    assertTrue(events.stream().map(MeadowEvent::type).collect(Collectors.toSet())
        .containsAll(Set.of("group.created", "group.member_joined")), "both types happened");

    List<DeliveryReport> reports = Race.run(2,
        thread -> (thread == 0 ? processA : processB).deliverPending());

    Map<String, List<String>> received = shop.receiver.calls().stream().collect(Collectors.groupingBy(
        Receiver.Call::path, Collectors.mapping(Receiver.Call::id, Collectors.toList())));
    long expectedTotal = 0;
    for (Map.Entry<String, Predicate<String>> endpoint : wants.entrySet()) {
      List<String> expected = events.stream().filter(e -> endpoint.getValue().test(e.type()))
          .map(e -> e.id().value()).sorted().toList();
      assertEquals(expected, received.getOrDefault(endpoint.getKey(), List.of()).stream().sorted().toList(),
          endpoint.getKey() + " received what it wants, each once");
      expectedTotal += expected.size();
    }
    for (Receiver.Call call : shop.receiver.calls()) {
      MeadowEvent event = verifiers.get(call.path()).verify(call.id(), call.timestamp(), call.signature(), call.body());
      assertEquals(call.id(), event.id().value(), "signed for " + call.path());
    }
    assertEquals(events.size(), reports.stream().mapToInt(DeliveryReport::fannedOut).sum(),
        "each event was fanned out once, by one of the processes");
    assertEquals(expectedTotal, reports.stream().mapToInt(DeliveryReport::delivered).sum());
    assertEquals(expectedTotal, processB.count(WebhookDeliveryStatus.DELIVERED));
    assertEquals(0, processA.count(WebhookDeliveryStatus.PENDING));
    assertTrue(shop.witness.outbox().isEmpty(), "the outbox is consumed");
  }

  @Test
  @DisplayName("Against an endpoint failing 75% of attempts at random, on a compressed clock, every event is delivered"
      + " or dead-lettered after ten attempts; replayed dead letters are delivered; nothing is lost or sent twice")
  void faultsRetriesDeadLettersAndReplay() throws Exception {
    Webhooks webhooks = shop.webhooks().batchSize(50).build();
    WebhookEndpointId endpoint = shop.registerVerified(webhooks).endpoint().id();
    // Three attempts in four fail, decided by the event and the attempt's time: the same whichever
    // thread sends it, and independent from one round (a new time) to the next.
    shop.receiver.answer(call -> new MockResponse()
        .setResponseCode(Math.floorMod(Hashing.murmur3_32_fixed()
            .hashString(call.id() + "@" + call.timestamp(), StandardCharsets.UTF_8).asInt(), 4) == 0 ? 200 : 503));
    Set<String> events = shop.emit(FAULT_EVENTS).stream().map(EventId::value).collect(Collectors.toSet());

    // Each round three threads send whatever is due; then the clock jumps past the longest retry
    // delay, so each pending delivery gets one attempt per round.
    for (int round = 0; round < 14 && webhooks.count(WebhookDeliveryStatus.PENDING)
        + shop.witness.outbox().size() > 0; round++) {
      Race.run(3, thread -> webhooks.deliverPending());
      shop.advance(Duration.ofHours(30));
    }

    long delivered = webhooks.count(WebhookDeliveryStatus.DELIVERED);
    assertEquals(0, webhooks.count(WebhookDeliveryStatus.PENDING), "nothing is left in between");
    List<WebhookDelivery> dead = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    while (true) {
      Page<WebhookDelivery> page = webhooks.deadLetters(request);
      dead.addAll(page.items());
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    assertTrue(dead.size() > 3, "about one in eighteen events fails ten times in a row: " + dead.size());
    assertEquals(events.size(), delivered + dead.size(), "delivered + dead-lettered = every event");
    Set<String> deadIds = dead.stream().map(d -> d.eventId().value()).collect(Collectors.toSet());
    assertEquals(dead.size(), deadIds.size(), "the dead-letter pages neither repeat nor skip");
    assertEquals(events, union(shop.receiver.acted(), deadIds), "no event lost or silently dropped");
    for (WebhookDelivery letter : dead) {
      assertEquals(10, webhooks.attempts(letter.eventId(), endpoint).size(), "ten attempts before giving up");
    }

    shop.receiver.answer(call -> new MockResponse().setResponseCode(200));
    dead.forEach(letter -> assertTrue(webhooks.replay(letter.eventId(), letter.endpointId())));
    webhooks.deliverPending();

    assertEquals(events.size(), webhooks.count(WebhookDeliveryStatus.DELIVERED));
    assertEquals(0, webhooks.count(WebhookDeliveryStatus.DEAD));
    assertEquals(events, shop.receiver.acted(), "the receiver acted on every event");
    assertEquals(0, shop.receiver.duplicates(), "no attempt was accepted twice");
    assertEquals(0, shop.receiver.rejected(), "every signature verified");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }
}
