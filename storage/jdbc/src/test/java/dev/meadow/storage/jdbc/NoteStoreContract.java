package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.storage.jdbc.NotesModule.NoteStore;
import dev.meadow.storage.tck.StorageContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit of the notes test module's store: a module's contract, composed with the core kit in one
 * test class as a plugin author composes them (see {@link H2StorageCompatibilityTest}).
 */
abstract class NoteStoreContract extends StorageContract {
  private NoteStore notes(dev.meadow.core.spi.Transaction tx) {
    return tx.store(NoteStore.class);
  }

  @Test
  @DisplayName("A note is added once per id, and listed by id")
  void addOncePerId() {
    String first = newId();
    String second = newId();
    assertTrue(is(tx -> notes(tx).add(second, "ann", "second")));
    assertTrue(is(tx -> notes(tx).add(first, "bob", "first")));
    assertFalse(is(tx -> notes(tx).add(first, "bob", "again")), "the same id again");
    assertEquals(List.of("first", "second"), tx(tx -> notes(tx).all()));
  }

  @Test
  @DisplayName("A transaction whose work throws leaves the module's store as it found it")
  void rollbackCoversTheModuleStore() {
    tx(tx -> notes(tx).add(newId(), "ann", "kept"));
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      notes(tx).add(newId(), "ann", "undone");
      notes(tx).deleteByAuthor("ann");
      throw new IllegalStateException("the work fails");
    }));
    assertEquals(List.of("kept"), tx(tx -> notes(tx).all()));
  }

  @Test
  @DisplayName("One author's notes are listed and deleted without touching another's")
  void byAuthor() {
    tx(tx -> notes(tx).add(newId(), "ann", "a1") && notes(tx).add(newId(), "bob", "b1")
        && notes(tx).add(newId(), "ann", "a2"));
    assertEquals(List.of("a1", "a2"), tx(tx -> notes(tx).byAuthor("ann")));
    assertEquals(2, (int) tx(tx -> notes(tx).deleteByAuthor("ann")));
    assertEquals(List.of("b1"), tx(tx -> notes(tx).all()));
  }
}
