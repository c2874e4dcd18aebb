package dev.meadow.webhooks.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.webhooks.WebhookStoreContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store on JdbcStorage over H2 passes webhooks' store kit")
class H2WebhookStoreKitTest extends WebhookStoreContract {
  @Override
  protected Storage newStorage() {
    return TestDatabase.H2.kitStorage(List.of(new JdbcWebhooks()));
  }
}
