package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Storage;
import dev.meadow.storage.tck.StorageCompatibilityKit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The core kit and a module's kit in one class, as a plugin author runs them. */
@DisplayName("JdbcStorage on H2 passes the storage conformance kit")
// snippet: modules-kit
class H2StorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage() {
    return TestDatabase.H2.kitStorage(List.of(new NotesModule()));
  }

  @Nested
  @DisplayName("Notes store (a module's kit)")
  class Notes extends NoteStoreContract {
    @Override
    protected Storage newStorage() {
      return H2StorageCompatibilityTest.this.newStorage();
    }
  }
}
// end snippet: modules-kit
