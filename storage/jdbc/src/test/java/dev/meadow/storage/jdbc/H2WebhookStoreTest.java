package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store on H2")
class H2WebhookStoreTest extends WebhookStoreTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
