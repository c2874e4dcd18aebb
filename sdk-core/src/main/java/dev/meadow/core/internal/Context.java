package dev.meadow.core.internal;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.events.EventListener;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Meadow service shares: storage, clock, ids, cursors and listeners. One per
 * {@code Meadow}; thread-safe.
 */
public final class Context {
  private static final Logger log = LoggerFactory.getLogger(Context.class);

  private final Storage storage;
  private final Clock clock;
  private final Ulids ids;
  private final Cursors cursors;
  private final List<EventListener> listeners;

  public Context(Storage storage, Clock clock, Cursors cursors, List<EventListener> listeners) {
    this.storage = requireNonNull(storage, "storage");
    this.clock = requireNonNull(clock, "clock");
    this.ids = Ulids.create(clock);
    this.cursors = requireNonNull(cursors, "cursors");
    this.listeners = List.copyOf(listeners);
  }

  /** Returns the storage adapter. */
  public Storage storage() {
    return storage;
  }

  /** Returns the clock. */
  public Clock clock() {
    return clock;
  }

  /** Returns the cursor codec. */
  public Cursors cursors() {
    return cursors;
  }

  /** Returns the current time truncated to the millisecond, the precision Meadow stores. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Runs a use-case that changes state: in one transaction, with its events written to the outbox
   * in that transaction and handed to listeners only after it committed.
   */
  public <T> T write(Function<UnitOfWork, T> work) {
    requireNonNull(work, "work");
    UnitOfWork[] committed = new UnitOfWork[1];
    T result =
        storage.inTransaction(
            tx -> {
              // A fresh unit per attempt: an adapter may retry after a transient conflict.
              UnitOfWork unit = new UnitOfWork(tx, now(), ids);
              T value = work.apply(unit);
              committed[0] = unit;
              return value;
            });
    publish(committed[0].events());
    return result;
  }

  /** Runs a read-only use-case in one transaction. */
  public <T> T read(Function<Transaction, T> work) {
    requireNonNull(work, "work");
    return storage.inTransaction(work::apply);
  }

  private void publish(List<MeadowEvent> events) {
    for (MeadowEvent event : events) {
      for (EventListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn("Event listener {} failed on event {} ({}); the change is committed and the event is in the outbox",
              listener, event.id(), event.type(), e);
        }
      }
    }
  }
}
