package dev.meadow.core.events;

import dev.meadow.core.EventId;
import java.time.Instant;

/**
 * Something that changed in Meadow. Every state change emits exactly one event per changed
 * thing, in the same transaction as the change: it reaches {@link EventListener}s after commit,
 * and the outbox keeps it for durable delivery.
 *
 * <p>Each event is a record annotated with its stable {@link EventType}, in a sealed family such as
 * {@link GroupEvent}; {@link EventJson} turns it into stable JSON and back. Core's families are
 * {@link GroupEvent}, {@link PostEvent}, {@link ReferralEvent}, {@link ReviewEvent} and
 * {@link SocialEvent}; a module registers its own with {@code ModuleContext.registerEvents}, or
 * {@link EventJson#register}.
 */
public interface MeadowEvent {
  /** Returns the event's id, unique and the same on every delivery. */
  EventId id();

  /** Returns when the change happened, by Meadow's clock. */
  Instant occurredAt();

  /** Returns the stable type, such as {@code group.member_joined}. */
  default String type() {
    return EventJson.typeOf(getClass()).value();
  }

  /** Returns the version of this type's JSON schema. */
  default int schemaVersion() {
    return EventJson.typeOf(getClass()).version();
  }
}
