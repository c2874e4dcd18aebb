package dev.meadow.core.modules;

import dev.meadow.core.EventId;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.spi.Transaction;
import java.time.Instant;

/**
 * One attempt at a use-case that changes state, as {@link ModuleContext#write} runs it: its
 * transaction, its single reading of the clock, and the events it emits. Emitting writes the event
 * to the outbox in the same transaction; listeners hear of it only after commit. Valid only inside
 * the work it was given to.
 */
public interface UnitOfWork {
  /** Returns the transaction's stores, core's and, through {@link Transaction#store}, modules'. */
  Transaction tx();

  /** Returns the time of this use-case, the same for every write in it, to the millisecond. */
  Instant now();

  /** Returns a new time-ordered id (26 characters, ULID-style, sorting by creation). */
  String newId();

  /** Returns a new event id. */
  EventId newEventId();

  /**
   * Records {@code event} in the outbox of this transaction and queues it for the listeners.
   *
   * @throws IllegalArgumentException if the event's family was not registered, through
   *     {@link ModuleContext#registerEvents} or {@code EventJson.register}
   */
  void emit(MeadowEvent event);
}
