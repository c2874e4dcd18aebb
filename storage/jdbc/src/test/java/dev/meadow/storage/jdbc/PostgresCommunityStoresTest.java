package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Community stores on PostgreSQL")
class PostgresCommunityStoresTest extends CommunityStoresTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
