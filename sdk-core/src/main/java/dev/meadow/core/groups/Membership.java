package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import java.time.Instant;

/**
 * A user's membership of a group.
 *
 * @param groupId the group
 * @param userId the member
 * @param role the member's role
 * @param joinedAt when the user joined
 */
public record Membership(GroupId groupId, UserId userId, GroupRole role, Instant joinedAt) {
  public Membership {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    requireNonNull(role, "role");
    requireNonNull(joinedAt, "joinedAt");
  }
}
