package dev.meadow.webhooks.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.webhooks.WebhookStoreContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store contract on H2")
class H2WebhookStoreContractTest extends WebhookStoreContract {
  @Override
  protected Storage newStorage() {
    var dataSource = TestDatabase.H2.pooled("webhooks");
    TestDatabase.empty(dataSource);
    return JdbcStorage.h2(dataSource);
  }
}
