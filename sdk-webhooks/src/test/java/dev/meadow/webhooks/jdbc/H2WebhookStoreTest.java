package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store on H2")
class H2WebhookStoreTest extends WebhookStoreTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.H2;
  }
}
