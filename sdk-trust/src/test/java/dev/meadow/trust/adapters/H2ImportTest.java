package dev.meadow.trust.adapters;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.trust.ImportTest;
import dev.meadow.trust.jdbc.JdbcTrust;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Importing what Meadow recorded before Trust, on H2")
class H2ImportTest extends ImportTest {
  @Override
  protected Storage newStorage() {
    return TestDatabase.H2.kitStorage(List.of(new JdbcTrust()));
  }
}
