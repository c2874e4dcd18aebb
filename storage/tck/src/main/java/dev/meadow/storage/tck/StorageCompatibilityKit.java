package dev.meadow.storage.tck;

import dev.meadow.core.spi.Storage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit in one class: extend it in a test of your adapter and implement
 * {@link #newStorage()}.
 *
 * <pre>{@code
 * class MyStorageCompatibilityTest extends StorageCompatibilityKit {
 *   @Override
 *   protected Storage newStorage() {
 *     return MyStorage.connect(...); // every store empty
 *   }
 * }
 * }</pre>
 *
 * <p>Each nested section is one contract class, which can also be extended on its own.
 *
 * <p><b>Modules' kits.</b> A module's store has a contract of its own, shipped by the module (such
 * as a {@code NoteStoreContract} in the notes module's test jar), extending {@link StorageContract}. An
 * adapter that supplies the module's store runs it in the same class, nested beside the core kit's
 * sections, so one run shows every guarantee as one {@code @DisplayName} sentence:
 *
 * <pre>{@code
 * class MyStorageCompatibilityTest extends StorageCompatibilityKit {
 *   @Override
 *   protected Storage newStorage() {
 *     return MyStorage.connect(...);
 *   }
 *
 *   @Nested
 *   @DisplayName("Note store")
 *   class Notes extends NoteStoreContract {
 *     @Override
 *     protected Storage newStorage() {
 *       return MyStorageCompatibilityTest.this.newStorage();
 *     }
 *   }
 * }
 * }</pre>
 */
public abstract class StorageCompatibilityKit {
  /**
   * Returns the storage under test. Called before each test; every store must be empty (an
   * adapter over a shared database clears its tables here).
   */
  protected abstract Storage newStorage();

  @Nested
  @DisplayName("Transactions")
  class Transactions extends TransactionContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Outbox store")
  class OutboxStore extends OutboxStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Group store")
  class GroupStore extends GroupStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Post store")
  class PostStore extends PostStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Follow store")
  class FollowStore extends FollowStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Label store")
  class LabelStore extends LabelStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Review store")
  class ReviewStore extends ReviewStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Referral store")
  class ReferralStore extends ReferralStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Counter store")
  class CounterStore extends CounterStoreContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }

  @Nested
  @DisplayName("Meadow services on this storage")
  class Services extends ServiceContract {
    @Override
    protected Storage newStorage() {
      return StorageCompatibilityKit.this.newStorage();
    }
  }
}
