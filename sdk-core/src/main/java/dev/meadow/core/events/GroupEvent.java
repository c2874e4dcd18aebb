package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import java.time.Instant;

/** Events about groups and their members. */
public sealed interface GroupEvent extends MeadowEvent {
  /** Returns the group the event is about. */
  GroupId groupId();

  /**
   * A group was created; its owner is its first member.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the new group
   * @param owner who created it
   * @param name its name
   * @param slug its slug
   */
  @EventType("group.created")
  record Created(EventId id, Instant occurredAt, GroupId groupId, UserId owner, String name, String slug)
      implements GroupEvent {
    public Created {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(owner, "owner");
      requireNonNull(name, "name");
      requireNonNull(slug, "slug");
    }
  }

  /**
   * A user joined a group.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who joined
   */
  @EventType("group.member_joined")
  record MemberJoined(EventId id, Instant occurredAt, GroupId groupId, UserId userId) implements GroupEvent {
    public MemberJoined {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
    }
  }

  /**
   * A user left a group.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who left
   */
  @EventType("group.member_left")
  record MemberLeft(EventId id, Instant occurredAt, GroupId groupId, UserId userId) implements GroupEvent {
    public MemberLeft {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
    }
  }
}
