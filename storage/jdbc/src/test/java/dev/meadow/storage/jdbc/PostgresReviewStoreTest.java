package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The review store on PostgreSQL")
class PostgresReviewStoreTest extends ReviewStoreTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
