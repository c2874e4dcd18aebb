package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.Meadow;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.memory.MemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GroupsTest {
  private final Community c = Community.create();
  private final UserId owner = c.user("owner");
  private final UserId ann = c.user("ann");
  private final UserId ben = c.user("ben");

  @Test
  void create_makesTheOwnerTheFirstMemberAndEmitsOneEvent() {
    Group group = c.emits(GroupEvent.Created.class, () -> c.groups.create(owner,
        GroupDraft.of(" Tea lovers ", "Tea-Lovers").withDescription("Oolong\r\nand more")));
    assertEquals("Tea lovers", group.name());
    assertEquals("tea-lovers", group.slug());
    assertEquals("Oolong\nand more", group.description());
    assertEquals(1, group.memberCount());
    assertEquals(owner, group.owner());
    assertEquals(1, group.version());
    assertEquals(Instant.parse(Community.START), group.createdAt(), "stored to the millisecond");
    assertEquals(GroupRole.OWNER, c.membership(group, owner).role());
    assertEquals(new GroupEvent.Created(c.lastHeard().id(), group.createdAt(), group.id(), owner, "Tea lovers",
        "tea-lovers", GroupVisibility.PUBLIC, null), c.lastHeard());
    assertEquals(group, c.groups.findBySlug("TEA-LOVERS").orElseThrow());
    assertEquals(group, c.groups.get(group.id()));
    assertEquals(1, c.groups.ownedCount(owner));
    assertEquals(1, c.groups.joinedCount(owner));
  }

  @Test
  void create_refusesATakenSlugAndLeavesNoTrace() {
    c.group(owner, "tea");
    ConflictException e = c.refuses(ConflictException.class, () -> c.groups.create(ann, GroupDraft.of("Other", "TEA")));
    assertTrue(e.getMessage().contains("tea"), e.getMessage());
    assertEquals(0, c.groups.ownedCount(ann));
  }

  @Test
  void create_refusesAnonymousVisitors() {
    c.refuses(PermissionDeniedException.class, () -> c.groups.create(Actor.ANONYMOUS, GroupDraft.of("Tea", "tea")));
  }

  @Test
  void create_checksCategoryAndLabelsAgainstTheShopsCatalogues() {
    Group group = c.groups.create(owner, GroupDraft.of("Tea", "tea").withCategory("Oolong")
        .withLabels(List.of("vintage", "Minimalist", "vintage")));
    assertEquals("oolong", group.category());
    assertEquals(List.of("minimalist", "vintage"), group.labels(), "sorted, lower-cased, without repeats");
    c.rejects("category", () -> c.groups.create(owner, GroupDraft.of("Wine", "wine").withCategory("wine")));
    c.rejects("labels", () -> c.groups.create(owner, GroupDraft.of("Wine", "wine").withLabels(List.of("goth"))));
    c.rejects("labels", () -> c.groups.create(owner, GroupDraft.of("Wine", "wine").withLabels(
        List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))));
  }

  @Test
  void markupIsStoredAsText() {
    Group group = c.groups.create(owner, GroupDraft.of("<b>Tea</b>", "tea").withDescription("<script>alert(1)</script>"));
    assertEquals("<b>Tea</b>", c.reload(group).name());
    assertEquals("<script>alert(1)</script>", c.reload(group).description());
  }

  @Test
  void findBySlug_validatesTheSlug() {
    c.rejects("slug", () -> c.groups.findBySlug("../etc"));
    assertTrue(c.groups.findBySlug("no-such").isEmpty());
  }

  @Test
  void update_replacesTheSettingsKeepingSlugOwnerAndCounts() {
    Group group = c.group(owner, "tea");
    c.join(group, ann);
    GroupSettings settings = GroupSettings.named("Tea & more").withDescription("All of it").withRules("Be kind")
        .withCategory("tea").withLabels(List.of("mori-girl")).withVisibility(GroupVisibility.REQUEST)
        .withPostApproval(true);
    c.clock.advance(Duration.ofMinutes(5));
    Group updated = c.emits(GroupEvent.Updated.class, () -> c.groups.update(owner, group.id(), settings));
    assertEquals(settings, GroupSettings.of(updated));
    assertEquals("tea", updated.slug());
    assertEquals(owner, updated.owner());
    assertEquals(2, updated.memberCount());
    assertEquals(2, updated.version());
    assertEquals(group.createdAt(), updated.createdAt());
    assertEquals(c.clock.instant(), updated.updatedAt());
    assertEquals(new GroupEvent.Updated(c.lastHeard().id(), c.clock.instant(), group.id(), owner, 2), c.lastHeard());
    assertEquals(updated, c.reload(group));
  }

  @Test
  void update_checksCategoryAndLabels() {
    Group group = c.group(owner, "tea");
    c.rejects("category", () -> c.groups.update(owner, group.id(), GroupSettings.of(group).withCategory("wine")));
    c.rejects("labels", () -> c.groups.update(owner, group.id(), GroupSettings.of(group).withLabels(List.of("goth"))));
  }

  @Test
  void archive_makesTheGroupReadOnlyAndLeavesItReadable() {
    Group group = c.group(owner, "tea");
    c.join(group, ann, ben);
    Post post = c.post(ann, group, "Oolong");
    Comment comment = c.posts.comment(ann, post.id(), "Nice");
    c.posts.like(ben, ReactionTarget.post(post.id()));
    c.groups.update(owner, group.id(), GroupSettings.of(c.reload(group)).withPostApproval(true));
    Post held = c.post(ben, group, "Held");
    IssuedInvitation invitation = c.groups.invite(owner, group.id(), Duration.ofDays(1), 5);
    assertTrue(c.emits(GroupEvent.Archived.class, () -> c.groups.archive(owner, group.id())));
    assertEquals(GroupState.ARCHIVED, c.reload(group).state());
    assertEquals(new GroupEvent.Archived(c.lastHeard().id(), c.clock.instant(), group.id(), owner), c.lastHeard());
    assertFalse(c.changesNothing(() -> c.groups.archive(owner, group.id())), "archived already");

    UserId newcomer = c.user("newcomer");
    c.refuses(ConflictException.class, () -> c.groups.join(newcomer, group.id()));
    c.refuses(ConflictException.class, () -> c.groups.joinWithInvitation(newcomer, invitation.token()));
    c.refuses(ConflictException.class, () -> c.groups.update(owner, group.id(), GroupSettings.named("New")));
    c.refuses(ConflictException.class, () -> c.groups.invite(owner, group.id(), Duration.ofDays(1), 1));
    c.refuses(ConflictException.class, () -> c.groups.setRole(owner, group.id(), ann, GroupRole.MODERATOR));
    c.refuses(ConflictException.class, () -> c.groups.transferOwnership(owner, group.id(), ann));
    c.refuses(ConflictException.class, () -> c.post(ann, group, "More"));
    c.refuses(ConflictException.class, () -> c.posts.edit(ann, post.id(), PostDraft.of("Edited", "Edited")));
    c.refuses(ConflictException.class, () -> c.posts.approve(owner, held.id()));
    c.refuses(ConflictException.class, () -> c.posts.pin(owner, post.id(), true));
    c.refuses(ConflictException.class, () -> c.posts.comment(ann, post.id(), "More"));
    c.refuses(ConflictException.class, () -> c.posts.reply(ann, comment.id(), "More"));
    c.refuses(ConflictException.class, () -> c.posts.like(ann, ReactionTarget.post(post.id())));

    assertEquals(List.of(post.id()), c.posts.list(Actor.ANONYMOUS, group.id(), PageRequest.first()).items()
        .stream().map(Post::id).toList());
    assertEquals(List.of(comment), c.posts.comments(Actor.ANONYMOUS, post.id(), PageRequest.first()).items());
    assertTrue(c.groups.discover(GroupSearch.all(), PageRequest.first()).items().isEmpty(), "left discovery");

    assertTrue(c.emits(PostEvent.Unliked.class, () -> c.posts.unlike(ben, ReactionTarget.post(post.id()))));
    assertTrue(c.emits(PostEvent.CommentRemoved.class, () -> c.posts.removeComment(owner, comment.id(), "tidy")));
    assertTrue(c.emits(PostEvent.Removed.class, () -> c.posts.remove(owner, post.id(), "cleaning up")));
    assertTrue(c.emits(GroupEvent.MemberBanned.class, () -> c.groups.ban(owner, group.id(), ben, "spam")));
    assertTrue(c.emits(GroupEvent.MemberUnbanned.class, () -> c.groups.unban(owner, group.id(), ben)));
    assertTrue(c.emits(GroupEvent.MemberLeft.class, () -> c.groups.leave(ann, group.id())));
    assertEquals(1, c.reload(group).memberCount());
  }

  @Test
  void archive_isForTheOwnerOnly() {
    Group group = c.group(owner, "tea");
    c.join(group, ann);
    c.groups.setRole(owner, group.id(), ann, GroupRole.MODERATOR);
    c.refuses(PermissionDeniedException.class, () -> c.groups.archive(ann, group.id()));
    c.refuses(PermissionDeniedException.class, () -> c.groups.update(ann, group.id(), GroupSettings.named("Mine")));
  }

  @Test
  void groupsOwned_defaultsTo15AndArchivingFreesASlot() {
    List<Group> owned = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      owned.add(c.group(owner, "group-" + i));
    }
    assertEquals(15, c.groups.ownedCount(owner));
    c.refuses(ConflictException.class, () -> c.group(owner, "one-more"));
    c.groups.archive(owner, owned.get(0).id());
    assertEquals(14, c.groups.ownedCount(owner));
    assertEquals(15, c.groups.joinedCount(owner), "an archived group still counts as joined");
    Group fresh = c.group(owner, "one-more");
    assertEquals(owner, fresh.owner());
    assertEquals(15, c.groups.ownedCount(owner));
  }

  @Test
  void transferOwnership_movesTheGroupAndTheCounts() {
    Group group = c.group(owner, "tea");
    c.join(group, ann);
    c.clock.advance(Duration.ofMinutes(1));
    Group moved = c.emits(GroupEvent.OwnershipTransferred.class, () -> c.groups.transferOwnership(owner, group.id(), ann));
    assertEquals(ann, moved.owner());
    assertEquals(moved, c.reload(group));
    assertEquals(GroupRole.OWNER, c.membership(group, ann).role());
    assertEquals(GroupRole.MODERATOR, c.membership(group, owner).role(), "the old owner stays as moderator");
    assertEquals(0, c.groups.ownedCount(owner));
    assertEquals(1, c.groups.ownedCount(ann));
    assertEquals(new GroupEvent.OwnershipTransferred(c.lastHeard().id(), c.clock.instant(), group.id(), owner, ann),
        c.lastHeard());
    assertTrue(c.groups.leave(owner, group.id()), "no longer the owner, so free to leave");
    c.refuses(PermissionDeniedException.class, () -> c.groups.transferOwnership(owner, group.id(), ann));
  }

  @Test
  void transferOwnership_checksTheHeirsLimit() {
    Community small = Community.withLimits(CommunityLimits.defaults().withGroupsOwned(2));
    UserId olga = small.user("olga");
    UserId heir = small.user("heir");
    Group group = small.group(olga, "tea");
    small.join(group, heir);
    small.group(heir, "heirs-1");
    small.group(heir, "heirs-2");
    small.refuses(ConflictException.class, () -> small.groups.transferOwnership(olga, group.id(), heir));
    assertEquals(olga, small.reload(group).owner());
    assertEquals(GroupRole.MEMBER, small.membership(group, heir).role());
  }

  @Test
  void transferOwnership_needsAnActiveMemberAndChangesNothingWhenHandedToTheOwner() {
    Group group = c.group(owner, "tea", GroupVisibility.REQUEST);
    c.join(group, ann);
    c.refuses(NotFoundException.class, () -> c.groups.transferOwnership(owner, group.id(), ann));
    c.refuses(NotFoundException.class, () -> c.groups.transferOwnership(owner, group.id(), ben));
    assertEquals(c.reload(group), c.changesNothing(() -> c.groups.transferOwnership(owner, group.id(), owner)));
  }

  @Test
  void groupsJoined_countsOwnedJoinedAndWaitingGroupsAndFreesOnLeaving() {
    Community small = Community.withLimits(CommunityLimits.defaults().withGroupsJoined(3));
    UserId olga = small.user("olga");
    UserId oscar = small.user("oscar");
    UserId joiner = small.user("joiner");
    Group first = small.group(olga, "first");
    Group second = small.group(olga, "second", GroupVisibility.REQUEST);
    Group third = small.group(oscar, "third");
    Group fourth = small.group(oscar, "fourth");
    small.group(joiner, "own");
    assertEquals(JoinResult.JOINED, small.groups.join(joiner, first.id()));
    assertEquals(JoinResult.REQUESTED, small.groups.join(joiner, second.id()));
    assertEquals(3, small.groups.joinedCount(joiner));
    small.refuses(ConflictException.class, () -> small.groups.join(joiner, third.id()));
    small.refuses(ConflictException.class, () -> small.group(joiner, "another"));
    small.groups.leave(joiner, first.id());
    assertEquals(JoinResult.JOINED, small.groups.join(joiner, third.id()));
    small.groups.reject(olga, second.id(), joiner);
    assertEquals(JoinResult.JOINED, small.groups.join(joiner, fourth.id()));
    small.groups.ban(oscar, fourth.id(), joiner, "spam");
    assertEquals(2, small.groups.joinedCount(joiner), "a ban ends the membership and frees its slot");
  }

  @Test
  void setRole_promotesAndDemotesActiveMembers() {
    Group group = c.group(owner, "tea");
    c.join(group, ann);
    assertTrue(c.emits(GroupEvent.RoleChanged.class, () -> c.groups.setRole(owner, group.id(), ann, GroupRole.MODERATOR)));
    assertEquals(GroupRole.MODERATOR, c.membership(group, ann).role());
    assertFalse(c.changesNothing(() -> c.groups.setRole(owner, group.id(), ann, GroupRole.MODERATOR)));
    assertTrue(c.groups.ban(ann, group.id(), ben, "pre-emptive"), "moderators ban");
    assertTrue(c.emits(GroupEvent.RoleChanged.class, () -> c.groups.setRole(owner, group.id(), ann, GroupRole.MEMBER)));
    c.refuses(PermissionDeniedException.class, () -> c.groups.unban(ann, group.id(), ben));
    assertEquals(new GroupEvent.RoleChanged(c.lastHeard().id(), c.clock.instant(), group.id(), ann, GroupRole.MEMBER, owner),
        c.lastHeard());
  }

  @Test
  void setRole_refusesOwnershipTheOwnersOwnRoleAndNonMembers() {
    Group group = c.group(owner, "tea");
    c.join(group, ann);
    c.rejects("role", () -> c.groups.setRole(owner, group.id(), ann, GroupRole.OWNER));
    c.refuses(ConflictException.class, () -> c.groups.setRole(owner, group.id(), owner, GroupRole.MEMBER));
    c.refuses(NotFoundException.class, () -> c.groups.setRole(owner, group.id(), ben, GroupRole.MODERATOR));
  }

  @Test
  void ban_endsMembershipAndKeepsTheUserOutUntilUnbanned() {
    Group group = c.group(owner, "tea", GroupVisibility.REQUEST);
    c.join(group, ann);
    c.groups.approve(owner, group.id(), ann);
    c.clock.advance(Duration.ofMinutes(1));
    assertTrue(c.emits(GroupEvent.MemberBanned.class, () -> c.groups.ban(owner, group.id(), ann, " spam\r\n")));
    Membership ban = c.membership(group, ann);
    assertEquals(new Membership(group.id(), ann, GroupRole.MEMBER, MemberStatus.BANNED, c.clock.instant(), "spam", owner), ban);
    assertEquals(1, c.reload(group).memberCount());
    assertEquals(0, c.groups.joinedCount(ann));
    assertFalse(c.changesNothing(() -> c.groups.ban(owner, group.id(), ann, "again")));
    c.refuses(PermissionDeniedException.class, () -> c.groups.join(ann, group.id()));
    c.refuses(PermissionDeniedException.class, () -> c.posts.list(ann, group.id(), PageRequest.first()));
    assertEquals(List.of(ban), c.groups.members(owner, group.id(), MemberStatus.BANNED, PageRequest.first()).items());

    assertTrue(c.emits(GroupEvent.MemberUnbanned.class, () -> c.groups.unban(owner, group.id(), ann)));
    assertNull(c.status(group, ann));
    assertFalse(c.changesNothing(() -> c.groups.unban(owner, group.id(), ann)));
    assertEquals(JoinResult.REQUESTED, c.groups.join(ann, group.id()), "may ask again");
  }

  @Test
  void ban_reachesWaitingUsersAndUsersNotYetInTheGroup() {
    Group group = c.group(owner, "tea", GroupVisibility.REQUEST);
    c.join(group, ann);
    assertEquals(1, c.groups.joinedCount(ann));
    assertTrue(c.groups.ban(owner, group.id(), ann, "spam"));
    assertEquals(0, c.groups.joinedCount(ann), "the request's slot is freed");
    assertTrue(c.groups.members(owner, group.id(), MemberStatus.PENDING, PageRequest.first()).items().isEmpty());
    assertTrue(c.groups.ban(owner, group.id(), ben, "known troll"));
    c.refuses(PermissionDeniedException.class, () -> c.groups.join(ben, group.id()));
    assertEquals(1, c.reload(group).memberCount());
  }

  @Test
  void ban_spareTheOwnerAndLeaveModeratorsToTheOwner() {
    Group group = c.group(owner, "tea");
    UserId mod = c.user("mod");
    c.join(group, ann, mod);
    c.groups.setRole(owner, group.id(), mod, GroupRole.MODERATOR);
    c.groups.setRole(owner, group.id(), ann, GroupRole.MODERATOR);
    c.refuses(PermissionDeniedException.class, () -> c.groups.ban(mod, group.id(), owner, "coup"));
    c.refuses(PermissionDeniedException.class, () -> c.groups.ban(mod, group.id(), ann, "rival"));
    c.refuses(PermissionDeniedException.class, () -> c.groups.ban(mod, group.id(), mod, "oops"));
    assertTrue(c.groups.ban(owner, group.id(), mod, "abuse of power"));
    assertEquals(MemberStatus.BANNED, c.status(group, mod));
    assertEquals(GroupRole.MEMBER, c.membership(group, mod).role(), "a ban takes the role away");
  }

  @Test
  void leave_endsMembershipOnceAndRefusesTheOwner() {
    Group group = c.group(owner, "tea");
    c.join(group, ann);
    assertTrue(c.emits(GroupEvent.MemberLeft.class, () -> c.groups.leave(ann, group.id())));
    assertFalse(c.changesNothing(() -> c.groups.leave(ann, group.id())));
    c.refuses(ConflictException.class, () -> c.groups.leave(owner, group.id()));
    assertEquals(1, c.reload(group).memberCount());
    assertEquals(0, c.groups.joinedCount(ann));
  }

  @Test
  void members_listsInJoinOrderAcrossPagesWithoutRepeatsOrGaps() {
    Group group = c.group(owner, "tea");
    List<Membership> joined = new ArrayList<>(List.of(c.membership(group, owner)));
    for (int i = 0; i < 7; i++) {
      c.clock.advance(Duration.ofMillis(i % 2));
      UserId user = c.user("member-" + (7 - i));
      c.join(group, user);
      joined.add(c.membership(group, user));
    }
    joined.sort(java.util.Comparator.comparing(Membership::since).thenComparing(Membership::userId));
    List<UserId> expected = new ArrayList<>(joined.stream().map(Membership::userId).toList());
    List<UserId> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    Page<Membership> page = c.groups.members(Actor.ANONYMOUS, group.id(), request);
    seen.addAll(page.items().stream().map(Membership::userId).toList());
    while (page.hasNext()) {
      c.clock.advance(Duration.ofMillis(1));
      UserId late = c.user("late-" + seen.size());
      c.join(group, late);
      expected.add(late);
      request = request.next(page);
      page = c.groups.members(Actor.ANONYMOUS, group.id(), request);
      seen.addAll(page.items().stream().map(Membership::userId).toList());
    }
    assertEquals(expected, seen, "by join time, then user id; later joiners at the end; nothing repeated or skipped");
  }

  @Test
  void memberships_listTheActorsGroupsInJoinOrder() {
    Group tea = c.group(owner, "tea");
    Group coffee = c.group(owner, "coffee", GroupVisibility.REQUEST);
    c.clock.advance(Duration.ofSeconds(1));
    Group wool = c.group(owner, "wool");
    c.join(wool, ann);
    c.join(coffee, ann);
    c.clock.advance(Duration.ofSeconds(1));
    c.join(tea, ann);
    assertEquals(List.of(wool.id(), tea.id()),
        c.groups.memberships(ann, PageRequest.first()).items().stream().map(Membership::groupId).toList(),
        "active memberships only, oldest first");
    Page<Membership> first = c.groups.memberships(owner, PageRequest.first(2));
    Page<Membership> second = c.groups.memberships(owner, PageRequest.first(2).next(first));
    assertEquals(List.of(tea.id(), coffee.id(), wool.id()),
        java.util.stream.Stream.concat(first.items().stream(), second.items().stream()).map(Membership::groupId).toList());
  }

  @Test
  void unknownGroups_areNotFound() {
    GroupId missing = GroupId.of(Community.UNKNOWN);
    c.refuses(NotFoundException.class, () -> c.groups.get(missing));
    c.refuses(NotFoundException.class, () -> c.groups.join(owner, missing));
    c.refuses(NotFoundException.class, () -> c.groups.leave(owner, missing));
    c.refuses(NotFoundException.class, () -> c.groups.members(owner, missing, PageRequest.first()));
    assertTrue(c.groups.membership(owner, missing, owner).isEmpty());
  }

  @Test
  void listeners_hearOnlyAfterCommitAndSeeTheCommittedState() {
    AtomicReference<Long> countSeenByListener = new AtomicReference<>();
    Meadow[] holder = new Meadow[1];
    holder[0] = Meadow.builder().storage(MemoryStorage.create()).listener(event -> {
      if (event instanceof GroupEvent.MemberJoined joined) {
        countSeenByListener.set(holder[0].groups().get(joined.groupId()).memberCount());
      }
    }).build();
    Group group = holder[0].groups().create(owner, GroupDraft.of("Tea", "tea"));
    holder[0].groups().join(ann, group.id());
    assertEquals(2L, countSeenByListener.get(), "the listener ran after commit, outside the transaction");
  }

  @Test
  void listeners_thatThrowDoNotUndoOrFailTheChange() {
    List<MeadowEvent> later = new ArrayList<>();
    Meadow meadow = Meadow.builder()
        .listener(event -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(later::add)
        .build();
    Group group = meadow.groups().create(owner, GroupDraft.of("Tea", "tea"));
    assertEquals(1, meadow.groups().get(group.id()).memberCount());
    assertEquals(1, later.size(), "later listeners still hear the event");
  }

  @Test
  void nullArguments_areApiMisuse() {
    Group group = c.group(owner, "tea");
    assertThrows(NullPointerException.class, () -> c.groups.create(null, GroupDraft.of("Tea", "tea")));
    assertThrows(NullPointerException.class, () -> c.groups.create(owner, null));
    assertThrows(NullPointerException.class, () -> c.groups.join(null, group.id()));
    assertThrows(NullPointerException.class, () -> c.groups.join(owner, null));
    assertThrows(NullPointerException.class, () -> c.groups.members(null, group.id(), PageRequest.first()));
    assertThrows(NullPointerException.class, () -> c.groups.members(owner, group.id(), null));
    assertThrows(NullPointerException.class, () -> c.groups.setRole(null, group.id(), ann, GroupRole.MEMBER));
    assertThrows(NullPointerException.class, () -> c.groups.transferOwnership(null, group.id(), ann));
    assertThrows(NullPointerException.class, () -> c.groups.update(null, group.id(), GroupSettings.named("x")));
    assertThrows(NullPointerException.class, () -> c.groups.invite(owner, group.id(), null, 1));
    assertThrows(NullPointerException.class, () -> c.groups.discover(null, PageRequest.first()));
  }
}
