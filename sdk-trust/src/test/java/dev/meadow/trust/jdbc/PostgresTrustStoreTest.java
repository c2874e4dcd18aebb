package dev.meadow.trust.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.trust.TrustStoreContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The trust store on Postgres")
class PostgresTrustStoreTest extends TrustStoreContract {
  @Override
  protected Storage newStorage() {
    return TestDatabase.POSTGRES.kitStorage(List.of(new JdbcTrust()));
  }
}
