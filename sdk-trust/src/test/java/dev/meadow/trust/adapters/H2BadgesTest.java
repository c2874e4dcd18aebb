package dev.meadow.trust.adapters;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.trust.BadgesTest;
import dev.meadow.trust.jdbc.JdbcTrust;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Badges through Meadow and Trust, on H2")
class H2BadgesTest extends BadgesTest {
  @Override
  protected Storage newStorage() {
    return TestDatabase.H2.kitStorage(List.of(new JdbcTrust()));
  }
}
