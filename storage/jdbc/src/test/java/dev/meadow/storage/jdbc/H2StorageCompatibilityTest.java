package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.tck.StorageCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcStorage on H2 passes the storage conformance kit")
class H2StorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage() {
    var dataSource = TestDatabase.H2.pooled("tck");
    TestDatabase.empty(dataSource);
    return JdbcStorage.h2(dataSource);
  }
}
