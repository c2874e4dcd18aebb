package dev.meadow.webhooks;

import dev.meadow.webhooks.spi.WebhookStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.HostileInput;
import dev.meadow.core.Meadow;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.Witness;
import dev.meadow.core.memory.MemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Registering and managing endpoints, and what bad input leaves behind: nothing. */
class EndpointsTest {
  private final Shop shop = new Shop(MemoryStorage.create());
  private final Webhooks webhooks = shop.webhooks().build();

  @AfterEach
  void close() throws Exception {
    shop.close();
  }

  private Supplier<Witness.Snapshot> stored() {
    return () -> shop.witness.snapshot((tx, world) -> {
      world.put("endpoints", tx.store(WebhookStore.class).listEndpoints(null, 1000));
      world.put("dead", tx.store(WebhookStore.class).listDead(null, null, 1000));
    });
  }

  @Test
  @DisplayName("A registered endpoint is enabled, lists its event types once each, and shows no secret")
  void register() {
    Registration registration = webhooks.register("https://Shop.Example/hooks?x=1",
        List.of("review.published", "group.created", "review.published"));
    Endpoint endpoint = registration.endpoint();
    assertEquals("https://shop.example/hooks?x=1", endpoint.url());
    assertEquals(List.of("review.published", "group.created"), endpoint.eventTypes());
    assertTrue(endpoint.enabled());
    assertNull(endpoint.disabledReason());
    assertEquals(1, endpoint.activeSecrets());
    assertEquals(endpoint, webhooks.endpoint(endpoint.id()));
    assertFalse(registration.toString().contains(registration.secret().substring(6)), "the secret stays out of logs");
    assertFalse(webhooks.endpoint(endpoint.id()).toString().contains("whsec_"));
  }

  @Test
  @DisplayName("Unknown, blank or too many event types are refused naming the field, and nothing is stored")
  void badEventTypes() {
    shop.witness.rejects("eventTypes[1]", () -> webhooks.register("https://a.example/", List.of("*", "review.eaten")),
        stored());
    shop.witness.rejects("eventTypes[0]", () -> webhooks.register("https://a.example/", List.of(HostileInput.SQL)),
        stored());
    shop.witness.rejects("eventTypes", () -> webhooks.register("https://a.example/", List.of()), stored());
    shop.witness.rejects("eventTypes",
        () -> webhooks.register("https://a.example/", Collections.nCopies(Webhooks.MAX_EVENT_TYPES + 1, "*")), stored());
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    shop.witness.rejects("eventTypes[0]", () -> webhooks.register("https://a.example/", withNull), stored());
  }

  @Test
  @DisplayName("Update changes the URL and event types and keeps the secret; bad input changes nothing")
  void update() {
    WebhookEndpointId id = webhooks.register("https://a.example/", List.of("*")).endpoint().id();
    shop.advance(Duration.ofMinutes(1));
    Endpoint updated = webhooks.update(id, "https://b.example/hooks", List.of("group.created"));
    assertEquals("https://b.example/hooks", updated.url());
    assertEquals(List.of("group.created"), updated.eventTypes());
    assertEquals(shop.clock.instant(), updated.updatedAt());
    assertEquals(1, updated.activeSecrets());
    for (String url : HostileInput.MALFORMED_URLS) {
      shop.witness.rejects("url", () -> webhooks.update(id, url, List.of("*")), stored());
    }
    shop.witness.rejects("eventTypes[0]", () -> webhooks.update(id, "https://c.example/", List.of("nope")), stored());
  }

  @Test
  @DisplayName("Disable records the reason and enable clears it; a hostile reason is refused naming reason, changing nothing")
  void disableAndEnable() {
    WebhookEndpointId id = webhooks.register("https://a.example/", List.of("*")).endpoint().id();
    for (String reason : HostileInput.FORBIDDEN_TEXT.values()) {
      shop.witness.rejects("reason", () -> webhooks.disable(id, reason), stored());
    }
    shop.witness.rejects("reason", () -> webhooks.disable(id, " "), stored());
    Endpoint disabled = webhooks.disable(id, HostileInput.SCRIPT);
    assertFalse(disabled.enabled());
    assertEquals(HostileInput.SCRIPT, disabled.disabledReason(), "stored as the plain text it is");
    assertEquals(disabled, webhooks.disable(id, "again"), "disabling twice keeps the first reason");
    Endpoint enabled = webhooks.enable(id);
    assertTrue(enabled.enabled());
    assertNull(enabled.disabledReason());
  }

  @Test
  @DisplayName("Rotation refuses an overlap out of range naming overlap, changing nothing")
  void rotationOverlap() {
    WebhookEndpointId id = webhooks.register("https://a.example/", List.of("*")).endpoint().id();
    shop.witness.rejects("overlap", () -> webhooks.rotateSecret(id, Duration.ofSeconds(-1)), stored());
    shop.witness.rejects("overlap", () -> webhooks.rotateSecret(id, Duration.ofDays(8)), stored());
    webhooks.rotateSecret(id, Duration.ZERO);
    assertEquals(1, webhooks.endpoint(id).activeSecrets(), "with no overlap the old secret stops at once");
  }

  @Test
  @DisplayName("Every endpoint operation on an unknown id is NotFoundException, changing nothing")
  void unknownEndpoint() {
    WebhookEndpointId unknown = new WebhookEndpointId("01M80WSMSHNTWA2TMS048GZ81P");
    shop.witness.refuses(NotFoundException.class, () -> webhooks.endpoint(unknown), stored());
    shop.witness.refuses(NotFoundException.class, () -> webhooks.update(unknown, "https://a.example/", List.of("*")),
        stored());
    shop.witness.refuses(NotFoundException.class, () -> webhooks.disable(unknown, "x"), stored());
    shop.witness.refuses(NotFoundException.class, () -> webhooks.enable(unknown), stored());
    shop.witness.refuses(NotFoundException.class, () -> webhooks.rotateSecret(unknown, Duration.ZERO), stored());
    for (String id : HostileInput.MALFORMED_IDS) {
      assertTrue(assertThrows(dev.meadow.core.ValidationException.class, () -> WebhookEndpointId.of(id))
          .names("endpointId"));
    }
  }

  @Test
  @DisplayName("Endpoints are listed in pages in the order registered; a cursor not issued by the listing is refused naming cursor")
  void listing() {
    List<WebhookEndpointId> registered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      registered.add(webhooks.register("https://e" + i + ".example/", List.of("*")).endpoint().id());
    }
    List<WebhookEndpointId> listed = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    Page<Endpoint> page;
    do {
      page = webhooks.endpoints(request);
      page.items().forEach(e -> listed.add(e.id()));
      request = page.hasNext() ? request.next(page) : request;
    } while (page.hasNext());
    assertEquals(registered, listed);
    String cursor = webhooks.endpoints(PageRequest.first(2)).nextCursor();
    List<String> bad = new ArrayList<>(HostileInput.GARBAGE_CURSORS);
    bad.add(HostileInput.alter(cursor, 3));
    for (String garbage : bad) {
      shop.witness.rejects("cursor", () -> webhooks.endpoints(PageRequest.of(2, garbage)), stored());
      shop.witness.rejects("cursor", () -> webhooks.deadLetters(PageRequest.of(2, garbage)), stored());
    }
  }

  @Test
  @DisplayName("A listing cursor one process issued is accepted by another process with the same cursor secret, and refused by one with another")
  void cursorsAcrossProcesses() {
    for (int i = 0; i < 3; i++) {
      shop.register(webhooks, "/hooks/" + i);
    }
    String cursor = webhooks.endpoints(PageRequest.of(2, null)).nextCursor();
    assertNotNull(cursor);
    Webhooks sameShop = shop.webhooks().owner("another-process").build();
    assertEquals(1, sameShop.endpoints(PageRequest.of(2, cursor)).items().size(), "the third endpoint");
    Webhooks otherSecret = Meadow.builder().storage(shop.storage).clock(shop.clock)
        .cursorSecret("another-secret-of-sixteen-bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .install(Webhooks.builder()).build().module(Webhooks.class);
    shop.witness.rejects("cursor", () -> otherSecret.endpoints(PageRequest.of(2, cursor)), stored());
  }

  @Test
  @DisplayName("Builders refuse settings out of range, and start and deliverPending refuse to run after shutdown")
  void builderAndLifecycle() {
    assertThrows(IllegalArgumentException.class, () -> shop.webhooks().timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> shop.webhooks().timeout(Duration.ofMinutes(6)));
    assertThrows(IllegalArgumentException.class, () -> shop.webhooks().batchSize(0));
    assertThrows(IllegalArgumentException.class, () -> shop.webhooks().lease(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> shop.webhooks().owner(""));
    assertThrows(IllegalArgumentException.class,
        () -> shop.webhooks().timeout(Duration.ofSeconds(30)).lease(Duration.ofSeconds(30)).build());
    assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(0, Duration.ofSeconds(1), 2, Duration.ofHours(1), 0));
    assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(3, Duration.ofSeconds(1), 2, Duration.ofHours(1), 1.5));
    java.util.concurrent.ScheduledExecutorService executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      webhooks.start(executor, Duration.ofHours(1), 1);
      assertThrows(IllegalStateException.class, () -> webhooks.start(executor, Duration.ofHours(1), 1));
      webhooks.shutdown();
      assertTrue(webhooks.isShutdown());
      assertThrows(IllegalStateException.class, () -> webhooks.start(executor, Duration.ofHours(1), 1));
      assertThrows(IllegalStateException.class, webhooks::deliverPending);
    } finally {
      executor.shutdownNow();
    }
  }
}
