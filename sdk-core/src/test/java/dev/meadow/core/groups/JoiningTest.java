package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.InvitationId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.spi.OutboxMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining by each visibility: at once, by request, with an invitation. */
class JoiningTest {
  private final Community c = Community.create();
  private final UserId owner = c.user("owner");
  private final UserId mod = c.user("mod");
  private final UserId ann = c.user("ann");
  private final UserId ben = c.user("ben");
  private final UserId cid = c.user("cid");

  private Group group(GroupVisibility visibility) {
    return c.group(owner, "tea", visibility);
  }

  @Test
  void publicGroup_admitsAtOnce() {
    Group group = group(GroupVisibility.PUBLIC);
    assertEquals(JoinResult.JOINED, c.emits(GroupEvent.MemberJoined.class, () -> c.groups.join(ann, group.id())));
    assertEquals(new GroupEvent.MemberJoined(c.lastHeard().id(), c.clock.instant(), group.id(), ann, JoinMethod.OPEN),
        c.lastHeard());
    assertEquals(Membership.active(group.id(), ann, GroupRole.MEMBER, c.clock.instant()), c.membership(group, ann));
    assertEquals(JoinResult.ALREADY_MEMBER, c.changesNothing(() -> c.groups.join(ann, group.id())));
    assertEquals(JoinResult.ALREADY_MEMBER, c.changesNothing(() -> c.groups.join(owner, group.id())));
    assertEquals(2, c.reload(group).memberCount());
    assertEquals(1, c.groups.joinedCount(ann));
  }

  @Test
  void anonymousVisitors_joinNothing() {
    for (GroupVisibility visibility : GroupVisibility.values()) {
      Group group = c.group(owner, "tea-" + visibility.name().toLowerCase(java.util.Locale.ROOT), visibility);
      c.refuses(PermissionDeniedException.class, () -> c.groups.join(Actor.ANONYMOUS, group.id()));
    }
  }

  @Test
  void requestGroup_waitsForAModeratorWhoApproves() {
    Group group = group(GroupVisibility.REQUEST);
    c.join(group, mod);
    c.groups.approve(owner, group.id(), mod);
    c.groups.setRole(owner, group.id(), mod, GroupRole.MODERATOR);

    assertEquals(JoinResult.REQUESTED, c.emits(GroupEvent.JoinRequested.class, () -> c.groups.join(ann, group.id())));
    assertEquals(MemberStatus.PENDING, c.status(group, ann));
    assertEquals(JoinResult.ALREADY_REQUESTED, c.changesNothing(() -> c.groups.join(ann, group.id())));
    assertEquals(2, c.reload(group).memberCount(), "waiting users are not members");
    assertEquals(1, c.groups.joinedCount(ann), "but a request takes a slot");
    c.refuses(PermissionDeniedException.class, () -> c.posts.list(ann, group.id(), PageRequest.first()));
    assertEquals(List.of(ann), c.groups.members(mod, group.id(), MemberStatus.PENDING, PageRequest.first()).items()
        .stream().map(Membership::userId).toList());

    c.clock.advance(Duration.ofHours(1));
    assertTrue(c.emits(GroupEvent.MemberJoined.class, () -> c.groups.approve(mod, group.id(), ann)));
    assertEquals(new GroupEvent.MemberJoined(c.lastHeard().id(), c.clock.instant(), group.id(), ann, JoinMethod.APPROVED),
        c.lastHeard());
    assertEquals(new Membership(group.id(), ann, GroupRole.MEMBER, MemberStatus.ACTIVE, c.clock.instant(), null, mod),
        c.membership(group, ann), "member since the approval, approved by the moderator");
    assertEquals(3, c.reload(group).memberCount());
    assertEquals(1, c.groups.joinedCount(ann), "the slot taken by the request is the member's slot");
    assertFalse(c.changesNothing(() -> c.groups.approve(mod, group.id(), ann)), "no request left to approve");
    assertFalse(c.changesNothing(() -> c.groups.approve(mod, group.id(), ben)), "never asked");
    assertTrue(c.groups.members(mod, group.id(), MemberStatus.PENDING, PageRequest.first()).items().isEmpty());
  }

  @Test
  void requestGroup_madePublic_grantsAWaitingRequestWhenTheUserJoinsAgain() {
    Group group = group(GroupVisibility.REQUEST);
    assertEquals(JoinResult.REQUESTED, c.groups.join(ann, group.id()));
    c.groups.update(owner, group.id(), GroupSettings.of(c.reload(group)).withVisibility(GroupVisibility.PUBLIC));
    assertEquals(JoinResult.JOINED, c.emits(GroupEvent.MemberJoined.class, () -> c.groups.join(ann, group.id())));
    assertEquals(MemberStatus.ACTIVE, c.status(group, ann));
    assertEquals(2, c.reload(group).memberCount());
    assertEquals(1, c.groups.joinedCount(ann), "the request's slot became the membership's");
  }

  @Test
  void requestGroup_rejectionLetsTheUserAskAgain() {
    Group group = group(GroupVisibility.REQUEST);
    c.groups.join(ann, group.id());
    assertTrue(c.emits(GroupEvent.JoinRejected.class, () -> c.groups.reject(owner, group.id(), ann)));
    assertEquals(new GroupEvent.JoinRejected(c.lastHeard().id(), c.clock.instant(), group.id(), ann, owner), c.lastHeard());
    assertNull(c.status(group, ann));
    assertEquals(0, c.groups.joinedCount(ann));
    assertFalse(c.changesNothing(() -> c.groups.reject(owner, group.id(), ann)));
    assertEquals(JoinResult.REQUESTED, c.groups.join(ann, group.id()));
  }

  @Test
  void requestGroup_requestsAreWithdrawnByLeaving() {
    Group group = group(GroupVisibility.REQUEST);
    c.groups.join(ann, group.id());
    assertTrue(c.emits(GroupEvent.JoinRejected.class, () -> c.groups.leave(ann, group.id())));
    assertEquals(new GroupEvent.JoinRejected(c.lastHeard().id(), c.clock.instant(), group.id(), ann, ann), c.lastHeard(),
        "a withdrawn request is rejected by the user");
    assertNull(c.status(group, ann));
    assertEquals(0, c.groups.joinedCount(ann));
  }

  @Test
  void requestGroup_cannotBeApprovedOnceArchived() {
    Group group = group(GroupVisibility.REQUEST);
    c.groups.join(ann, group.id());
    c.groups.archive(owner, group.id());
    c.refuses(ConflictException.class, () -> c.groups.approve(owner, group.id(), ann));
    assertTrue(c.groups.reject(owner, group.id(), ann), "a waiting user can still be told no");
  }

  @Test
  void inviteGroup_admitsOnlyWithAnInvitation() {
    Group group = group(GroupVisibility.INVITE);
    c.refuses(PermissionDeniedException.class, () -> c.groups.join(ann, group.id()));
    IssuedInvitation issued = c.emits(GroupEvent.InvitationCreated.class,
        () -> c.groups.invite(owner, group.id(), Duration.ofDays(1), 1));
    assertEquals(JoinResult.JOINED, c.emits(GroupEvent.MemberJoined.class,
        () -> c.groups.joinWithInvitation(ann, issued.token())));
    assertEquals(new GroupEvent.MemberJoined(c.lastHeard().id(), c.clock.instant(), group.id(), ann, JoinMethod.INVITATION),
        c.lastHeard());
    assertEquals(new Membership(group.id(), ann, GroupRole.MEMBER, MemberStatus.ACTIVE, c.clock.instant(), null, owner),
        c.membership(group, ann), "admitted by whoever issued the invitation");
    assertEquals(2, c.reload(group).memberCount());
    assertEquals(1, c.groups.joinedCount(ann));
  }

  @Test
  void invitation_singleUseAdmitsOneUser() {
    Group group = group(GroupVisibility.INVITE);
    IssuedInvitation issued = c.groups.invite(owner, group.id(), Duration.ofDays(1), 1);
    assertEquals(JoinResult.JOINED, c.groups.joinWithInvitation(ann, issued.token()));
    c.refuses(PermissionDeniedException.class, () -> c.groups.joinWithInvitation(ben, issued.token()));
    assertEquals(1, c.reload(issued.invitation()).uses());
    assertNull(c.status(group, ben));
  }

  @Test
  void invitation_multiUseAdmitsUpToItsLimitAndMembersUseNothing() {
    Group group = group(GroupVisibility.INVITE);
    IssuedInvitation issued = c.groups.invite(owner, group.id(), Duration.ofDays(1), 2);
    assertEquals(JoinResult.JOINED, c.groups.joinWithInvitation(ann, issued.token()));
    assertEquals(JoinResult.ALREADY_MEMBER, c.changesNothing(() -> c.groups.joinWithInvitation(ann, issued.token())));
    assertEquals(JoinResult.ALREADY_MEMBER, c.changesNothing(() -> c.groups.joinWithInvitation(owner, issued.token())));
    assertEquals(JoinResult.JOINED, c.groups.joinWithInvitation(ben, issued.token()));
    c.refuses(PermissionDeniedException.class, () -> c.groups.joinWithInvitation(cid, issued.token()));
    Invitation usedUp = c.reload(issued.invitation());
    assertEquals(2, usedUp.uses());
    assertFalse(usedUp.usableAt(c.clock.instant()));
    assertEquals(3, c.reload(group).memberCount());
  }

  @Test
  void invitation_expiresWhenItsTimeIsUp() {
    Group group = group(GroupVisibility.INVITE);
    IssuedInvitation issued = c.groups.invite(owner, group.id(), Duration.ofHours(2), 10);
    assertEquals(c.clock.instant().plus(Duration.ofHours(2)), issued.invitation().expiresAt());
    c.clock.advance(Duration.ofHours(2).minusMillis(1));
    assertEquals(JoinResult.JOINED, c.groups.joinWithInvitation(ann, issued.token()), "valid until its last millisecond");
    c.clock.advance(Duration.ofMillis(1));
    c.refuses(PermissionDeniedException.class, () -> c.groups.joinWithInvitation(ben, issued.token()));
    c.clock.advance(Duration.ofDays(365));
    c.refuses(PermissionDeniedException.class, () -> c.groups.joinWithInvitation(ben, issued.token()));
  }

  @Test
  void invitation_revokedAdmitsNobody() {
    Group group = group(GroupVisibility.INVITE);
    IssuedInvitation issued = c.groups.invite(owner, group.id(), Duration.ofDays(1), 10);
    assertTrue(c.emits(GroupEvent.InvitationRevoked.class,
        () -> c.groups.revokeInvitation(owner, issued.invitation().id())));
    assertEquals(new GroupEvent.InvitationRevoked(c.lastHeard().id(), c.clock.instant(), group.id(),
        issued.invitation().id(), owner), c.lastHeard());
    assertEquals(c.clock.instant(), c.reload(issued.invitation()).revokedAt());
    assertFalse(c.changesNothing(() -> c.groups.revokeInvitation(owner, issued.invitation().id())));
    c.refuses(PermissionDeniedException.class, () -> c.groups.joinWithInvitation(ann, issued.token()));
    c.refuses(NotFoundException.class, () -> c.groups.revokeInvitation(owner, InvitationId.of(Community.UNKNOWN)));
  }

  @Test
  void invitation_admitsAWaitingUserAndEndsTheRequest() {
    Group group = group(GroupVisibility.REQUEST);
    c.groups.join(ann, group.id());
    IssuedInvitation issued = c.groups.invite(owner, group.id(), Duration.ofDays(1), 1);
    assertEquals(JoinResult.JOINED, c.emits(GroupEvent.MemberJoined.class,
        () -> c.groups.joinWithInvitation(ann, issued.token())));
    assertEquals(MemberStatus.ACTIVE, c.status(group, ann));
    assertEquals(1, c.groups.joinedCount(ann), "the request's slot becomes the member's slot");
    assertEquals(2, c.reload(group).memberCount());
    assertTrue(c.groups.members(owner, group.id(), MemberStatus.PENDING, PageRequest.first()).items().isEmpty());
    assertEquals(1, c.reload(issued.invitation()).uses());
  }

  @Test
  void invitation_doesNotLiftABan() {
    Group group = group(GroupVisibility.INVITE);
    c.groups.ban(owner, group.id(), ann, "spam");
    IssuedInvitation issued = c.groups.invite(owner, group.id(), Duration.ofDays(1), 1);
    c.refuses(PermissionDeniedException.class, () -> c.groups.joinWithInvitation(ann, issued.token()));
    assertEquals(0, c.reload(issued.invitation()).uses());
  }

  @Test
  void invitation_refusesUsersAtTheirLimitWithoutUsingItUp() {
    Community small = Community.withLimits(CommunityLimits.defaults().withGroupsJoined(1));
    UserId olga = small.user("olga");
    UserId full = small.user("full");
    Group group = small.group(olga, "tea", GroupVisibility.INVITE);
    small.group(full, "own");
    IssuedInvitation issued = small.groups.invite(olga, group.id(), Duration.ofDays(1), 1);
    small.refuses(ConflictException.class, () -> small.groups.joinWithInvitation(full, issued.token()));
    assertEquals(0, small.reload(issued.invitation()).uses());
  }

  @Test
  void invitation_tokenIsShownOnceAndNeverStored() {
    Group group = group(GroupVisibility.INVITE);
    IssuedInvitation issued = c.groups.invite(owner, group.id(), Duration.ofDays(1), 1);
    IssuedInvitation other = c.groups.invite(owner, group.id(), Duration.ofDays(1), 1);
    assertTrue(issued.token().matches("[A-Za-z0-9_-]{43}"), issued.token());
    assertNotEquals(issued.token(), other.token());
    assertFalse(issued.toString().contains(issued.token()));
    assertNotEquals(issued.token(), issued.invitation().tokenHash());
    assertEquals(64, issued.invitation().tokenHash().length());
    for (OutboxMessage message : c.outbox()) {
      assertFalse(message.payload().contains(issued.token()), message.payload());
    }
  }

  @Test
  void invitations_listNewestFirstForModerators() {
    Group group = group(GroupVisibility.INVITE);
    IssuedInvitation first = c.groups.invite(owner, group.id(), Duration.ofDays(1), 1);
    IssuedInvitation second = c.groups.invite(owner, group.id(), Duration.ofDays(2), 5);
    IssuedInvitation third = c.groups.invite(owner, group.id(), Duration.ofDays(3), 9);
    Page<Invitation> page = c.groups.invitations(owner, group.id(), PageRequest.first(2));
    assertEquals(List.of(third.invitation(), second.invitation()), page.items());
    assertEquals(List.of(first.invitation()),
        c.groups.invitations(owner, group.id(), PageRequest.first(2).next(page)).items());
  }

  @Test
  void invitation_outOfRangeValuesAreRefusedNamingTheField() {
    Group group = group(GroupVisibility.INVITE);
    c.rejects("validFor", () -> c.groups.invite(owner, group.id(), Duration.ofSeconds(59), 1));
    c.rejects("validFor", () -> c.groups.invite(owner, group.id(), Groups.MAX_INVITATION_VALIDITY.plusMillis(1), 1));
    c.rejects("maxUses", () -> c.groups.invite(owner, group.id(), Duration.ofDays(1), 0));
    c.rejects("maxUses", () -> c.groups.invite(owner, group.id(), Duration.ofDays(1), Groups.MAX_INVITATION_USES + 1));
    assertEquals(Groups.MAX_INVITATION_USES,
        c.groups.invite(owner, group.id(), Groups.MAX_INVITATION_VALIDITY, Groups.MAX_INVITATION_USES).invitation().maxUses());
    assertEquals(1, c.groups.invite(owner, group.id(), Duration.ofMinutes(1), 1).invitation().maxUses());
  }
}
