package dev.meadow.trust.adapters;

import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import dev.meadow.trust.BadgesTest;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Badges through Meadow and Trust, on MemoryStorage")
class MemoryBadgesTest extends BadgesTest {
  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }
}
