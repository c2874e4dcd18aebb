package dev.meadow.webhooks.jdbc;

import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.storage.jdbc.JdbcStorage;

import dev.meadow.core.spi.Storage;
import dev.meadow.webhooks.WebhookDeliveryCrashContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Webhook delivery on PostgreSQL survives a crash and a shutdown mid-batch")
class PostgresWebhookDeliveryCrashTest extends WebhookDeliveryCrashContract {
  @Override
  protected Storage newStorage() {
    var dataSource = TestDatabase.POSTGRES.pooled("webhooks");
    TestDatabase.empty(dataSource);
    return JdbcStorage.postgres(dataSource);
  }
}
