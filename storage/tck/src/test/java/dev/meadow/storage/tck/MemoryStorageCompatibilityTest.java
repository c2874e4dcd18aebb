package dev.meadow.storage.tck;

import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MemoryStorage passes the storage conformance kit")
class MemoryStorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }
}
