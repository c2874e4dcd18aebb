package dev.meadow.trust.adapters;

import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import dev.meadow.trust.ImportTest;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Importing what Meadow recorded before Trust, on MemoryStorage")
class MemoryImportTest extends ImportTest {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }
}
