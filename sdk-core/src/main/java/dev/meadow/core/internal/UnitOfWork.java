package dev.meadow.core.internal;

import dev.meadow.core.EventId;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt at a use-case: its transaction, its single reading of the clock, and the events it
 * emits. Emitting writes the event to the outbox in the same transaction; listeners hear of it
 * only after commit.
 */
public final class UnitOfWork {
  private final Transaction tx;
  private final Instant now;
  private final Ulids ids;
  private final List<MeadowEvent> events = new ArrayList<>();

  UnitOfWork(Transaction tx, Instant now, Ulids ids) {
    this.tx = tx;
    this.now = now;
    this.ids = ids;
  }

  /** Returns the transaction's stores. */
  public Transaction tx() {
    return tx;
  }

  /** Returns the time of this use-case, the same for every write in it, to the millisecond. */
  public Instant now() {
    return now;
  }

  /** Returns a new time-ordered id. */
  public String newId() {
    return ids.next();
  }

  /** Returns a new event id. */
  public EventId newEventId() {
    return new EventId(ids.next());
  }

  /** Records {@code event} in the outbox of this transaction and queues it for the listeners. */
  public void emit(MeadowEvent event) {
    tx.outbox().append(new OutboxMessage(
        event.id(), event.type(), event.schemaVersion(), event.occurredAt(), EventJson.write(event)));
    events.add(event);
  }

  List<MeadowEvent> events() {
    return events;
  }
}
