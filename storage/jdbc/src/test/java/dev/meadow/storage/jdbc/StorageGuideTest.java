package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: storage-imports
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.core.Meadow;
import dev.meadow.storage.jdbc.JdbcStorage;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
// end snippet: storage-imports
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.JoinResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/storage.md and storage/jdbc/README.md, compiled and run on PostgreSQL and H2. */
class StorageGuideTest {
  private final byte[] cursorSecret = "a secret of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("A small HikariCP pool on PostgreSQL migrates and serves Meadow, holding no connection between calls")
  void postgres_onAHikariPool() {
    String jdbcUrl = TestDatabase.POSTGRES.jdbcUrl("guide");
    String user = "postgres";
    String password = "";
    // snippet: storage-postgres
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);                            // such as jdbc:postgresql://db.internal:5432/shop
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);                         // Meadow holds one per transaction, none in between
    HikariDataSource dataSource = new HikariDataSource(config);

    JdbcStorage storage = JdbcStorage.postgres(dataSource);
    storage.migrate();                                     // creates or upgrades the meadow_* tables
    Meadow meadow = Meadow.builder().storage(storage).cursorSecret(cursorSecret).build();
    // end snippet: storage-postgres
    try {
      Group group = meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
      assertEquals(JoinResult.JOINED, meadow.groups().join(UserId.of("bo"), group.id()));
      assertEquals(0, dataSource.getHikariPoolMXBean().getActiveConnections(), "no connection held between calls");
      storage.migrate();
      assertEquals("db/meadow/postgresql", storage.migrationsLocation());
    } finally {
      dataSource.close();
    }
  }

  @Test
  @DisplayName("One pooled connection is enough for Meadow's calls on PostgreSQL")
  void postgres_runsOnOneConnection() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabase.POSTGRES.jdbcUrl("guide_one"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(5_000);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      JdbcStorage storage = JdbcStorage.postgres(dataSource);
      storage.migrate();
      Meadow meadow = Meadow.builder().storage(storage).build();
      Group group = meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
      assertEquals(JoinResult.JOINED, meadow.groups().join(UserId.of("bo"), group.id()));
    }
  }

  @Test
  @DisplayName("H2 in memory: migrate opens two connections at once, then Meadow runs on it")
  void h2_inMemory() {
    // snippet: storage-h2
    JdbcDataSource h2 = new JdbcDataSource();              // unpooled: opens a connection when asked
    h2.setURL("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");       // or jdbc:h2:file:./data/shop for a file
    DataSource dataSource = h2;
    JdbcStorage storage = JdbcStorage.h2(dataSource);
    storage.migrate();                                     // on H2 this needs two connections at once
    Meadow meadow = Meadow.builder().storage(storage).build();
    // end snippet: storage-h2
    Group group = meadow.groups().create(UserId.of("ada"), GroupDraft.of("Trail Runners", "trail-runners"));
    assertEquals(1, meadow.groups().get(group.id()).memberCount());
    assertEquals("db/meadow/h2", storage.migrationsLocation());

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:shop-pooled;DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbcStorage.h2(pool).migrate();
      assertTrue(TestDatabase.count(pool, "meadow_migrations") >= 5, "every script recorded");
    }
  }
}
