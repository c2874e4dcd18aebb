package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.EventType;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.memory.MemoryStoreProvider;
import dev.meadow.core.modules.MeadowModule;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.privacy.PrivacyParticipant;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.Transaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A module written as a third party would, on the public seam only: its own store with a memory
 * and a JDBC implementation, its own migration folder and history, its own event family, and its
 * share of privacy work. Core, the JDBC adapter and the core kit name none of it.
 */
public final class NotesModule implements JdbcModule {
  /** The module's store. */
  public interface NoteStore {
    /** Inserts a note unless one with its id exists; returns whether it inserted. */
    boolean add(String id, String author, String text);

    /** Returns every note's text, by id. */
    List<String> all();

    /** Returns the texts of one author's notes, by id. */
    List<String> byAuthor(String author);

    /** Deletes one author's notes and returns how many. */
    int deleteByAuthor(String author);
  }

  /** The module's event family. */
  // snippet: modules-events
  public sealed interface NoteEvent extends MeadowEvent {
    /** A note was added. */
    @EventType("note.added")
    record Added(EventId id, Instant occurredAt, String noteId, UserId author) implements NoteEvent {}
  }
  // end snippet: modules-events

  /** The module's service. */
  public static final class Notes {
    private final ModuleContext context;

    private Notes(ModuleContext context) {
      this.context = context;
    }

    /**
     * Adds a note and emits {@code note.added}, in one transaction.
     *
     * @throws ValidationException naming {@code text} if it is empty or longer than 500 characters
     */
    // snippet: modules-write
    public String add(UserId author, String text) {
      requireNonNull(author, "author");
      requireNonNull(text, "text");
      if (text.isEmpty() || text.length() > 500) {
        throw ValidationException.of("text", "out_of_range", "must be 1 to 500 characters");
      }
      return context.write(work -> {
        String id = work.newId();
        work.tx().store(NoteStore.class).add(id, author.value(), text);
        work.emit(new NoteEvent.Added(work.newEventId(), work.now(), id, author));
        return id;
      });
    }
    // end snippet: modules-write

    /** Adds a note, then throws, so the transaction rolls back. */
    public void addThenFail(UserId author, String text) {
      context.write(work -> {
        work.tx().store(NoteStore.class).add(work.newId(), author.value(), text);
        throw new IllegalStateException("the work failed after its write");
      });
    }

    /** Returns every note's text, oldest first. */
    public List<String> all() {
      return context.read(tx -> tx.store(NoteStore.class).all());
    }
  }

  /** Returns the module to install into {@code Meadow.builder()}. */
  // snippet: modules-install
  public static MeadowModule<Notes> module() {
    return new MeadowModule<>() {
      @Override
      public Class<Notes> type() {
        return Notes.class;
      }

      @Override
      public Notes install(ModuleContext context) {
        context.requireStore(NoteStore.class);
        context.registerEvents(NoteEvent.class);
        context.addPrivacyParticipant(new PrivacyParticipant() {
          @Override
          public String section() {
            return "notes";
          }

          @Override
          public Object export(Transaction tx, UserId user) {
            return Map.of("notes", tx.store(NoteStore.class).byAuthor(user.value()));
          }

          @Override
          public void erase(UnitOfWork work, UserId user) {
            work.tx().store(NoteStore.class).deleteByAuthor(user.value());
          }
        });
        return new Notes(context);
      }
    };
  }
  // end snippet: modules-install

  // snippet: modules-jdbc
  @Override
  public String name() {
    return "notes";
  }

  @Override
  public String migrationsLocation(String database) {
    return "db/meadow-test-notes/" + database;
  }

  @Override
  public List<JdbcStoreProvider<?>> stores() {
    return List.of(JdbcStoreProvider.of(NoteStore.class, Jdbc::new));
  }
  // end snippet: modules-jdbc

  /** The store on the JDBC adapter, through the public session only. */
  private static final class Jdbc implements NoteStore {
    private final JdbcSession session;

    Jdbc(JdbcSession session) {
      this.session = session;
    }

    @Override
    public boolean add(String id, String author, String text) {
      return session.insertIfAbsent("insert a note", "INSERT INTO meadow_test_notes (id, author_id, text) VALUES (?, ?, ?)",
          s -> {
            s.setString(1, id);
            s.setString(2, author);
            s.setString(3, text);
          });
    }

    @Override
    public List<String> all() {
      return session.list("list notes", "SELECT text FROM meadow_test_notes ORDER BY id", Sql.NO_PARAMETERS,
          row -> row.getString(1));
    }

    @Override
    public List<String> byAuthor(String author) {
      return session.list("list notes", "SELECT text FROM meadow_test_notes WHERE author_id = ? ORDER BY id",
          s -> s.setString(1, author), row -> row.getString(1));
    }

    @Override
    public int deleteByAuthor(String author) {
      return session.update("delete notes", "DELETE FROM meadow_test_notes WHERE author_id = ?",
          s -> s.setString(1, author));
    }
  }

  /** The store in memory, undone with the memory storage's transactions. */
  // snippet: modules-memory
  public static final class Memory implements MemoryStoreProvider<NoteStore> {
    @Override
    public Class<NoteStore> storeType() {
      return NoteStore.class;
    }

    @Override
    public State<NoteStore> create() {
      Map<String, String[]> notes = new TreeMap<>();
      return tx -> new NoteStore() {
        @Override
        public boolean add(String id, String author, String text) {
          tx.checkOpen();
          if (notes.putIfAbsent(id, new String[] {author, text}) != null) {
            return false;
          }
          tx.onRollback(() -> notes.remove(id));
          return true;
        }
  // end snippet: modules-memory

        @Override
        public List<String> all() {
          tx.checkOpen();
          return notes.values().stream().map(n -> n[1]).toList();
        }

        @Override
        public List<String> byAuthor(String author) {
          tx.checkOpen();
          return notes.values().stream().filter(n -> n[0].equals(author)).map(n -> n[1]).toList();
        }

        @Override
        public int deleteByAuthor(String author) {
          tx.checkOpen();
          Map<String, String[]> removed = new LinkedHashMap<>();
          notes.entrySet().removeIf(e -> e.getValue()[0].equals(author) && removed.put(e.getKey(), e.getValue()) == null);
          tx.onRollback(() -> notes.putAll(removed));
          return removed.size();
        }
      };
    }
  }
}
