package dev.meadow.storage.tck;

// snippet: storage-kit
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.tck.StorageCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MemoryStorage passes the storage conformance kit")
class MemoryStorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }
}
// end snippet: storage-kit
