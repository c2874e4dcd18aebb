package dev.meadow.webhooks;

import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Webhook delivery on MemoryStorage survives a crash and a shutdown mid-batch")
class MemoryWebhookDeliveryCrashTest extends WebhookDeliveryCrashContract {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }
}
