package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Webhook fan-out and delivery end to end on PostgreSQL")
class PostgresWebhookDeliveryTest extends WebhookDeliveryTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
