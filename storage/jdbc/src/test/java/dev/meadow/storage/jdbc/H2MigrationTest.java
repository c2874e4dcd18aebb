package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Migrations on H2")
class H2MigrationTest extends MigrationTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
