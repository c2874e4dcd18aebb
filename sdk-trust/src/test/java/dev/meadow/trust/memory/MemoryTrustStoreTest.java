package dev.meadow.trust.memory;

import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.tck.StorageCompatibilityKit;
import dev.meadow.trust.TrustStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

@DisplayName("The memory adapter with trust's store")
class MemoryTrustStoreTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }

  @Nested
  @DisplayName("Trust store (a module's kit)")
  class Trust extends TrustStoreContract {
    @Override
    protected Storage newStorage() {
      return MemoryStorage.create();
    }
  }
}
