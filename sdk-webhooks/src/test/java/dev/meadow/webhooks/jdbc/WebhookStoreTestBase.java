package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.storage.jdbc.DatabaseTestBase;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.storage.tck.Race;
import dev.meadow.core.spi.Listings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.webhooks.WebhookEndpointId;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookSecret;
import dev.meadow.webhooks.spi.WebhookStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC adapter's webhook store promises beyond the conformance kit, run against each real
 * database by a subclass: claims and purges larger than one round of statements, the database's
 * own unique key on (event, endpoint), a skipped duplicate that leaves the transaction usable, and
 * values shaped like SQL stored literally.
 */
abstract class WebhookStoreTestBase extends DatabaseTestBase {
  private static final String DROP = "'; DROP TABLE meadow_webhook_deliveries; --";
  private static final Duration LEASE = Duration.ofMinutes(5);
  /** None of these tests lets a lease lapse; a lapse would be due again a minute later. */
  private static final LapsedClaim.Policy LAPSES = (lapsed, now) -> LapsedClaim.retryAt(now.plusSeconds(60));
  /** More than one claim round ({@link Listings#MAX_LIMIT}) and more than two purge chunks. */
  private static final int MANY = Listings.MAX_LIMIT + 150;

  <T> T inTransaction(Function<WebhookStore, T> work) {
    return storage.inTransaction(tx -> work.apply(tx.store(WebhookStore.class)));
  }

  WebhookEndpoint endpoint() {
    WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId(newId()), "https://shop.example/hooks",
        List.of("*"), List.of(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", T0, null)), true, null,
        T0, T0, 1);
    inTransaction(store -> {
      store.insertEndpoint(endpoint);
      return null;
    });
    return endpoint;
  }

  OutboxMessage message() {
    return new OutboxMessage(new EventId(newId()), "review.published", 1, T0, "{}");
  }

  /** Fans {@code count} new events out to {@code endpoint}, due one millisecond apart, latest first. */
  List<WebhookDelivery> deliveries(WebhookEndpoint endpoint, int count) {
    List<WebhookDelivery> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      added.add(WebhookDelivery.pending(message(), endpoint.id(), T0.minusMillis(i)));
    }
    inTransaction(store -> {
      added.forEach(store::insertDelivery);
      return null;
    });
    return added;
  }

  static WebhookAttempt ok(WebhookDelivery claimed) {
    return new WebhookAttempt(claimed.eventId(), claimed.endpointId(), claimed.attempts(), T0, 5, 200, null);
  }

  static List<String> keys(List<WebhookDelivery> deliveries) {
    return deliveries.stream().map(d -> d.eventId() + "/" + d.endpointId()).toList();
  }

  @Test
  @DisplayName("One claim of more deliveries than a round reads leases every due one, once, in claim order")
  void claim_beyondOneRound_leasesAllInOrder() {
    List<WebhookDelivery> added = deliveries(endpoint(), MANY);
    List<WebhookDelivery> claimed =
        inTransaction(store -> store.claimDeliveries("sender", MANY + 10, T0, LEASE, LAPSES));
    List<WebhookDelivery> expected = added.stream()
        .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt).thenComparing(WebhookDelivery::eventId))
        .toList();
    assertEquals(keys(expected), keys(claimed));
    assertTrue(claimed.stream().allMatch(d -> d.attempts() == 1 && "sender".equals(d.leaseOwner())));
    assertEquals(MANY, claimed.stream().map(WebhookDelivery::leaseToken).distinct().count());
    assertTrue(inTransaction(store -> store.claimDeliveries("other", 10, T0, LEASE, LAPSES)).isEmpty());
  }

  @Test
  @DisplayName("Purging more delivered deliveries than a chunk deletes them all with their history, and nothing"
      + " newer")
  void purge_beyondOneChunk_deletesAllWithHistory() {
    WebhookEndpoint endpoint = endpoint();
    deliveries(endpoint, MANY);
    WebhookDelivery recent = WebhookDelivery.pending(message(), endpoint.id(), T0.plusSeconds(60));
    inTransaction(store -> store.insertDelivery(recent));
    storage.inTransaction(tx -> {
      for (WebhookDelivery claimed : tx.store(WebhookStore.class).claimDeliveries("sender", MANY + 1, T0.plusSeconds(60), LEASE, LAPSES)) {
        assertTrue(tx.store(WebhookStore.class).markDelivered(claimed.eventId(), claimed.endpointId(), claimed.leaseToken(),
            ok(claimed)));
      }
      return null;
    });
    assertEquals(MANY + 1L, TestDatabase.count(dataSource, "meadow_webhook_attempts"));

    assertEquals(MANY, (int) inTransaction(store -> store.purgeDelivered(T0.plusSeconds(1))));

    assertEquals(1L, TestDatabase.count(dataSource, "meadow_webhook_attempts"), "the recent one's history");
    assertEquals(1L, (long) inTransaction(store -> store.countDeliveries(WebhookDeliveryStatus.DELIVERED)));
    assertTrue(inTransaction(store -> store.findDelivery(recent.eventId(), endpoint.id())).isPresent());
  }

  @Test
  @DisplayName("A skipped second delivery of an event to an endpoint leaves the transaction usable: its other work"
      + " commits")
  void duplicateDelivery_leavesTheTransactionUsable() {
    WebhookEndpoint endpoint = endpoint();
    WebhookDelivery first = WebhookDelivery.pending(message(), endpoint.id(), T0);
    WebhookDelivery other = WebhookDelivery.pending(message(), endpoint.id(), T0);
    List<Boolean> inserted = inTransaction(store -> List.of(store.insertDelivery(first),
        store.insertDelivery(WebhookDelivery.pending(first.message(), endpoint.id(), T0.plusSeconds(1))),
        store.insertDelivery(other)));
    assertEquals(List.of(true, false, true), inserted);
    assertEquals(first, inTransaction(store -> store.findDelivery(first.eventId(), endpoint.id())).orElseThrow());
    assertTrue(inTransaction(store -> store.findDelivery(other.eventId(), endpoint.id())).isPresent());
  }

  @Test
  @DisplayName("The database itself refuses a second row for one event and endpoint")
  void uniqueKey_isTheDatabases() {
    WebhookDelivery delivery = deliveries(endpoint(), 1).get(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestDatabase.execute(dataSource,
        "INSERT INTO meadow_webhook_deliveries (event_id, endpoint_id, type, schema_version, occurred_at, payload,"
            + " status, attempts, next_attempt_at, created_at) SELECT event_id, endpoint_id, type, schema_version,"
            + " occurred_at, payload, 'DEAD', 0, next_attempt_at, created_at FROM meadow_webhook_deliveries"));
    assertEquals("23505", assertInstanceOf(SQLException.class, e.getCause()).getSQLState());
    assertEquals(delivery, inTransaction(store -> store.findDelivery(delivery.eventId(), delivery.endpointId()))
        .orElseThrow());
  }

  @Test
  @DisplayName("An endpoint read while another transaction replaces it and its secrets is wholly the old one or"
      + " wholly the new one")
  void endpointRead_duringAnUpdate_isNeverTorn() throws Exception {
    WebhookEndpoint first = endpoint();
    int versions = 200;
    List<List<String>> torn = Race.run(3, thread -> {
      List<String> seen = new ArrayList<>();
      if (thread == 0) {
        for (int version = 2; version <= versions; version++) {
          String tag = "v" + version;
          WebhookEndpoint next = new WebhookEndpoint(first.id(), "https://shop.example/" + tag, List.of("*"),
              List.of(new WebhookSecret("whsec_" + tag, T0, T0.plusSeconds(60)),
                  new WebhookSecret("whsec_" + tag + "_next", T0, null)),
              true, null, T0, T0, version);
          assertTrue(this.<Boolean>inTransaction(store -> store.updateEndpoint(next)));
        }
        return seen;
      }
      long version = 1;
      while (version < versions) {
        List<WebhookEndpoint> read = thread == 1
            ? List.of(inTransaction(store -> store.findEndpoint(first.id())).orElseThrow())
            : inTransaction(store -> store.listEndpoints(null, 10));
        WebhookEndpoint endpoint = read.get(0);
        version = endpoint.version();
        String tag = endpoint.url().substring(endpoint.url().lastIndexOf('/') + 1);
        List<String> expected = version == 1 ? List.of(first.secrets().get(0).value())
            : List.of("whsec_" + tag, "whsec_" + tag + "_next");
        List<String> secrets = endpoint.secrets().stream().map(WebhookSecret::value).toList();
        if (!expected.equals(secrets) && seen.size() < 3) {
          seen.add(endpoint.url() + " with " + secrets);
        }
      }
      return seen;
    });
    assertEquals(List.of(List.of(), List.of(), List.of()), torn);
  }

  @Test
  @DisplayName("Endpoint URLs, event types, secrets and reasons, lease owners, payloads and errors shaped like SQL are"
      + " stored as given")
  void hostileValues_areStoredLiterally() {
    WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId(newId()), "https://shop.example/?q=" + DROP,
        List.of(DROP, "%", "_"), List.of(new WebhookSecret("whsec_" + DROP, T0, T0.plusSeconds(1)),
            new WebhookSecret("whsec_%", T0, null)), false, DROP, T0, T0, 1);
    inTransaction(store -> {
      store.insertEndpoint(endpoint);
      return null;
    });
    assertEquals(endpoint, inTransaction(store -> store.findEndpoint(endpoint.id())).orElseThrow());
    OutboxMessage message = new OutboxMessage(new EventId(newId()), DROP, 1, T0, "{\"x\":\"" + "'; --\"}");
    inTransaction(store -> store.insertDelivery(WebhookDelivery.pending(message, endpoint.id(), T0)));
    WebhookDelivery claimed = inTransaction(store -> store.claimDeliveries(DROP, 1, T0, LEASE, LAPSES)).get(0);
    assertEquals(DROP, claimed.leaseOwner());
    assertEquals(message, claimed.message());
    WebhookAttempt failed = new WebhookAttempt(claimed.eventId(), endpoint.id(), 1, T0, 7, 500, DROP);
    assertTrue(this.<Boolean>inTransaction(store -> store.markFailed(claimed.eventId(), endpoint.id(),
        claimed.leaseToken(), failed, T0)));
    assertEquals(List.of(failed), inTransaction(store -> store.listAttempts(claimed.eventId(), endpoint.id())));
    assertFalse(this.<Boolean>inTransaction(store -> store.markDelivered(claimed.eventId(), endpoint.id(),
        "' OR '1'='1", failed)), "a token shaped like SQL matches nothing");
  }
}
