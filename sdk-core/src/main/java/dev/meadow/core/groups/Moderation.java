package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.GroupStore;
import java.util.Optional;
import java.util.Set;

/** The moderation stage of groups: bans, roles, and handing a group to a new owner. */
final class Moderation {
  private final ModuleContext context;
  private final CommunitySettings settings;
  private final Bookkeeping bookkeeping;

  Moderation(ModuleContext context, CommunitySettings settings, Bookkeeping bookkeeping) {
    this.context = context;
    this.settings = settings;
    this.bookkeeping = bookkeeping;
  }

  boolean ban(Actor actor, GroupId groupId, UserId user, String reason) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    String why = PlainText.require("reason", reason, Groups.MAX_REASON);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    Set<StoreId> targetStores = Access.storesOf(settings, user);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, stores).requireModerator("ban users");
      UserId by = access.user;
      if (by.equals(user)) {
        throw new PermissionDeniedException("moderators cannot ban themselves");
      }
      Group group = access.group;
      if (group.isStation() && targetStores.contains(group.store()) && !access.owner()) {
        throw new PermissionDeniedException("only the owner of station " + groupId + " bans the store's staff");
      }
      Optional<Membership> current = groups.findMembership(groupId, user);
      if (current.isPresent() && current.get().status() == MemberStatus.BANNED) {
        return false;
      }
      if (current.isPresent() && current.get().moderates()) {
        if (current.get().role() == GroupRole.OWNER || !access.owner()) {
          throw new PermissionDeniedException("only the owner bans a moderator, and nobody bans the owner");
        }
      }
      Membership banned = new Membership(groupId, user, GroupRole.MEMBER, MemberStatus.BANNED, unit.now(), why, by);
      boolean saved = current.isPresent() ? groups.updateMembership(current.get(), banned) : groups.insertMembership(banned);
      if (!saved) {
        throw new ConflictException("the membership of " + user + " changed meanwhile; try again");
      }
      if (current.isPresent()) {
        if (current.get().isActive()) {
          groups.adjustGroupCounts(groupId, -1, 0);
        }
        unit.tx().counters().add(Groups.JOINED, user.value(), -1);
      }
      unit.emit(new GroupEvent.MemberBanned(unit.newEventId(), unit.now(), groupId, user, by, why));
      return true;
    });
  }

  boolean unban(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requireModerator("unban users");
      if (!unit.tx().groups().deleteMembership(groupId, user, MemberStatus.BANNED)) {
        return false;
      }
      unit.emit(new GroupEvent.MemberUnbanned(unit.newEventId(), unit.now(), groupId, user, access.user));
      return true;
    });
  }

  boolean setRole(Actor actor, GroupId groupId, UserId user, GroupRole role) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    requireNonNull(role, "role");
    if (role == GroupRole.OWNER) {
      throw ValidationException.of("role", "owner_by_transfer", "ownership passes only by transferOwnership");
    }
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, Set.of()).requireOwner("change roles").requireActive();
      Membership current = Bookkeeping.activeMember(groups, groupId, user);
      if (current.role() == role) {
        return false;
      }
      if (current.role() == GroupRole.OWNER) {
        throw new ConflictException("the owner's role changes only by transferring ownership");
      }
      Membership next = new Membership(groupId, user, role, MemberStatus.ACTIVE, current.since(), current.note(),
          current.by());
      if (!groups.updateMembership(current, next)) {
        throw new ConflictException("the membership of " + user + " changed meanwhile; try again");
      }
      unit.emit(new GroupEvent.RoleChanged(unit.newEventId(), unit.now(), groupId, user, role, access.user));
      return true;
    });
  }

  Group transferOwnership(Actor actor, GroupId groupId, UserId newOwner) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    requireNonNull(newOwner, "newOwner");
    Set<StoreId> heirsStores = Set.copyOf(settings.storeStaff().storesOf(newOwner));
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, Set.of()).requireOwner("hand it over").requireActive();
      UserId oldOwner = access.user;
      if (oldOwner.equals(newOwner)) {
        return access.group;
      }
      StoreId store = access.group.store();
      if (store != null && !heirsStores.contains(store)) {
        throw new PermissionDeniedException("only the staff of store " + store + " own its station");
      }
      Membership heir = Bookkeeping.activeMember(groups, groupId, newOwner);
      Membership owner = access.membership.get();
      boolean moved =
          groups.updateMembership(owner, new Membership(groupId, oldOwner, GroupRole.MODERATOR, MemberStatus.ACTIVE,
              owner.since(), owner.note(), owner.by()))
          && groups.updateMembership(heir, new Membership(groupId, newOwner, GroupRole.OWNER, MemberStatus.ACTIVE,
              heir.since(), heir.note(), heir.by()));
      if (!moved) {
        throw new ConflictException("the memberships of group " + groupId + " changed meanwhile; try again");
      }
      unit.tx().counters().add(Groups.OWNED, oldOwner.value(), -1);
      bookkeeping.countOwned(unit, newOwner);
      Bookkeeping.saveSettings(unit, Bookkeeping.withOwnerAndState(access.group, newOwner, GroupState.ACTIVE, unit.now()));
      unit.emit(new GroupEvent.OwnershipTransferred(unit.newEventId(), unit.now(), groupId, oldOwner, newOwner));
      return Access.group(groups, groupId);
    });
  }
}
