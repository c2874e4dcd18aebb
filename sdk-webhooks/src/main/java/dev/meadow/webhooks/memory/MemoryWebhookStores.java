package dev.meadow.webhooks.memory;

import dev.meadow.core.memory.MemoryStoreProvider;
import dev.meadow.webhooks.spi.WebhookStore;

/**
 * Supplies the {@link WebhookStore} to {@code MemoryStorage}: listed in this jar's
 * {@code META-INF/services}, so {@code MemoryStorage.create()} finds it.
 */
public final class MemoryWebhookStores implements MemoryStoreProvider<WebhookStore> {
  /** Creates the provider; {@code ServiceLoader} calls this. */
  public MemoryWebhookStores() {}

  @Override
  public Class<WebhookStore> storeType() {
    return WebhookStore.class;
  }

  @Override
  public State<WebhookStore> create() {
    return new MemoryWebhookStore()::bind;
  }

  @Override
  public String toString() {
    return "MemoryWebhookStores";
  }
}
