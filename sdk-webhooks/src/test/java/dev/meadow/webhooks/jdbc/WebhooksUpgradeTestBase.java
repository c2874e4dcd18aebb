package dev.meadow.webhooks.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.storage.jdbc.LegacySchema;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.webhooks.WebhookEndpointId;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookSecret;
import dev.meadow.webhooks.spi.WebhookStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A database migrated by a release before webhooks moved out of core (core's V1 to V6, the webhook
 * tables as core's V6, the history in {@code meadow_schema_history}) upgrades in place, on each
 * real database chosen by a subclass.
 */
abstract class WebhooksUpgradeTestBase {
  private static final Instant AT = Instant.parse("2026-11-30T08:00:00.000Z");

  abstract TestDatabase database();

  @Test
  @DisplayName("Endpoints, secrets, deliveries and attempts written under core's V6 read back after the upgrade, and"
      + " the webhook script is filed under the webhooks module, not applied again")
  void upgradeFromCoreV6() throws SQLException {
    DataSource dataSource = database().fresh();
    JdbcStorage storage = database().storage(dataSource);
    String folder = storage.migrationsLocation().substring(storage.migrationsLocation().lastIndexOf('/') + 1);
    Map<Integer, String> legacy = new TreeMap<>();
    for (int version = 1; version <= 5; version++) {
      legacy.put(version, coreScript(storage, version));
    }
    legacy.put(6, "db/meadow-webhooks/" + folder + "/V1__webhooks.sql");
    LegacySchema.migrate(dataSource, legacy);

    WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId("01J0000000000000000000000M"),
        "https://shop.example/hooks", List.of("review.published"),
        List.of(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", AT, null)), true, null, AT, AT, 1);
    OutboxMessage delivered = new OutboxMessage(new EventId("01J0000000000000000000000N"), "review.published", 1, AT,
        "{\"reviewId\":\"01J0000000000000000000000J\"}");
    OutboxMessage pending = new OutboxMessage(new EventId("01J0000000000000000000000P"), "review.published", 1, AT,
        "{\"reviewId\":\"01J0000000000000000000000K\"}");
    Instant later = AT.plusSeconds(60);
    // Endpoints are written through today's store (webhooks' V2 left their tables as core's V6
    // created them); deliveries and attempts as core's V6 held them, without V2's lapsed claims.
    storage.inTransaction(tx -> {
      store(tx).insertEndpoint(endpoint);
      return null;
    });
    insertV6Delivery(dataSource, delivered, endpoint.id(), "DELIVERED", 1);
    insertV6Delivery(dataSource, pending, endpoint.id(), "PENDING", 0);
    WebhookAttempt attempt = new WebhookAttempt(delivered.id(), endpoint.id(), 1, later, 12, 200, null);
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO meadow_webhook_attempts (event_id, endpoint_id, seq, number, started_at, duration_millis,"
            + " status_code, error) VALUES (?, ?, 1, 1, ?, 12, 200, NULL)")) {
      insert.setString(1, delivered.id().value());
      insert.setString(2, endpoint.id().value());
      insert.setObject(3, later.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }

    storage.migrate();

    assertEquals(List.of("core:1", "core:2", "core:3", "core:4", "core:5", "core:7", "webhooks:1", "webhooks:2"),
        history(dataSource), "filed as webhooks' V1, then webhooks' V2 applied");
    assertFalse(TestDatabase.tables(dataSource).contains("meadow_schema_history"), "the old history table is gone");
    assertEquals(endpoint, storage.inTransaction(tx -> store(tx).findEndpoint(endpoint.id())).orElseThrow());
    assertEquals(WebhookDeliveryStatus.DELIVERED, storage.inTransaction(
        tx -> store(tx).findDelivery(delivered.id(), endpoint.id())).orElseThrow().status());
    assertEquals(List.of(attempt), storage.inTransaction(tx -> store(tx).listAttempts(delivered.id(), endpoint.id())));
    WebhookDelivery rest = storage.inTransaction(tx -> store(tx).claimDeliveries("new", 10, later.plusSeconds(1),
        Duration.ofMinutes(1), (lapsed, now) -> LapsedClaim.retryAt(now.plusSeconds(1)))).get(0);
    assertEquals(pending, rest.message(), "the pending delivery written before the upgrade is claimed after it");
    assertEquals(1, rest.attempts());
    assertEquals(0, rest.lapsedClaims(), "V2 starts existing deliveries with no lapsed claims");

    storage.migrate();
    assertEquals(8, history(dataSource).size(), "migrating again changes nothing");
  }

  /** Inserts a delivery as core's V6 held it, due and created at {@code AT}, with no lease. */
  private static void insertV6Delivery(DataSource dataSource, OutboxMessage message, WebhookEndpointId endpoint,
      String status, int attempts) throws SQLException {
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO meadow_webhook_deliveries (event_id, endpoint_id, type, schema_version, occurred_at, payload,"
            + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, message.id().value());
      insert.setString(2, endpoint.value());
      insert.setString(3, message.type());
      insert.setInt(4, message.schemaVersion());
      insert.setObject(5, message.occurredAt().atOffset(ZoneOffset.UTC));
      insert.setString(6, message.payload());
      insert.setString(7, status);
      insert.setInt(8, attempts);
      insert.setObject(9, AT.atOffset(ZoneOffset.UTC));
      insert.setObject(10, AT.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  private static WebhookStore store(dev.meadow.core.spi.Transaction tx) {
    return tx.store(WebhookStore.class);
  }

  private static String coreScript(JdbcStorage storage, int version) {
    String[] names = {"foundation", "groups", "reviews", "review_report_resolution", "referrals"};
    return storage.migrationsLocation() + "/V" + version + "__" + names[version - 1] + ".sql";
  }

  private static List<String> history(DataSource dataSource) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT module, version FROM meadow_migrations ORDER BY module, version")) {
      while (result.next()) {
        rows.add(result.getString(1) + ":" + result.getInt(2));
      }
    }
    return rows;
  }
}
