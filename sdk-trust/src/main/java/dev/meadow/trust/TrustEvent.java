package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventType;
import dev.meadow.core.events.MeadowEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Events about badges and trust levels; registered by {@link Trust} when it is installed. */
public sealed interface TrustEvent extends MeadowEvent {
  /** Returns the user the event is about. */
  UserId userId();

  /**
   * A user was awarded a badge: earned by its rule, or granted by the shop.
   *
   * @param id the event id
   * @param occurredAt when
   * @param userId who
   * @param badgeId the badge
   * @param subject {@code ""}, or the subject of a repeatable badge
   * @param granted whether the shop granted it
   * @param grantedBy who granted it, or {@code null} for an earned badge
   */
  @EventType("badge.granted")
  record Granted(EventId id, Instant occurredAt, UserId userId, String badgeId, String subject, boolean granted,
      @Nullable UserId grantedBy) implements TrustEvent {
    public Granted {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(userId, "userId");
      requireNonNull(badgeId, "badgeId");
      requireNonNull(subject, "subject");
    }
  }

  /**
   * A user's badge was revoked: by the shop, or because its rule stopped holding.
   *
   * @param id the event id
   * @param occurredAt when
   * @param userId who
   * @param badgeId the badge
   * @param subject {@code ""}, or the subject of a repeatable badge
   * @param reason why
   */
  @EventType("badge.revoked")
  record Revoked(EventId id, Instant occurredAt, UserId userId, String badgeId, String subject, String reason)
      implements TrustEvent {
    public Revoked {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(userId, "userId");
      requireNonNull(badgeId, "badgeId");
      requireNonNull(subject, "subject");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A user's trust level changed: promoted or demoted by the shop's thresholds, or level 4
   * granted or revoked by the shop.
   *
   * @param id the event id
   * @param occurredAt when
   * @param userId who
   * @param from the level before, 0 to 4
   * @param to the level now, 0 to 4
   * @param reason why: the thresholds met, the threshold missed, or the shop's reason
   * @param by who granted or revoked level 4, or {@code null} for a change by the thresholds
   */
  @EventType("level.changed")
  record LevelChanged(EventId id, Instant occurredAt, UserId userId, int from, int to, String reason,
      @Nullable UserId by) implements TrustEvent {
    public LevelChanged {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(userId, "userId");
      requireNonNull(reason, "reason");
    }
  }
}
