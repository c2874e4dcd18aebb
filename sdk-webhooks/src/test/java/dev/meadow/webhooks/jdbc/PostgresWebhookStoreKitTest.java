package dev.meadow.webhooks.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.webhooks.WebhookStoreContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store on JdbcStorage over PostgreSQL passes webhooks' store kit")
class PostgresWebhookStoreKitTest extends WebhookStoreContract {
  @Override
  protected Storage newStorage() {
    return TestDatabase.POSTGRES.kitStorage(List.of(new JdbcWebhooks()));
  }
}
