package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.tck.StorageCompatibilityKit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The core kit and a module's kit in one class, as a plugin author runs them. */
@DisplayName("JdbcStorage on PostgreSQL passes the storage conformance kit")
class PostgresStorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage() {
    return TestDatabase.POSTGRES.kitStorage(List.of(new NotesModule()));
  }

  @Nested
  @DisplayName("Notes store (a module's kit)")
  class Notes extends NoteStoreContract {
    @Override
    protected Storage newStorage() {
      return PostgresStorageCompatibilityTest.this.newStorage();
    }
  }
}
