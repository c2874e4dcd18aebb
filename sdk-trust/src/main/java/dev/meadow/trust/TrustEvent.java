package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventType;
import dev.meadow.core.events.MeadowEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Events about badges; registered by {@link Trust} when it is installed. */
public sealed interface TrustEvent extends MeadowEvent {
  /** Returns the user the badge is about. */
  UserId userId();

  /** Returns the badge. */
  String badgeId();

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
}
