package dev.meadow.webhooks.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.webhooks.WebhookStoreContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store contract on PostgreSQL")
class PostgresWebhookStoreContractTest extends WebhookStoreContract {
  @Override
  protected Storage newStorage() {
    var dataSource = TestDatabase.POSTGRES.pooled("webhooks");
    TestDatabase.empty(dataSource);
    return JdbcStorage.postgres(dataSource);
  }
}
