package dev.meadow.webhooks;

import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store on MemoryStorage passes webhooks' store kit")
class MemoryWebhookStoreKitTest extends WebhookStoreContract {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }
}
