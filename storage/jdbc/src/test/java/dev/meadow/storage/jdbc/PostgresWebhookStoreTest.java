package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store on PostgreSQL")
class PostgresWebhookStoreTest extends WebhookStoreTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
