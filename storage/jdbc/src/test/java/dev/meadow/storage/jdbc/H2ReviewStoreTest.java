package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The review store on H2")
class H2ReviewStoreTest extends ReviewStoreTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.H2;
  }
}
