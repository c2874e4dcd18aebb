package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SQL the helpers assemble, and how statements are told apart. */
class SqlTest {
  @Test
  @DisplayName("Plain SELECTs and unions of them only read")
  void readsOnly_plainSelects() {
    for (String sql : List.of("SELECT a FROM t WHERE b = ?", "select a from t",
        "(SELECT a FROM t LIMIT ?) UNION ALL (SELECT a FROM u LIMIT ?) ORDER BY a LIMIT ?",
        "SELECT format, for_each FROM t WHERE forum = ?")) {
      assertTrue(Sql.readsOnly(sql), sql);
    }
  }

  @Test
  @DisplayName("Changes, lock clauses and H2's FINAL TABLE count as changes, whatever their case")
  void readsOnly_notChangesOrLocks() {
    for (String sql : List.of("INSERT INTO t (a) VALUES (?)", "UPDATE t SET a = ?", "DELETE FROM t",
        "MERGE INTO t KEY (a) VALUES (?)", "WITH x AS (UPDATE t SET a = 1 RETURNING a) SELECT a FROM x",
        "SELECT a FROM t WHERE b = ? FOR UPDATE", "SELECT a FROM t ORDER BY a LIMIT ? FOR UPDATE SKIP LOCKED",
        "select a from t for share", "SELECT a FROM FINAL TABLE (UPDATE t SET a = a + 1)")) {
      assertFalse(Sql.readsOnly(sql), sql);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  @DisplayName("A dialect's UPDATE returning the changed rows counts as a change")
  void readsOnly_updateReturning(Dialect dialect) {
    assertFalse(Sql.readsOnly(dialect.updateReturning("UPDATE t SET a = a + ? WHERE b = ?", "a, b")));
  }

  @Test
  @DisplayName("Column lists become parameter markers, assignments and increments")
  void columnLists_becomeStatementFragments() {
    assertEquals("?, ?, ?", Sql.parameters("a, b_c, d"));
    assertEquals("a = ?, b_c = ?, d = ?", Sql.assignments("a, b_c, d"));
    assertEquals("a = a + ?, b_c = b_c + ?", Sql.increments("a, b_c"));
  }
}
