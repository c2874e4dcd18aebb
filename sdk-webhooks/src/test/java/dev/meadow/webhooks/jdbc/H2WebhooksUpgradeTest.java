package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A H2 database migrated before webhooks left core upgrades in place")
class H2WebhooksUpgradeTest extends WebhooksUpgradeTestBase {
  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }
}
