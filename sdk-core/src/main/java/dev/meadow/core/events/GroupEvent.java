package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.JoinMethod;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Events about groups, their settings and their members. */
public sealed interface GroupEvent extends MeadowEvent {
  /** Returns the group the event is about. */
  GroupId groupId();

  /**
   * A group or store station was created; its owner is its first member.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param owner who created it
   * @param name its name
   * @param slug its slug
   * @param visibility who may join and read
   * @param store the store whose station it is, or {@code null}
   */
  @EventType("group.created")
  record Created(EventId id, Instant occurredAt, GroupId groupId, UserId owner, String name, String slug, GroupVisibility visibility, @Nullable StoreId store)
      implements GroupEvent {
    public Created {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(owner, "owner");
      requireNonNull(name, "name");
      requireNonNull(slug, "slug");
      requireNonNull(visibility, "visibility");
    }
  }

  /**
   * A group's settings changed.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param by who changed them
   * @param version the settings' new version
   */
  @EventType("group.updated")
  record Updated(EventId id, Instant occurredAt, GroupId groupId, UserId by, long version)
      implements GroupEvent {
    public Updated {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(by, "by");
    }
  }

  /**
   * A group was archived: read-only from now on.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param by who archived it
   */
  @EventType("group.archived")
  record Archived(EventId id, Instant occurredAt, GroupId groupId, UserId by)
      implements GroupEvent {
    public Archived {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(by, "by");
    }
  }

  /**
   * A user became a member of a group.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who joined
   * @param method how: open join, approved request or invitation
   */
  @EventType("group.member_joined")
  record MemberJoined(EventId id, Instant occurredAt, GroupId groupId, UserId userId, JoinMethod method)
      implements GroupEvent {
    public MemberJoined {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      requireNonNull(method, "method");
    }
  }

  /**
   * A member left a group.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who left
   */
  @EventType("group.member_left")
  record MemberLeft(EventId id, Instant occurredAt, GroupId groupId, UserId userId)
      implements GroupEvent {
    public MemberLeft {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
    }
  }

  /**
   * A user asked to join a group that admits by request.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who asked
   */
  @EventType("group.join_requested")
  record JoinRequested(EventId id, Instant occurredAt, GroupId groupId, UserId userId)
      implements GroupEvent {
    public JoinRequested {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
    }
  }

  /**
   * A moderator turned down a join request.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who had asked
   * @param by the moderator
   */
  @EventType("group.join_rejected")
  record JoinRejected(EventId id, Instant occurredAt, GroupId groupId, UserId userId, UserId by)
      implements GroupEvent {
    public JoinRejected {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      requireNonNull(by, "by");
    }
  }

  /**
   * A moderator banned a user from a group.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who was banned
   * @param by the moderator
   * @param reason the reason given
   */
  @EventType("group.member_banned")
  record MemberBanned(EventId id, Instant occurredAt, GroupId groupId, UserId userId, UserId by, String reason)
      implements GroupEvent {
    public MemberBanned {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      requireNonNull(by, "by");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A moderator lifted a ban; the user may join again.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId who was unbanned
   * @param by the moderator
   */
  @EventType("group.member_unbanned")
  record MemberUnbanned(EventId id, Instant occurredAt, GroupId groupId, UserId userId, UserId by)
      implements GroupEvent {
    public MemberUnbanned {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      requireNonNull(by, "by");
    }
  }

  /**
   * A member was made moderator, or a moderator member again.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param userId whose role changed
   * @param role the new role
   * @param by the owner
   */
  @EventType("group.role_changed")
  record RoleChanged(EventId id, Instant occurredAt, GroupId groupId, UserId userId, GroupRole role, UserId by)
      implements GroupEvent {
    public RoleChanged {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      requireNonNull(role, "role");
      requireNonNull(by, "by");
    }
  }

  /**
   * A group passed to a new owner; the old owner stays as moderator.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param from the old owner
   * @param to the new owner
   */
  @EventType("group.ownership_transferred")
  record OwnershipTransferred(EventId id, Instant occurredAt, GroupId groupId, UserId from, UserId to)
      implements GroupEvent {
    public OwnershipTransferred {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }
  }

  /**
   * A moderator issued an invitation (the event never carries its token).
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param invitationId the invitation
   * @param by the moderator
   * @param expiresAt when it expires
   * @param maxUses how many users it may admit
   */
  @EventType("group.invitation_created")
  record InvitationCreated(EventId id, Instant occurredAt, GroupId groupId, InvitationId invitationId, UserId by, Instant expiresAt, int maxUses)
      implements GroupEvent {
    public InvitationCreated {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(invitationId, "invitationId");
      requireNonNull(by, "by");
      requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * A moderator revoked an invitation.
   *
   * @param id the event id
   * @param occurredAt when
   * @param groupId the group
   * @param invitationId the invitation
   * @param by the moderator
   */
  @EventType("group.invitation_revoked")
  record InvitationRevoked(EventId id, Instant occurredAt, GroupId groupId, InvitationId invitationId, UserId by)
      implements GroupEvent {
    public InvitationRevoked {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(groupId, "groupId");
      requireNonNull(invitationId, "invitationId");
      requireNonNull(by, "by");
    }
  }
}
