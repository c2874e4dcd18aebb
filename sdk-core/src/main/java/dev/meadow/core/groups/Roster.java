package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.GroupId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The roster of groups: who is a member of which group, with each listing guarded by the group's visibility. */
final class Roster {
  private final ModuleContext context;
  private final CommunitySettings settings;

  Roster(ModuleContext context, CommunitySettings settings) {
    this.context = context;
    this.settings = settings;
  }

  Optional<Membership> membership(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    if (actor.equals(user)) {
      return context.read(tx -> tx.groups().findMembership(groupId, user));
    }
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> {
      Access access = Access.of(tx.groups(), groupId, actor, stores).requireRead();
      Optional<Membership> membership = tx.groups().findMembership(groupId, user);
      return access.moderator() ? membership : membership.filter(Membership::isActive);
    });
  }

  Page<Membership> members(Actor actor, GroupId groupId, MemberStatus status, PageRequest request) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    requireNonNull(status, "status");
    requireNonNull(request, "request");
    Set<StoreId> stores = status == MemberStatus.ACTIVE ? Set.of() : Access.storesOf(settings, actor);
    String listing = "group.members:" + groupId + ":" + status;
    Membership after = context.cursors().position(listing, request, 2,
        key -> new Membership(groupId, UserId.of(key.get(1)), GroupRole.MEMBER, status,
            Instant.ofEpochMilli(Long.parseLong(key.get(0))), null, null));
    List<Membership> rows = context.read(tx -> {
      Access access = Access.of(tx.groups(), groupId, actor, stores);
      if (status == MemberStatus.ACTIVE) {
        access.requireRead();
      } else {
        access.requireModerator("list requests and bans");
      }
      return tx.groups().listMembers(groupId, status, after == null ? null : after.since(),
          after == null ? null : after.userId(), request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing,
        m -> new String[] {Long.toString(m.since().toEpochMilli()), m.userId().value()});
  }

  Page<Membership> memberships(Actor actor, PageRequest request) {
    requireNonNull(request, "request");
    UserId user = Actors.signedIn(requireNonNull(actor, "actor"), "list your groups");
    String listing = "user.memberships:" + user;
    Membership after = context.cursors().position(listing, request, 2,
        key -> Membership.active(GroupId.of(key.get(1)), user, GroupRole.MEMBER,
            Instant.ofEpochMilli(Long.parseLong(key.get(0)))));
    List<Membership> rows = context.read(tx -> tx.groups().listMemberships(user, MemberStatus.ACTIVE,
        after == null ? null : after.since(), after == null ? null : after.groupId(), request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing,
        m -> new String[] {Long.toString(m.since().toEpochMilli()), m.groupId().value()});
  }

  long ownedCount(UserId user) {
    requireNonNull(user, "user");
    return context.read(tx -> tx.counters().get(Groups.OWNED, user.value()));
  }

  long joinedCount(UserId user) {
    requireNonNull(user, "user");
    return context.read(tx -> tx.counters().get(Groups.JOINED, user.value()));
  }
}
