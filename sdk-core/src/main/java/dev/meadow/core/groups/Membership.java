package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a user stands with a group: a member, a pending request, or a ban.
 *
 * @param groupId the group
 * @param userId the user
 * @param role the user's role; {@link GroupRole#MEMBER} unless active as owner or moderator
 * @param status member, pending or banned
 * @param since when the user reached this status: joined, asked to join, or was banned
 * @param note the ban reason, or the message sent with a join request, or {@code null}
 * @param by the moderator who approved or banned, or {@code null}
 */
public record Membership(
    GroupId groupId,
    UserId userId,
    GroupRole role,
    MemberStatus status,
    Instant since,
    @Nullable String note,
    @Nullable UserId by) {
  public Membership {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    requireNonNull(role, "role");
    requireNonNull(status, "status");
    requireNonNull(since, "since");
  }

  /** Returns an active membership with no note. */
  public static Membership active(GroupId groupId, UserId userId, GroupRole role, Instant since) {
    return new Membership(groupId, userId, role, MemberStatus.ACTIVE, since, null, null);
  }

  /** Returns whether this is an active membership. */
  public boolean isActive() {
    return status == MemberStatus.ACTIVE;
  }

  /** Returns whether this is an active owner's or moderator's membership. */
  public boolean moderates() {
    return isActive() && role.moderates();
  }
}
