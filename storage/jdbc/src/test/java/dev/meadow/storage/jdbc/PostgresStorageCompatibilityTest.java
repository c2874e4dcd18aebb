package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.tck.StorageCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcStorage on PostgreSQL passes the storage conformance kit")
class PostgresStorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage() {
    var dataSource = TestDatabase.POSTGRES.pooled("tck");
    TestDatabase.empty(dataSource);
    return JdbcStorage.postgres(dataSource);
  }
}
