package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Community stores on H2")
class H2CommunityStoresTest extends CommunityStoresTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.H2;
  }
}
