package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.Outbox;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.NotesModule.NoteEvent;
import dev.meadow.storage.jdbc.NotesModule.NoteStore;
import dev.meadow.storage.jdbc.NotesModule.Notes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A module outside core, written on the public seam only, adds a store, a migration and an event
 * family, and runs through {@code Meadow} on memory, H2 and PostgreSQL with no change to core.
 */
@DisplayName("A module brings its own store, migration and events, on every adapter")
class NotesModuleTest {
  /** Each adapter with the module's store; JDBC databases new and migrated with the module's scripts. */
  static Stream<Storage> storages() {
    JdbcStorage h2 = TestDatabase.H2.storage(TestDatabase.H2.fresh()).withModules(List.of(new NotesModule()));
    h2.migrate();
    JdbcStorage postgres = TestDatabase.POSTGRES.storage(TestDatabase.POSTGRES.fresh())
        .withModules(List.of(new NotesModule()));
    postgres.migrate();
    return Stream.of(MemoryStorage.create(List.of(new NotesModule.Memory())), h2, postgres);
  }

  /** The same adapters without the module's store. */
  static Stream<Storage> storagesWithout() {
    return Stream.of(MemoryStorage.create(List.of()), TestDatabase.H2.storage(TestDatabase.H2.fresh()).withModules(List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  @DisplayName("A note is stored in the module's store, and its event reaches listeners, the outbox and EventJson")
  void addNote(Storage storage) {
    List<MeadowEvent> heard = new ArrayList<>();
    Meadow meadow = Meadow.builder().storage(storage).listener(heard::add).install(NotesModule.module()).build();
    Notes notes = meadow.module(Notes.class);

    String id = notes.add(UserId.of("ann"), "Linen runs large");

    assertEquals(List.of("Linen runs large"), notes.all());
    NoteEvent.Added added = assertInstanceOf(NoteEvent.Added.class, heard.get(0));
    assertEquals(id, added.noteId());
    assertEquals("note.added", added.type());
    assertEquals(NoteEvent.Added.class, EventJson.types().get("note.added"));
    List<OutboxEntry> entries = meadow.outbox().claim(10, Duration.ofMinutes(1));
    assertEquals(1, entries.size());
    assertEquals(added, Outbox.event(entries.get(0)), "the outbox's JSON reads back as the module's record");
    assertEquals(added, EventJson.read(EventJson.write(added)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  @DisplayName("A use-case that fails after its write leaves the module's store and the outbox as they were")
  void failedWriteRollsBack(Storage storage) {
    Meadow meadow = Meadow.builder().storage(storage).install(NotesModule.module()).build();
    Notes notes = meadow.module(Notes.class);
    notes.add(UserId.of("ann"), "kept");

    assertThrows(IllegalStateException.class, () -> notes.addThenFail(UserId.of("ann"), "undone"));
    assertThrows(ValidationException.class, () -> notes.add(UserId.of("ann"), ""));

    assertEquals(List.of("kept"), notes.all());
    assertEquals(1, meadow.outbox().claim(10, Duration.ofMinutes(1)).size(), "only the kept note's event");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storagesWithout")
  @DisplayName("Building a Meadow whose storage lacks a module's store fails at build(), naming the store and the adapter")
  void missingStoreFailsBuild(Storage storage) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Meadow.builder().storage(storage).install(NotesModule.module()).build());
    assertTrue(e.getMessage().contains("NoteStore") && e.getMessage().contains(storage.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(NoteStore.class.getName()), e.getMessage());
  }
}
