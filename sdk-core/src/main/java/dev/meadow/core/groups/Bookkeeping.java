package dev.meadow.core.groups;

import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.GroupStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping that several group stages share: the per-user limits on groups owned and
 * joined, admitting a member, withdrawing a request, saving a group's next version, and the
 * activity that trending counts.
 */
final class Bookkeeping {
  private final CommunitySettings settings;

  Bookkeeping(CommunitySettings settings) {
    this.settings = settings;
  }

  /** Records one thing happening in a group, for trending. */
  static void recordActivity(UnitOfWork unit, GroupId groupId) {
    unit.tx().groups().addActivity(groupId, unit.now().truncatedTo(ChronoUnit.HOURS), 1);
  }

  static @Nullable JoinResult already(Optional<Membership> membership) {
    if (membership.isEmpty()) {
      return null;
    }
    return switch (membership.get().status()) {
      case ACTIVE -> JoinResult.ALREADY_MEMBER;
      case PENDING -> JoinResult.ALREADY_REQUESTED;
      case BANNED -> throw new PermissionDeniedException("banned from group " + membership.get().groupId());
    };
  }

  static Membership activeMember(GroupStore groups, GroupId groupId, UserId user) {
    return groups.findMembership(groupId, user)
        .filter(Membership::isActive)
        .orElseThrow(() -> new NotFoundException("member", user.value()));
  }

  static Group withOwnerAndState(Group group, UserId owner, GroupState state, Instant now) {
    return new Group(group.id(), group.name(), group.slug(), group.description(), group.rules(), group.category(),
        group.labels(), group.visibility(), group.postApproval(), group.store(), state, owner, group.memberCount(),
        group.postCount(), group.createdAt(), now, group.version() + 1);
  }

  static void saveSettings(UnitOfWork unit, Group next) {
    if (!unit.tx().groups().updateGroup(next)) {
      throw new ConflictException("group " + next.id() + " changed meanwhile; try again");
    }
  }

  static void admitted(UnitOfWork unit, GroupId groupId, UserId user, JoinMethod method) {
    unit.tx().groups().adjustGroupCounts(groupId, 1, 0);
    recordActivity(unit, groupId);
    unit.emit(new GroupEvent.MemberJoined(unit.newEventId(), unit.now(), groupId, user, method));
  }

  static boolean withdrawRequest(UnitOfWork unit, GroupId groupId, UserId user, UserId by) {
    if (!unit.tx().groups().deleteMembership(groupId, user, MemberStatus.PENDING)) {
      return false;
    }
    unit.tx().counters().add(Groups.JOINED, user.value(), -1);
    unit.emit(new GroupEvent.JoinRejected(unit.newEventId(), unit.now(), groupId, user, by));
    return true;
  }

  void countOwned(UnitOfWork unit, UserId user) {
    if (!unit.tx().counters().incrementBelow(Groups.OWNED, user.value(), settings.limits().groupsOwned())) {
      throw new ConflictException(user + " owns " + settings.limits().groupsOwned() + " groups, the most allowed");
    }
  }

  void countJoined(UnitOfWork unit, UserId user) {
    if (!unit.tx().counters().incrementBelow(Groups.JOINED, user.value(), settings.limits().groupsJoined())) {
      throw new ConflictException(user + " is in " + settings.limits().groupsJoined() + " groups, the most allowed");
    }
  }
}
