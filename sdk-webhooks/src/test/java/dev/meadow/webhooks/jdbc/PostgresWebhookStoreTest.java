package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.storage.jdbc.Sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The webhook store on PostgreSQL")
class PostgresWebhookStoreTest extends WebhookStoreTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.POSTGRES;
  }

  @Test
  @DisplayName("Claims, dead-letter pages and purges read their partial indexes, in their order")
  void queries_readTheirPartialIndexes() throws SQLException {
    deliveries(endpoint(), 20);
    assertPlanReads("meadow_webhook_deliveries_due_idx",
        JdbcWebhookStore.FIRST_CANDIDATES + " FOR UPDATE SKIP LOCKED", T0, T0, 10);
    assertPlanReads("meadow_webhook_deliveries_dead_idx", JdbcWebhookStore.FIRST_DEAD, 10);
    assertPlanReads("meadow_webhook_deliveries_delivered_idx", JdbcWebhookStore.PURGEABLE, T0, 10);
  }

  /**
   * Asserts that PostgreSQL plans {@code sql} with these values as a read of {@code index} in the
   * statement's order, with sequential scans, bitmap scans and sorts priced out so that the plan
   * shows which index can serve the statement (the tests' tables are too small to prefer one).
   */
  private void assertPlanReads(String index, String sql, Object... values) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (var settings = connection.createStatement()) {
          for (String method : List.of("seqscan", "bitmapscan", "sort")) {
            settings.execute("SET LOCAL enable_" + method + " = off");
          }
        }
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
          for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant instant) {
              Sql.setInstant(explain, i + 1, instant);
            } else {
              explain.setObject(i + 1, values[i]);
            }
          }
          try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
              plan.append(rows.getString(1)).append('\n');
            }
          }
        }
      } finally {
        connection.rollback();
      }
    }
    assertTrue(plan.toString().contains("Index Scan using " + index) && !plan.toString().contains("Sort"),
        "expected an ordered read of " + index + ":\n" + plan);
  }
}
