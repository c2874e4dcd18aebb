package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.JoinResult;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The example in {@link JdbcStorage}'s Javadoc, compiled and run against PostgreSQL. */
class JdbcStorageExampleTest {

  static Meadow usage(DataSource dataSource) {
    JdbcStorage storage = JdbcStorage.postgres(dataSource);
    storage.migrate(); // once at start-up, or let Flyway apply migrationsLocation()
    Meadow meadow = Meadow.builder().storage(storage).build();
    return meadow;
  }

  @Test
  @DisplayName("The Javadoc example builds a working Meadow on PostgreSQL")
  void javadocExample_runsOnPostgres() {
    DataSource dataSource = TestDatabase.POSTGRES.fresh();
    Meadow meadow = usage(dataSource);
    Group group = meadow.groups().create(new UserId("shop-user-1"), GroupDraft.of("Trail runners", "trail-runners"));
    assertEquals(JoinResult.JOINED, meadow.groups().join(new UserId("shop-user-2"), group.id()));
    assertEquals(2, meadow.groups().get(group.id()).memberCount());
    assertEquals(2, TestDatabase.count(dataSource, "meadow_outbox"), "both events are in the outbox");
  }
}
