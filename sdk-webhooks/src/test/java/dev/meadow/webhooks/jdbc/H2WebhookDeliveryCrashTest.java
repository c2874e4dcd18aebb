package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.storage.jdbc.JdbcStorage;

import dev.meadow.core.spi.Storage;
import dev.meadow.webhooks.WebhookDeliveryCrashContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Webhook delivery on H2 survives a crash and a shutdown mid-batch")
class H2WebhookDeliveryCrashTest extends WebhookDeliveryCrashContract {
  @Override
  protected Storage newStorage() {
    var dataSource = TestDatabase.H2.pooled("webhooks");
    TestDatabase.empty(dataSource);
    return JdbcStorage.h2(dataSource);
  }
}
