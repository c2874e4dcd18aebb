package dev.meadow.core;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.EventListener;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Watches one Meadow for a test: hears every event its listeners hear, reads its outbox and its
 * storage in transactions that are always rolled back, and checks that a call emitted exactly
 * the events it should, or that a refused call changed nothing stored.
 *
 * <p>Add it to the builder as a listener, over the storage it was given.
 */
public final class Witness implements EventListener {
  private final Storage storage;
  private final Clock clock;
  private final List<MeadowEvent> heard = new CopyOnWriteArrayList<>();
  /** Outbox payloads read once, so that snapshots stay cheap. */
  private final Map<EventId, MeadowEvent> parsed = new ConcurrentHashMap<>();

  /** Returns a witness of the Meadow built over {@code storage} and {@code clock}. */
  public Witness(Storage storage, Clock clock) {
    this.storage = requireNonNull(storage, "storage");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public void onEvent(MeadowEvent event) {
    heard.add(event);
  }

  /** Returns every event the listeners heard, in order. */
  public List<MeadowEvent> heard() {
    return List.copyOf(heard);
  }

  /** Returns what {@code look} finds in a transaction that is always rolled back. */
  public <T> T peek(Function<Transaction, T> look) {
    List<T> found = new ArrayList<>(1);
    try {
      storage.inTransaction(tx -> {
        found.add(look.apply(tx));
        throw new Peeked();
      });
    } catch (Peeked expected) {
      // looked without touching
    }
    return found.get(0);
  }

  /** Returns every message the outbox holds, oldest first, without changing anything. */
  public List<OutboxMessage> outbox() {
    // A claim far in the future sees every pending entry; the rollback undoes it.
    return peek(tx -> tx.outbox().claim(100_000, clock.instant().plus(Duration.ofDays(3650)), Duration.ofMillis(1))
        .stream().map(entry -> entry.message()).toList());
  }

  /** Returns the events the outbox holds, oldest first, each read back from its JSON. */
  public List<MeadowEvent> outboxEvents() {
    return outbox().stream().map(m -> parsed.computeIfAbsent(m.id(), id -> EventJson.read(m.payload()))).toList();
  }

  /**
   * Runs {@code action} and checks that it emitted exactly events of {@code types}, in order: the
   * listeners heard them, the outbox gained them and nothing else, and each reads back from its
   * stored JSON equal to what the listeners heard, under its own type name.
   */
  public <T> T emits(List<Class<? extends MeadowEvent>> types, ThrowingSupplier<T> action) {
    Set<OutboxMessage> before = new LinkedHashSet<>(outbox());
    int heardBefore = heard.size();
    T result;
    try {
      result = action.get();
    } catch (Throwable e) {
      throw new AssertionError("expected " + types + " but the call failed", e);
    }
    List<MeadowEvent> fresh = List.copyOf(heard.subList(heardBefore, heard.size()));
    assertEquals(types, fresh.stream().map(MeadowEvent::getClass).toList(), "events heard");
    List<OutboxMessage> added = outbox().stream().filter(m -> !before.contains(m)).toList();
    assertEquals(fresh, added.stream().map(m -> EventJson.read(m.payload())).toList(),
        "the outbox gained exactly the events heard, and each reads back equal");
    for (OutboxMessage message : added) {
      assertEquals(EventJson.read(message.payload()).type(), message.type());
    }
    return result;
  }

  /**
   * Runs {@code action} and checks that it succeeded, emitted no event and left {@code stored}
   * as it was.
   */
  public <T> T changesNothing(ThrowingSupplier<T> action, Supplier<Snapshot> stored) {
    Snapshot before = stored.get();
    int heardBefore = heard.size();
    T result;
    try {
      result = action.get();
    } catch (Throwable e) {
      throw new AssertionError("expected the call to succeed without effect, but it failed", e);
    }
    assertNothingHeardSince(heardBefore);
    before.assertSameAs(stored.get());
    return result;
  }

  /** Checks that {@code call} throws {@code type}, emits nothing and leaves {@code stored} as it was. */
  public <E extends Throwable> E refuses(Class<E> type, Executable call, Supplier<Snapshot> stored) {
    Snapshot before = stored.get();
    int heardBefore = heard.size();
    E thrown = assertThrows(type, call);
    assertNothingHeardSince(heardBefore);
    before.assertSameAs(stored.get());
    return thrown;
  }

  /**
   * Checks that {@code call} is refused as invalid, naming {@code field}, emits nothing and leaves
   * {@code stored} as it was.
   */
  public ValidationException rejects(String field, Executable call, Supplier<Snapshot> stored) {
    ValidationException e = refuses(ValidationException.class, call, stored);
    assertTrue(e.names(field), () -> "expected a violation of " + field + ", got: " + e.getMessage());
    return e;
  }

  private void assertNothingHeardSince(int heardBefore) {
    assertEquals(heardBefore, heard.size(), () -> "no event heard, but heard " + heard.subList(heardBefore, heard.size()));
  }

  /**
   * Returns the outbox and what {@code world} records of the storage, read in one rolled-back
   * transaction each.
   */
  public Snapshot snapshot(BiConsumer<Transaction, Snapshot.World> world) {
    List<OutboxMessage> outbox = outbox();
    Snapshot.World values = new Snapshot.World();
    peek(tx -> {
      world.accept(tx, values);
      return values;
    });
    return new Snapshot(outbox, values.values);
  }

  /** Thrown to roll back a transaction that only looked. */
  private static final class Peeked extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Everything stored at one moment that a call could change: the outbox and named values.
   *
   * @param outbox the outbox's messages, oldest first
   * @param world every stored value, by a name saying what it is
   */
  public record Snapshot(List<OutboxMessage> outbox, Map<String, Object> world) {
    /** Fails naming every difference between this moment and {@code later}. */
    public void assertSameAs(Snapshot later) {
      if (equals(later)) {
        return;
      }
      List<String> differences = new ArrayList<>();
      if (!outbox.equals(later.outbox)) {
        differences.add("outbox: " + outbox.size() + " messages became " + later.outbox.size() + ": "
            + later.outbox.stream().filter(m -> !outbox.contains(m)).map(OutboxMessage::type).toList());
      }
      Set<String> keys = new TreeSet<>(world.keySet());
      keys.addAll(later.world.keySet());
      for (String key : keys) {
        if (!Objects.equals(world.get(key), later.world.get(key))) {
          differences.add(key + ": " + world.get(key) + " became " + later.world.get(key));
        }
      }
      fail("stored state changed:\n  " + String.join("\n  ", differences));
    }

    /** The named values of a snapshot, as a test records them. */
    public static final class World {
      private final Map<String, Object> values = new LinkedHashMap<>();

      private World() {}

      /**
       * Records one stored value, leaving out what is not there (zero, empty, absent), so that a
       * snapshot does not change because a test names another user who has nothing stored.
       */
      public void put(String name, Object value) {
        boolean absent = value instanceof Long number && number == 0
            || value instanceof List<?> list && list.isEmpty()
            || value instanceof Optional<?> optional && optional.isEmpty();
        if (!absent) {
          values.put(name, value);
        }
      }
    }
  }
}
