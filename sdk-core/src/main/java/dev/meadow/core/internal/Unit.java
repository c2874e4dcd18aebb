package dev.meadow.core.internal;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@link UnitOfWork} of one attempt at a use-case. */
final class Unit implements UnitOfWork {
  private final Transaction tx;
  private final Instant now;
  private final Ulids ids;
  private final List<MeadowEvent> events = new ArrayList<>();

  Unit(Transaction tx, Instant now, Ulids ids) {
    this.tx = tx;
    this.now = now;
    this.ids = ids;
  }

  @Override
  public Transaction tx() {
    return tx;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public String newId() {
    return ids.next();
  }

  @Override
  public EventId newEventId() {
    return new EventId(ids.next());
  }

  @Override
  public void emit(MeadowEvent event) {
    requireNonNull(event, "event");
    // Written first, so an event of an unregistered family fails before anything is recorded.
    String json = EventJson.write(event);
    tx.outbox().append(new OutboxMessage(event.id(), event.type(), event.schemaVersion(), event.occurredAt(), json));
    events.add(event);
  }

  List<MeadowEvent> events() {
    return events;
  }
}
