package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.DeliveryReport;
import dev.meadow.webhooks.Receiver;
import dev.meadow.webhooks.Registration;
import dev.meadow.webhooks.Shop;
import dev.meadow.webhooks.WebhookVerifier;
import dev.meadow.webhooks.Webhooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery end to end on each real database, chosen by a subclass: Meadow's events
 * written by the domain, fanned out from the outbox to the endpoints that want them, claimed and
 * sent by two processes at once to a real HTTP receiver on loopback, signed.
 */
abstract class WebhookDeliveryTestBase {
  private static final int EVENTS = 300;

  private Shop shop;

  abstract TestDatabase database();

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

    List<DeliveryReport> reports = JdbcStorageTestBase.race(2,
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
}
