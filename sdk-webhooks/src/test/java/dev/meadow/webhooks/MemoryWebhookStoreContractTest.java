package dev.meadow.webhooks;

import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The webhook store contract on MemoryStorage")
class MemoryWebhookStoreContractTest extends WebhookStoreContract {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }
}
