package dev.meadow.storage.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Webhook fan-out and delivery end to end on H2")
class H2WebhookDeliveryTest extends WebhookDeliveryTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
