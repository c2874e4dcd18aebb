package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.GroupStore;
import java.util.Optional;
import java.util.Set;

/**
 * The joining stage of groups: joining by the group's visibility or with an invitation, the
 * moderators' answer to join requests, and leaving.
 */
final class Joining {
  private final ModuleContext context;
  private final CommunitySettings settings;
  private final Bookkeeping bookkeeping;

  Joining(ModuleContext context, CommunitySettings settings, Bookkeeping bookkeeping) {
    this.context = context;
    this.settings = settings;
    this.bookkeeping = bookkeeping;
  }

  JoinResult join(Actor actor, GroupId groupId) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, Set.of());
      UserId user = access.requireNotBanned("join").requireActive().user;
      Group group = access.group;
      if (group.visibility() == GroupVisibility.PUBLIC && access.membership.isPresent()
          && access.membership.get().status() == MemberStatus.PENDING) {
        // Asked while the group admitted by request; it is public now, so the request is granted.
        if (unit.tx().groups().updateMembership(access.membership.get(),
            Membership.active(groupId, user, GroupRole.MEMBER, unit.now()))) {
          Bookkeeping.admitted(unit, groupId, user, JoinMethod.OPEN);
          return JoinResult.JOINED;
        }
      }
      JoinResult already = Bookkeeping.already(access.membership);
      if (already != null) {
        return already;
      }
      if (group.visibility() == GroupVisibility.INVITE) {
        throw new PermissionDeniedException("group " + groupId + " admits by invitation only");
      }
      boolean open = group.visibility() == GroupVisibility.PUBLIC;
      Membership membership = open
          ? Membership.active(groupId, user, GroupRole.MEMBER, unit.now())
          : new Membership(groupId, user, GroupRole.MEMBER, MemberStatus.PENDING, unit.now(), null, null);
      if (!unit.tx().groups().insertMembership(membership)) {
        // Another request of the same user won the race; report what it did.
        return requireNonNull(Bookkeeping.already(unit.tx().groups().findMembership(groupId, user)));
      }
      bookkeeping.countJoined(unit, user);
      if (!open) {
        unit.emit(new GroupEvent.JoinRequested(unit.newEventId(), unit.now(), groupId, user));
        return JoinResult.REQUESTED;
      }
      Bookkeeping.admitted(unit, groupId, user, JoinMethod.OPEN);
      return JoinResult.JOINED;
    });
  }

  JoinResult joinWithInvitation(Actor actor, String token) {
    requireNonNull(actor, "actor");
    String hash = Invitations.tokenHash(token);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Invitation invitation = groups.findInvitationByTokenHash(hash)
          .orElseThrow(() -> new NotFoundException("invitation", "(token)"));
      Access access = Access.of(groups, invitation.groupId(), actor, Set.of());
      UserId user = access.requireNotBanned("join").requireActive().user;
      if (access.member()) {
        return JoinResult.ALREADY_MEMBER;
      }
      GroupId groupId = invitation.groupId();
      Membership joined = new Membership(groupId, user, GroupRole.MEMBER, MemberStatus.ACTIVE, unit.now(), null,
          invitation.createdBy());
      boolean wasPending = access.membership.isPresent();
      boolean admitted = wasPending
          ? groups.updateMembership(access.membership.get(), joined)
          : groups.insertMembership(joined);
      if (!admitted) {
        return requireNonNull(Bookkeeping.already(groups.findMembership(groupId, user)));
      }
      if (!groups.useInvitation(invitation.id(), unit.now())) {
        throw new PermissionDeniedException("the invitation expired, was revoked or is used up");
      }
      if (!wasPending) {
        bookkeeping.countJoined(unit, user);
      }
      Bookkeeping.admitted(unit, groupId, user, JoinMethod.INVITATION);
      return JoinResult.JOINED;
    });
  }

  boolean approve(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, stores).requireModerator("approve members").requireActive();
      Optional<Membership> request = groups.findMembership(groupId, user)
          .filter(m -> m.status() == MemberStatus.PENDING);
      if (request.isEmpty()
          || !groups.updateMembership(request.get(), new Membership(groupId, user, GroupRole.MEMBER,
              MemberStatus.ACTIVE, unit.now(), null, access.user))) {
        return false;
      }
      Bookkeeping.admitted(unit, groupId, user, JoinMethod.APPROVED);
      return true;
    });
  }

  boolean reject(Actor actor, GroupId groupId, UserId user) {
    requireNonNull(groupId, "groupId");
    requireNonNull(user, "user");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requireModerator("reject requests");
      return Bookkeeping.withdrawRequest(unit, groupId, user, access.user);
    });
  }

  boolean leave(Actor actor, GroupId groupId) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Access access = Access.of(groups, groupId, actor, Set.of());
      UserId user = access.requireUser("leave");
      if (access.membership.isEmpty()) {
        return false;
      }
      Membership membership = access.membership.get();
      if (membership.status() == MemberStatus.PENDING) {
        return Bookkeeping.withdrawRequest(unit, groupId, user, user);
      }
      if (!membership.isActive()) {
        return false;
      }
      if (membership.role() == GroupRole.OWNER) {
        throw new ConflictException("the owner of group " + groupId + " cannot leave it; transfer ownership first");
      }
      if (!groups.deleteMembership(groupId, user, MemberStatus.ACTIVE)) {
        return false;
      }
      groups.adjustGroupCounts(groupId, -1, 0);
      unit.tx().counters().add(Groups.JOINED, user.value(), -1);
      unit.emit(new GroupEvent.MemberLeft(unit.newEventId(), unit.now(), groupId, user));
      return true;
    });
  }
}
