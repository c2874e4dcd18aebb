package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.spi.FollowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.FollowStore}. */
public abstract class FollowStoreContract extends StorageContract {
  /** Newest first: by start descending, then by follower id descending. */
  private static final Comparator<Follow> FOLLOWERS_ORDER =
      Comparator.comparing(Follow::since).thenComparing(f -> f.follower().value()).reversed();

  /** Newest first: by start descending, then by target id descending. */
  private static final Comparator<Follow> FOLLOWING_ORDER =
      Comparator.comparing(Follow::since).thenComparing(f -> f.target().id()).reversed();

  private Follow stored(Follow follow) {
    assertTrue(is(tx -> tx.follows().insertFollow(follow)));
    return follow;
  }

  private void store(Consumer<FollowStore> work) {
    tx(tx -> {
      work.accept(tx.follows());
      return null;
    });
  }

  private List<Follow> followers(FollowTarget target, @Nullable Follow before, int limit) {
    return tx(tx -> tx.follows().listFollowers(target, before == null ? null : before.since(),
        before == null ? null : before.follower(), limit));
  }

  private List<Follow> following(String follower, FollowTarget.Kind kind, @Nullable Follow before, int limit) {
    return tx(tx -> tx.follows().listFollowing(new UserId(follower), kind, before == null ? null : before.since(),
        before == null ? null : before.target().id(), limit));
  }

  private static List<Follow> sorted(List<Follow> follows, Comparator<Follow> order) {
    List<Follow> copy = new ArrayList<>(follows);
    copy.sort(order);
    return copy;
  }

  @Test
  @DisplayName("A follow of a user, a store or a group round-trips exactly, found by follower and target")
  void followRoundTrip() {
    List<Follow> follows = List.of(
        follow("fan 💚", FollowTarget.user(new UserId("creator'\"; --")), Instant.parse("2026-01-02T03:04:05.678Z")),
        follow("fan 💚", FollowTarget.store(new StoreId("茶店 🍵")), T0),
        follow("fan 💚", FollowTarget.group(newGroupId()), T0.plusMillis(1)));
    for (Follow follow : follows) {
      stored(follow);
      assertEquals(follow, tx(tx -> tx.follows().findFollow(follow.follower(), follow.target())).orElseThrow());
    }
    assertTrue(tx(tx -> tx.follows().findFollow(new UserId("fan 💚"), FollowTarget.user(new UserId("nobody"))))
        .isEmpty());
    assertTrue(tx(tx -> tx.follows().findFollow(new UserId("stranger"), follows.get(0).target())).isEmpty());
  }

  @Test
  @DisplayName("A second follow of the same target by the same follower is refused and the first kept")
  void followIsUnique() {
    FollowTarget target = FollowTarget.store(new StoreId("store-1"));
    Follow first = stored(follow("fan", target, T0));
    assertFalse(is(tx -> tx.follows().insertFollow(follow("fan", target, T0.plusSeconds(30)))));
    assertEquals(first, tx(tx -> tx.follows().findFollow(new UserId("fan"), target)).orElseThrow());
    assertEquals(List.of(first), followers(target, null, 10));
  }

  @Test
  @DisplayName("A user and a store with the same id are different targets")
  void targetKindsAreSeparate() {
    FollowTarget user = FollowTarget.user(new UserId("42"));
    FollowTarget store = FollowTarget.store(new StoreId("42"));
    Follow ofUser = stored(follow("fan", user, T0));
    Follow ofStore = stored(follow("fan", store, T0.plusMillis(1)));
    assertEquals(List.of(ofUser), followers(user, null, 10));
    assertEquals(List.of(ofStore), followers(store, null, 10));
    assertTrue(is(tx -> tx.follows().deleteFollow(new UserId("fan"), user)));
    assertEquals(ofStore, tx(tx -> tx.follows().findFollow(new UserId("fan"), store)).orElseThrow());
  }

  @Test
  @DisplayName("Racing follows of one target by one user on 8 threads: exactly one is inserted")
  void racingFollows() throws Exception {
    FollowTarget target = FollowTarget.user(new UserId("celebrity"));
    List<Boolean> won = race(8, thread ->
        is(tx -> tx.follows().insertFollow(follow("eager", target, T0.plusMillis(thread)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(List.of(follow("eager", target, T0.plusMillis(won.indexOf(true)))), followers(target, null, 10));
  }

  @Test
  @DisplayName("deleteFollow reports whether there was a follow, and the user may follow again")
  void deleteFollow() {
    FollowTarget target = FollowTarget.group(newGroupId());
    stored(follow("fan", target, T0));
    assertFalse(is(tx -> tx.follows().deleteFollow(new UserId("other"), target)));
    assertTrue(is(tx -> tx.follows().deleteFollow(new UserId("fan"), target)));
    assertFalse(is(tx -> tx.follows().deleteFollow(new UserId("fan"), target)));
    assertTrue(tx(tx -> tx.follows().findFollow(new UserId("fan"), target)).isEmpty());
    assertEquals(List.of(), followers(target, null, 10));
    assertEquals(List.of(), following("fan", FollowTarget.Kind.GROUP, null, 10));
    Follow again = stored(follow("fan", target, T0.plusSeconds(60)));
    assertEquals(List.of(again), followers(target, null, 10));
  }

  @Test
  @DisplayName("Followers are listed newest first, ties on since broken by follower id descending, only the target's own")
  void followerOrder() {
    FollowTarget target = FollowTarget.store(new StoreId("popular"));
    FollowTarget other = FollowTarget.store(new StoreId("other"));
    Follow oldest = follow("zed", target, T0);
    Follow tiedA = follow("amy", target, T0.plusMillis(5));
    Follow tiedB = follow("bob", target, T0.plusMillis(5));
    Follow newest = follow("cat", target, T0.plusSeconds(60));
    store(s -> {
      for (Follow follow : List.of(tiedA, newest, oldest, tiedB)) {
        s.insertFollow(follow);
      }
      s.insertFollow(follow("amy", other, T0.plusSeconds(3600)));
      s.insertFollow(follow("amy", FollowTarget.user(new UserId("popular")), T0.plusSeconds(3600)));
    });
    assertEquals(List.of(newest, tiedB, tiedA, oldest), followers(target, null, 10));
    assertEquals(List.of(newest, tiedB), followers(target, null, 2));
    assertEquals(List.of(tiedA, oldest), followers(target, tiedB, 10), "a tie on since resumes by follower id");
  }

  @Test
  @DisplayName("Followers page through keyset positions exactly once each, newest first")
  void followerPaging() {
    FollowTarget target = FollowTarget.group(newGroupId());
    List<Follow> all = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      // Several follows share a millisecond, so the follower id must break ties.
      all.add(follow(String.format("fan-%02d", (i * 7) % 19), target, T0.plusMillis(i / 4)));
    }
    store(s -> all.forEach(s::insertFollow));
    List<Follow> listed = pageThrough(3, (before, limit) -> followers(target, before, limit));
    assertEquals(sorted(all, FOLLOWERS_ORDER), listed);
  }

  @Test
  @DisplayName("What a user follows is listed by kind, newest first, ties on since broken by target id descending")
  void followingByKind() {
    Follow userOld = follow("me", FollowTarget.user(new UserId("alice")), T0);
    Follow userTiedA = follow("me", FollowTarget.user(new UserId("bob")), T0.plusMillis(9));
    Follow userTiedB = follow("me", FollowTarget.user(new UserId("carol")), T0.plusMillis(9));
    Follow store = follow("me", FollowTarget.store(new StoreId("shop")), T0.plusSeconds(1));
    Follow groupOne = follow("me", FollowTarget.group(newGroupId()), T0.plusSeconds(2));
    Follow groupTwo = follow("me", FollowTarget.group(newGroupId()), T0.plusSeconds(3));
    store(s -> {
      for (Follow follow : List.of(userTiedA, groupOne, store, userOld, groupTwo, userTiedB)) {
        s.insertFollow(follow);
      }
      s.insertFollow(follow("someone-else", FollowTarget.user(new UserId("dave")), T0));
    });
    assertEquals(List.of(userTiedB, userTiedA, userOld), following("me", FollowTarget.Kind.USER, null, 10));
    assertEquals(List.of(userOld), following("me", FollowTarget.Kind.USER, userTiedA, 10));
    assertEquals(List.of(store), following("me", FollowTarget.Kind.STORE, null, 10));
    assertEquals(List.of(groupTwo, groupOne), following("me", FollowTarget.Kind.GROUP, null, 10));
    assertEquals(List.of(), following("nobody", FollowTarget.Kind.USER, null, 10));
  }

  @Test
  @DisplayName("What a user follows pages through keyset positions exactly once each, newest first")
  void followingPaging() {
    List<Follow> all = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      all.add(follow("collector", FollowTarget.store(new StoreId(String.format("store-%02d", (i * 5) % 17))),
          T0.plus(Duration.ofMinutes(i / 3))));
    }
    store(s -> {
      all.forEach(s::insertFollow);
      s.insertFollow(follow("collector", FollowTarget.user(new UserId("store-99")), T0));
    });
    List<Follow> listed = pageThrough(4, (before, limit) -> following("collector", FollowTarget.Kind.STORE, before,
        limit));
    assertEquals(sorted(all, FOLLOWING_ORDER), listed);
  }

  @Test
  @DisplayName("Listings take limits from 0 to 1,000 and whole keyset positions; anything else throws IllegalArgumentException")
  void listingArguments() {
    FollowTarget target = FollowTarget.user(new UserId("star"));
    stored(follow("fan", target, T0));
    assertEquals(List.of(), followers(target, null, 0));
    assertEquals(List.of(), following("fan", FollowTarget.Kind.USER, null, 0));
    for (int limit : new int[] {-1, 1001}) {
      assertThrows(IllegalArgumentException.class, () -> followers(target, null, limit));
      assertThrows(IllegalArgumentException.class, () -> following("fan", FollowTarget.Kind.USER, null, limit));
    }
    assertEquals(1, followers(target, null, 1000).size());
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.follows().listFollowers(target, T0, null, 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.follows().listFollowers(target, null, new UserId("fan"), 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.follows().listFollowing(new UserId("fan"), FollowTarget.Kind.USER, T0, null, 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.follows().listFollowing(new UserId("fan"), FollowTarget.Kind.USER, null, "star", 10)));
  }

  @Test
  @DisplayName("Null arguments throw NullPointerException")
  void nullArguments() {
    FollowTarget target = FollowTarget.user(new UserId("star"));
    UserId fan = new UserId("fan");
    List<Consumer<FollowStore>> calls = List.of(
        s -> s.insertFollow(null),
        s -> s.deleteFollow(null, target),
        s -> s.deleteFollow(fan, null),
        s -> s.findFollow(null, target),
        s -> s.findFollow(fan, null),
        s -> s.listFollowers(null, null, null, 10),
        s -> s.listFollowing(null, FollowTarget.Kind.USER, null, null, 10),
        s -> s.listFollowing(fan, null, null, null, 10));
    for (Consumer<FollowStore> call : calls) {
      assertThrows(NullPointerException.class, () -> store(call));
    }
  }

  @Test
  @DisplayName("A transaction that throws undoes every follow and unfollow in it")
  void rollbackUndoesFollows() {
    FollowTarget target = FollowTarget.user(new UserId("star"));
    Follow kept = stored(follow("loyal", target, T0));
    assertThrows(IllegalStateException.class, () -> store(s -> {
      assertTrue(s.insertFollow(follow("newcomer", target, T0.plusSeconds(1))));
      assertTrue(s.insertFollow(follow("loyal", FollowTarget.store(new StoreId("shop")), T0.plusSeconds(1))));
      assertTrue(s.deleteFollow(new UserId("loyal"), target));
      throw new IllegalStateException("work failed");
    }));
    assertEquals(List.of(kept), followers(target, null, 10));
    assertEquals(List.of(kept), following("loyal", FollowTarget.Kind.USER, null, 10));
    assertEquals(List.of(), following("loyal", FollowTarget.Kind.STORE, null, 10));
    assertTrue(tx(tx -> tx.follows().findFollow(new UserId("newcomer"), target)).isEmpty());
  }
}
