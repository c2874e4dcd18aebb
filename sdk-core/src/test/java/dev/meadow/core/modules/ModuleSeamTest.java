package dev.meadow.core.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.EventType;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.internal.Context;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.memory.MemoryStoreProvider;
import dev.meadow.core.privacy.PrivacyParticipant;
import dev.meadow.core.spi.CounterStore;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module seam on core's own adapter: installing, stores by type, event families and set-up rules. */
@DisplayName("Modules install into Meadow through one context")
class ModuleSeamTest {
  /** A counter store a test module defines. */
  interface TallyStore {
    void add(String key);

    int count(String key);
  }

  /** The memory implementation, undone with the storage's transactions. */
  static final class MemoryTallies implements MemoryStoreProvider<TallyStore> {
    @Override
    public Class<TallyStore> storeType() {
      return TallyStore.class;
    }

    @Override
    public State<TallyStore> create() {
      Map<String, Integer> counts = new java.util.HashMap<>();
      return tx -> new TallyStore() {
        @Override
        public void add(String key) {
          tx.checkOpen();
          Integer before = counts.merge(key, 1, Integer::sum) - 1;
          tx.onRollback(() -> counts.put(key, before));
        }

        @Override
        public int count(String key) {
          tx.checkOpen();
          return counts.getOrDefault(key, 0);
        }
      };
    }
  }

  sealed interface TallyEvent extends MeadowEvent {
    @EventType("tally.added")
    record Added(EventId id, Instant occurredAt, String key) implements TallyEvent {}
  }

  /** An event whose family no module registered. */
  @EventType("stray.happened")
  record Stray(EventId id, Instant occurredAt) implements MeadowEvent {}

  /** The test module's service. */
  static final class Tallies {
    final ModuleContext context;

    Tallies(ModuleContext context) {
      this.context = context;
    }

    void add(String key) {
      context.write(work -> {
        work.tx().store(TallyStore.class).add(key);
        work.emit(new TallyEvent.Added(work.newEventId(), work.now(), key));
        return null;
      });
    }

    int count(String key) {
      return context.read(tx -> tx.store(TallyStore.class).count(key));
    }
  }

  /** Returns a module of {@code type} whose install runs {@code setUp} and returns {@code service}. */
  static <T> MeadowModule<T> module(Class<T> type, Consumer<ModuleContext> setUp, java.util.function.Function<ModuleContext, T> service) {
    return new MeadowModule<>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public T install(ModuleContext context) {
        setUp.accept(context);
        return service.apply(context);
      }
    };
  }

  static MeadowModule<Tallies> tallies() {
    return module(Tallies.class, c -> {
      c.requireStore(TallyStore.class);
      c.registerEvents(TallyEvent.class);
    }, Tallies::new);
  }

  @Test
  @DisplayName("A module's store comes from the memory adapter by type, and a failed use-case undoes its writes there")
  void moduleStoreAndRollback() {
    List<MeadowEvent> heard = new ArrayList<>();
    Meadow meadow = Meadow.builder().storage(MemoryStorage.create(List.of(new MemoryTallies())))
        .listener(heard::add).install(tallies()).build();
    Tallies tallies = meadow.module(Tallies.class);
    tallies.add("a");
    tallies.add("a");
    assertThrows(IllegalStateException.class, () -> tallies.context.write(work -> {
      work.tx().store(TallyStore.class).add("a");
      throw new IllegalStateException("fails after the write");
    }));
    assertEquals(2, tallies.count("a"));
    assertEquals(2, heard.size());
    assertEquals("tally.added", heard.get(0).type());
    assertEquals(2, meadow.outbox().claim(10, Duration.ofMinutes(1)).size());
    assertEquals(TallyEvent.Added.class, EventJson.types().get("tally.added"));
  }

  @Test
  @DisplayName("Core's stores come by type too, the same as their accessors")
  void coreStoresByType() {
    Storage storage = MemoryStorage.create(List.of());
    storage.inTransaction(tx -> tx.counters().add("tallies", "a", 2));
    assertEquals(2L, (long) storage.inTransaction(tx -> tx.store(CounterStore.class).get("tallies", "a")));
    assertTrue(storage.provides(GroupStore.class));
    assertThrows(IllegalArgumentException.class, () -> storage.inTransaction(tx -> tx.store(TallyStore.class)));
  }

  @Test
  @DisplayName("A storage without a module's store fails build() with a message naming the store and the adapter")
  void missingStore() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Meadow.builder().storage(MemoryStorage.create(List.of())).install(tallies()).build());
    assertTrue(e.getMessage().contains(TallyStore.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("MemoryStorage"), e.getMessage());
    assertTrue(e.getMessage().contains("Tallies"), e.getMessage());
  }

  @Test
  @DisplayName("A store from a second adapter is checked against that adapter")
  void storeFromASecondAdapter() {
    Storage second = MemoryStorage.create(List.of(new MemoryTallies()));
    Meadow meadow = Meadow.builder().storage(MemoryStorage.create(List.of()))
        .install(module(Storage.class, c -> c.requireStore(TallyStore.class, second), c -> second)).build();
    Storage timelines = meadow.module(Storage.class);
    timelines.inTransaction(tx -> {
      tx.store(TallyStore.class).add("k");
      return null;
    });
    assertEquals(1, (int) timelines.inTransaction(tx -> tx.store(TallyStore.class).count("k")));
    assertThrows(IllegalStateException.class, () -> Meadow.builder()
        .install(module(Storage.class, c -> c.requireStore(TallyStore.class, MemoryStorage.create(List.of())), c -> second))
        .build());
  }

  @Test
  @DisplayName("An event whose family is not registered is refused before anything is stored")
  void unregisteredEvent() {
    Meadow meadow = Meadow.builder().storage(MemoryStorage.create(List.of(new MemoryTallies())))
        .install(tallies()).build();
    Tallies tallies = meadow.module(Tallies.class);
    assertThrows(IllegalArgumentException.class, () -> tallies.context.write(work -> {
      work.tx().store(TallyStore.class).add("x");
      work.emit(new Stray(work.newEventId(), work.now()));
      return null;
    }));
    assertEquals(0, tallies.count("x"));
    assertTrue(meadow.outbox().claim(10, Duration.ofMinutes(1)).isEmpty());
  }

  @Test
  @DisplayName("A type name taken by another class is refused; registering a family again changes nothing")
  void registrationRules() {
    @EventType("group.created")
    record Clash(EventId id, Instant occurredAt) implements MeadowEvent {}
    assertThrows(IllegalArgumentException.class, () -> EventJson.register(Clash.class));
    EventJson.register(TallyEvent.class);
    EventJson.register(TallyEvent.class);
    assertEquals(TallyEvent.Added.class, EventJson.types().get("tally.added"));
  }

  @Test
  @DisplayName("A family that is neither sealed nor a record is refused; a memory storage refuses two providers of one"
      + " store, or one of a core store")
  void registrationAndProviderMisuse() {
    assertThrows(IllegalArgumentException.class, () -> EventJson.register(MeadowEvent.class));
    assertThrows(IllegalArgumentException.class,
        () -> MemoryStorage.create(List.of(new MemoryTallies(), new MemoryTallies())));
    MemoryStoreProvider<GroupStore> core = new MemoryStoreProvider<>() {
      @Override
      public Class<GroupStore> storeType() {
        return GroupStore.class;
      }

      @Override
      public State<GroupStore> create() {
        throw new AssertionError("never asked: the provider is refused first");
      }
    };
    assertThrows(IllegalArgumentException.class, () -> MemoryStorage.create(List.of(core)));
  }

  @Test
  @DisplayName("Each module type installs once; set-up methods work only during install; module() names a missing one")
  void installRules() {
    assertThrows(IllegalStateException.class, () -> Meadow.builder().install(tallies()).install(tallies()));
    ModuleContext[] kept = new ModuleContext[1];
    Meadow meadow = Meadow.builder().install(module(String.class, c -> kept[0] = c, c -> "service")).build();
    assertEquals("service", meadow.module(String.class));
    assertThrows(IllegalStateException.class, () -> kept[0].requireStore(GroupStore.class));
    assertThrows(IllegalStateException.class, () -> kept[0].registerEvents(TallyEvent.class));
    assertThrows(IllegalStateException.class, () -> kept[0].addListener(event -> {}));
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> meadow.module(Integer.class));
    assertTrue(missing.getMessage().contains("install"), missing.getMessage());
  }

  @Test
  @DisplayName("A module sees the modules installed before it, and the one cursor secret of its Meadow")
  void modulesSeeEachOtherAndShareTheCursorSecret() {
    byte[] secret = "sixteen-bytes-and-more".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Meadow meadow = Meadow.builder().cursorSecret(secret)
        .install(module(String.class, c -> {}, c -> "first"))
        .install(module(Integer.class, c -> {}, c -> c.module(String.class).orElseThrow().length()))
        .install(module(ModuleContext.class, c -> {}, c -> c))
        .build();
    assertEquals(5, meadow.module(Integer.class));
    String cursor = meadow.module(ModuleContext.class).cursors().encode("listing", "a");
    ModuleContext other = Meadow.builder().cursorSecret(secret).install(module(ModuleContext.class, c -> {}, c -> c))
        .build().module(ModuleContext.class);
    assertEquals(List.of("a"), other.cursors().decode("listing", cursor, 1), "another Meadow with the secret accepts it");
  }

  @Test
  @DisplayName("Privacy participants are kept in install order, and a section name is taken once")
  void privacyParticipants() {
    Context context = new Context(MemoryStorage.create(List.of()), java.time.Clock.systemUTC(),
        Cursors.withSecret(new byte[16]), List.of());
    PrivacyParticipant notes = participant("notes");
    context.install(module(String.class, c -> c.addPrivacyParticipant(notes), c -> "notes"));
    assertThrows(IllegalArgumentException.class,
        () -> context.install(module(Integer.class, c -> c.addPrivacyParticipant(participant("notes")), c -> 1)));
    assertThrows(IllegalArgumentException.class,
        () -> context.install(module(Long.class, c -> c.addPrivacyParticipant(participant("Bad Name")), c -> 1L)));
    assertEquals(List.of(notes), context.privacyParticipants());
  }

  private static PrivacyParticipant participant(String section) {
    return new PrivacyParticipant() {
      @Override
      public String section() {
        return section;
      }

      @Override
      public Object export(Transaction tx, UserId user) {
        return Map.of();
      }

      @Override
      public void erase(UnitOfWork work, UserId user) {}
    };
  }
}
