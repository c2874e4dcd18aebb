package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.StorageException;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@link JdbcStorage#migrate()} promises, on a new database for every test. */
abstract class MigrationTestBase {
  private static final List<String> TABLES =
      List.of("meadow_group_members", "meadow_groups", "meadow_outbox", "meadow_schema_history");

  DataSource dataSource;
  JdbcStorage storage;

  abstract TestDatabase database();

  @BeforeEach
  void freshDatabase() {
    dataSource = database().fresh();
    storage = database().storage(dataSource);
  }

  @Test
  @DisplayName("Migrating a new database creates every table and records each script once")
  void migrate_onAFreshDatabase_createsAllTables() throws SQLException {
    assertEquals(List.of(), meadowTables());
    storage.migrate();
    assertEquals(TABLES, meadowTables());
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    assertEquals(scripts.size(), JdbcStorageTestBase.count(dataSource, "meadow_schema_history"));
    assertEquals(1, scripts.get(0).version());
    assertEquals("foundation", scripts.get(0).description());
  }

  @Test
  @DisplayName("Migrating again changes nothing and keeps the data")
  void migrate_isIdempotent() {
    storage.migrate();
    Group group = new Group(new dev.meadow.core.GroupId("01J0000000000000000000000A"), "Kept", "kept", null,
        new UserId("owner"), 1, Instant.parse("2026-01-01T00:00:00Z"));
    storage.inTransaction(tx -> tx.groups().insertGroup(group));
    storage.migrate();
    storage.migrate();
    assertEquals(Migrator.scripts(storage.migrationsLocation()).size(),
        JdbcStorageTestBase.count(dataSource, "meadow_schema_history"));
    assertEquals(group, storage.inTransaction(tx -> tx.groups().findGroup(group.id())).orElseThrow());
  }

  @Test
  @DisplayName("A script changed after it was applied is detected by its checksum")
  void migrate_detectsAChangedScript() {
    storage.migrate();
    TestDatabase.execute(dataSource, "UPDATE meadow_schema_history SET checksum = 'edited' WHERE version = 1");
    StorageException e = assertThrows(StorageException.class, storage::migrate);
    assertTrue(e.getMessage().contains("V1 (foundation)"), e.getMessage());
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  @DisplayName("Versions applied by a newer release are left alone")
  void migrate_toleratesVersionsFromANewerRelease() {
    storage.migrate();
    TestDatabase.execute(dataSource, "INSERT INTO meadow_schema_history (version, description, checksum, applied_at)"
        + " VALUES (999, 'from the future', 'abc', CURRENT_TIMESTAMP)");
    storage.migrate();
    assertEquals(Migrator.scripts(storage.migrationsLocation()).size() + 1,
        JdbcStorageTestBase.count(dataSource, "meadow_schema_history"));
  }

  @Test
  @DisplayName("Four callers migrating one new database at once all succeed, and each script runs once")
  void migrate_byConcurrentCallers_appliesEachScriptOnce() throws Exception {
    List<Boolean> done = JdbcStorageTestBase.race(4, thread -> {
      database().storage(dataSource).migrate();
      return true;
    });
    assertEquals(List.of(true, true, true, true), done);
    assertEquals(TABLES, meadowTables());
    assertEquals(Migrator.scripts(storage.migrationsLocation()).size(),
        JdbcStorageTestBase.count(dataSource, "meadow_schema_history"));
  }

  private List<String> meadowTables() throws SQLException {
    TreeSet<String> tables = new TreeSet<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (name.startsWith("meadow_")) {
          tables.add(name);
        }
      }
    }
    return new ArrayList<>(tables);
  }
}
