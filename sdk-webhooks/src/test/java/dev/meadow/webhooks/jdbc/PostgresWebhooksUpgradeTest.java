package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A PostgreSQL database migrated before webhooks left core upgrades in place")
class PostgresWebhooksUpgradeTest extends WebhooksUpgradeTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }
}
