package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Webhook fan-out and delivery end to end on PostgreSQL")
class PostgresWebhookDeliveryTest extends WebhookDeliveryTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
