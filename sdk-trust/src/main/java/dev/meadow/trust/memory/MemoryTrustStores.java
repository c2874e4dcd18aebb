package dev.meadow.trust.memory;

import dev.meadow.core.memory.MemoryStoreProvider;
import dev.meadow.trust.spi.TrustStore;

/**
 * Supplies the {@link TrustStore} to {@code MemoryStorage}: listed in this jar's
 * {@code META-INF/services}, so {@code MemoryStorage.create()} finds it.
 */
public final class MemoryTrustStores implements MemoryStoreProvider<TrustStore> {
  /** Creates the provider; {@code ServiceLoader} calls this. */
  public MemoryTrustStores() {}

  @Override
  public Class<TrustStore> storeType() {
    return TrustStore.class;
  }

  @Override
  public State<TrustStore> create() {
    return new MemoryTrustStore()::bind;
  }

  @Override
  public String toString() {
    return "MemoryTrustStores";
  }
}
