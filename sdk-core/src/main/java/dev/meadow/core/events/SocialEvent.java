package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.FollowTarget;
import java.time.Instant;
import java.util.List;

/** Events about the social graph: follows and self-assigned style labels. */
public sealed interface SocialEvent extends MeadowEvent {

  /**
   * A user started following a user, store or group.
   *
   * @param id the event id
   * @param occurredAt when
   * @param follower who follows
   * @param target whom or what
   */
  @EventType("social.followed")
  record Followed(EventId id, Instant occurredAt, UserId follower, FollowTarget target)
      implements SocialEvent {
    public Followed {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(follower, "follower");
      requireNonNull(target, "target");
    }
  }

  /**
   * A user stopped following a user, store or group.
   *
   * @param id the event id
   * @param occurredAt when
   * @param follower who followed
   * @param target whom or what
   */
  @EventType("social.unfollowed")
  record Unfollowed(EventId id, Instant occurredAt, UserId follower, FollowTarget target)
      implements SocialEvent {
    public Unfollowed {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(follower, "follower");
      requireNonNull(target, "target");
    }
  }

  /**
   * A user changed the style labels they give themselves.
   *
   * @param id the event id
   * @param occurredAt when
   * @param userId whose labels
   * @param labels the labels now, sorted
   */
  @EventType("social.labels_changed")
  record LabelsChanged(EventId id, Instant occurredAt, UserId userId, List<String> labels)
      implements SocialEvent {
    public LabelsChanged {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(userId, "userId");
      labels = List.copyOf(labels);
    }
  }
}
