package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.GroupId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.SocialEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowsTest {
  private final Community c = Community.create();
  private final UserId ann = c.user("ann");
  private final UserId ben = c.user("ben");
  private final UserId cid = c.user("cid");

  @Test
  void follow_isOncePerTargetAndCounted() {
    FollowTarget target = FollowTarget.user(ben);
    assertTrue(c.emits(SocialEvent.Followed.class, () -> c.follows.follow(ann, target)));
    assertEquals(new SocialEvent.Followed(c.lastHeard().id(), c.clock.instant(), ann, target), c.lastHeard());
    assertFalse(c.changesNothing(() -> c.follows.follow(ann, target)));
    assertTrue(c.follows.follows(ann, target));
    assertFalse(c.follows.follows(ben, FollowTarget.user(ann)), "following is one way");
    assertEquals(1, c.follows.followerCount(target));
    assertEquals(1L, (long) c.meadow.storage().inTransaction(tx -> Follows.followerCount(tx, target)),
        "the same count, read inside a module's own transaction");
    assertEquals(1, c.follows.followingCount(ann, FollowTarget.Kind.USER));
    assertEquals(0, c.follows.followingCount(ann, FollowTarget.Kind.STORE));

    assertTrue(c.emits(SocialEvent.Unfollowed.class, () -> c.follows.unfollow(ann, target)));
    assertEquals(new SocialEvent.Unfollowed(c.lastHeard().id(), c.clock.instant(), ann, target), c.lastHeard());
    assertFalse(c.changesNothing(() -> c.follows.unfollow(ann, target)));
    assertEquals(0, c.follows.followerCount(target));
    assertEquals(0, c.follows.followingCount(ann, FollowTarget.Kind.USER));
  }

  @Test
  void follow_reachesStoresAndGroups() {
    Group group = c.group(cid, "tea");
    assertTrue(c.follows.follow(ann, FollowTarget.store(Community.TEA_SHOP)));
    assertTrue(c.follows.follow(ann, FollowTarget.group(group.id())));
    assertTrue(c.follows.follow(ben, FollowTarget.store(Community.TEA_SHOP)));
    assertEquals(2, c.follows.followerCount(FollowTarget.store(Community.TEA_SHOP)));
    assertEquals(1, c.follows.followerCount(FollowTarget.group(group.id())));
    assertEquals(1, c.follows.followingCount(ann, FollowTarget.Kind.STORE));
    assertEquals(1, c.follows.followingCount(ann, FollowTarget.Kind.GROUP));
    assertEquals(1, c.reload(group).memberCount(), "following a group is not joining it");
  }

  @Test
  void follow_refusesSelfAnonymousAndUnreadableGroups() {
    Group closed = c.group(cid, "closed", GroupVisibility.REQUEST);
    c.rejects("target", () -> c.follows.follow(ann, FollowTarget.user(ann)));
    c.refuses(PermissionDeniedException.class, () -> c.follows.follow(Actor.ANONYMOUS, FollowTarget.user(ann)));
    c.refuses(PermissionDeniedException.class, () -> c.follows.unfollow(Actor.ANONYMOUS, FollowTarget.user(ann)));
    c.refuses(PermissionDeniedException.class, () -> c.follows.follow(ann, FollowTarget.group(closed.id())));
    c.refuses(NotFoundException.class, () -> c.follows.follow(ann, FollowTarget.group(GroupId.of(Community.UNKNOWN))));
    assertTrue(c.follows.follow(cid, FollowTarget.group(closed.id())), "its members may");
  }

  @Test
  void followers_listNewestFirstAcrossPages() {
    FollowTarget store = FollowTarget.store(Community.TEA_SHOP);
    List<UserId> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      c.clock.advance(Duration.ofMillis(i % 2));
      UserId fan = c.user("fan-" + (9 - i));
      c.follows.follow(fan, store);
      expected.add(0, fan);
    }
    // Pairs followed in the same millisecond; within one, the largest id comes first.
    expected.subList(0, 2).sort(java.util.Comparator.reverseOrder());
    expected.subList(2, 4).sort(java.util.Comparator.reverseOrder());
    Page<Follow> first = c.follows.followers(Actor.ANONYMOUS, store, PageRequest.first(2));
    Page<Follow> second = c.follows.followers(Actor.ANONYMOUS, store, PageRequest.first(2).next(first));
    Page<Follow> third = c.follows.followers(Actor.ANONYMOUS, store, PageRequest.first(2).next(second));
    List<UserId> seen = new ArrayList<>();
    for (Page<Follow> page : List.of(first, second, third)) {
      page.items().forEach(f -> seen.add(f.follower()));
    }
    assertEquals(expected, seen);
    assertFalse(third.hasNext());
    c.rejects("cursor", () -> c.follows.followers(Actor.ANONYMOUS, FollowTarget.user(ann), PageRequest.first(2).next(first)));
  }

  @Test
  void following_listsOneKindNewestFirst() {
    Group tea = c.group(cid, "tea");
    Group wool = c.group(cid, "wool");
    c.follows.follow(ann, FollowTarget.group(tea.id()));
    c.follows.follow(ann, FollowTarget.user(ben));
    c.clock.advance(Duration.ofSeconds(1));
    c.follows.follow(ann, FollowTarget.group(wool.id()));
    Page<Follow> groups = c.follows.following(ann, FollowTarget.Kind.GROUP, PageRequest.first(1));
    assertEquals(List.of(FollowTarget.group(wool.id())), groups.items().stream().map(Follow::target).toList());
    assertEquals(List.of(FollowTarget.group(tea.id())), c.follows.following(ann, FollowTarget.Kind.GROUP,
        PageRequest.first(1).next(groups)).items().stream().map(Follow::target).toList());
    assertEquals(List.of(new Follow(ann, FollowTarget.user(ben), c.heard().get(c.heard().size() - 2).occurredAt())),
        c.follows.following(ann, FollowTarget.Kind.USER, PageRequest.first()).items());
    c.rejects("cursor", () -> c.follows.following(ann, FollowTarget.Kind.USER, PageRequest.first(1).next(groups)));
    c.rejects("cursor", () -> c.follows.following(ben, FollowTarget.Kind.GROUP, PageRequest.first(1).next(groups)));
  }
}
