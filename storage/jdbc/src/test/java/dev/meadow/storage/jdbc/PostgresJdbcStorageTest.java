package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcStorage on PostgreSQL")
class PostgresJdbcStorageTest extends JdbcStorageTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
