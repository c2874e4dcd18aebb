package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcStorage on H2")
class H2JdbcStorageTest extends JdbcStorageTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
