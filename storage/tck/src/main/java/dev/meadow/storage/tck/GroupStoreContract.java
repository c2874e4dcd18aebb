package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.Membership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.GroupStore}. */
public abstract class GroupStoreContract extends StorageContract {

  private Group stored(String slug) {
    Group group = group(slug);
    assertTrue(is(tx -> tx.groups().insertGroup(group)));
    return group;
  }

  private List<Membership> page(GroupId group, Membership after, int limit) {
    return tx(tx -> tx.groups().listMembers(group, after == null ? null : after.joinedAt(),
        after == null ? null : after.userId(), limit));
  }

  @Test
  @DisplayName("A group round-trips exactly, found by id and by slug")
  void groupRoundTrip() {
    Group group = new Group(new GroupId(newId()), "Tea lovers 🍵 — 茶", "tea-lovers",
        "Oolong, <b>pu-erh</b> and '; DROP TABLE meadow_groups; --", new UserId("owner'\"1"), 0,
        Instant.parse("2026-01-02T03:04:05.678Z"));
    assertTrue(is(tx -> tx.groups().insertGroup(group)));
    assertEquals(group, tx(tx -> tx.groups().findGroup(group.id())).orElseThrow());
    assertEquals(group, tx(tx -> tx.groups().findGroupBySlug("tea-lovers")).orElseThrow());
    assertTrue(tx(tx -> tx.groups().findGroup(new GroupId(newId()))).isEmpty());
    assertTrue(tx(tx -> tx.groups().findGroupBySlug("no-such-group")).isEmpty());
  }

  @Test
  @DisplayName("A group without a description keeps it null")
  void nullDescription() {
    Group group = new Group(new GroupId(newId()), "Plain", "plain", null, new UserId("o"), 0, T0);
    tx(tx -> tx.groups().insertGroup(group));
    assertEquals(group, tx(tx -> tx.groups().findGroup(group.id())).orElseThrow());
  }

  @Test
  @DisplayName("A second group with a taken slug is refused and the first is unchanged")
  void slugIsUnique() {
    Group first = stored("same-slug");
    Group second = group("same-slug");
    assertFalse(is(tx -> tx.groups().insertGroup(second)));
    assertEquals(first, tx(tx -> tx.groups().findGroupBySlug("same-slug")).orElseThrow());
    assertTrue(tx(tx -> tx.groups().findGroup(second.id())).isEmpty());
  }

  @Test
  @DisplayName("Racing inserts of one slug on 8 threads: exactly one wins")
  void racingSlugInserts() throws Exception {
    List<Boolean> won = race(8, thread -> tx(tx -> tx.groups().insertGroup(group("contested"))));
    assertEquals(1, won.stream().filter(b -> b).count());
  }

  @Test
  @DisplayName("Member count adjustments add up, and an unknown group reports false")
  void adjustMemberCount() {
    Group group = stored("counted");
    assertTrue(is(tx -> tx.groups().adjustMemberCount(group.id(), 3)));
    assertTrue(is(tx -> tx.groups().adjustMemberCount(group.id(), -1)));
    assertEquals(2, tx(tx -> tx.groups().findGroup(group.id())).orElseThrow().memberCount());
    assertFalse(is(tx -> tx.groups().adjustMemberCount(new GroupId(newId()), 1)));
  }

  @Test
  @DisplayName("8 threads × 100 concurrent count adjustments: the count equals their sum")
  void concurrentCountAdjustments() throws Exception {
    Group group = stored("hot");
    race(8, thread -> {
      for (int i = 0; i < 100; i++) {
        tx(tx -> tx.groups().adjustMemberCount(group.id(), 1));
      }
      return null;
    });
    assertEquals(800, tx(tx -> tx.groups().findGroup(group.id())).orElseThrow().memberCount());
  }

  @Test
  @DisplayName("A membership round-trips, and a second one for the same group and user is refused")
  void membershipIsUnique() {
    Group group = stored("members");
    Membership first = new Membership(group.id(), new UserId("alice"), GroupRole.OWNER, T0);
    assertTrue(is(tx -> tx.groups().insertMembership(first)));
    assertFalse(is(tx -> tx.groups().insertMembership(member(group.id(), "alice", T0.plusSeconds(5)))));
    assertEquals(first, tx(tx -> tx.groups().findMembership(group.id(), new UserId("alice"))).orElseThrow());
    assertTrue(tx(tx -> tx.groups().findMembership(group.id(), new UserId("bob"))).isEmpty());
  }

  @Test
  @DisplayName("Racing joins of one user on 8 threads: exactly one membership is inserted")
  void racingMembershipInserts() throws Exception {
    Group group = stored("racing");
    List<Boolean> inserted = race(8, thread ->
        tx(tx -> tx.groups().insertMembership(member(group.id(), "same-user", T0.plusMillis(thread)))));
    assertEquals(1, inserted.stream().filter(b -> b).count());
    assertEquals(1, page(group.id(), null, 10).size());
  }

  @Test
  @DisplayName("Deleting a membership reports whether there was one")
  void deleteMembership() {
    Group group = stored("leaving");
    tx(tx -> tx.groups().insertMembership(member(group.id(), "bob", T0)));
    assertTrue(is(tx -> tx.groups().deleteMembership(group.id(), new UserId("bob"))));
    assertFalse(is(tx -> tx.groups().deleteMembership(group.id(), new UserId("bob"))));
    assertTrue(tx(tx -> tx.groups().findMembership(group.id(), new UserId("bob"))).isEmpty());
    assertTrue(is(tx -> tx.groups().insertMembership(member(group.id(), "bob", T0.plusSeconds(1)))), "may join again");
  }

  @Test
  @DisplayName("Members are listed by join time, then user id, only for their own group")
  void memberOrder() {
    Group group = stored("ordered");
    Group other = stored("other");
    List<Membership> expected = List.of(
        member(group.id(), "zoe", T0),
        member(group.id(), "adam", T0.plusMillis(1)),
        member(group.id(), "bea", T0.plusMillis(1)),
        member(group.id(), "carl", T0.plusSeconds(60)));
    tx(tx -> {
      for (int i = expected.size() - 1; i >= 0; i--) {
        tx.groups().insertMembership(expected.get(i));
      }
      tx.groups().insertMembership(member(other.id(), "outsider", T0));
      return null;
    });
    assertEquals(expected, page(group.id(), null, 10));
    assertEquals(expected.subList(0, 2), page(group.id(), null, 2));
  }

  @Test
  @DisplayName("Keyset pages neither repeat nor skip members, even when members join between pages")
  void keysetPagingIsStable() {
    Group group = stored("paged");
    List<Membership> original = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Several members share a millisecond, so the user id must break ties.
      original.add(member(group.id(), String.format("user-%02d", (i * 7) % 23), T0.plusMillis(i / 3)));
    }
    tx(tx -> {
      original.forEach(tx.groups()::insertMembership);
      return null;
    });
    List<Membership> seen = new ArrayList<>();
    Membership after = null;
    int pages = 0;
    while (true) {
      List<Membership> page = page(group.id(), after, 5);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      after = page.get(page.size() - 1);
      int n = ++pages;
      if (n <= 3) {
        // A newcomer joins later than everyone; another row sorts before the cursor: neither disturbs paging.
        tx(tx -> tx.groups().insertMembership(member(group.id(), "late-" + n, T0.plusSeconds(3600 + n))));
        tx(tx -> tx.groups().insertMembership(member(group.id(), "early-" + n, T0.minusSeconds(n))));
      }
    }
    List<Membership> sorted = new ArrayList<>(original);
    sorted.sort(Comparator.comparing(Membership::joinedAt).thenComparing(m -> m.userId().value()));
    assertEquals(sorted, seen.subList(0, original.size()));
    List<Membership> tail = seen.subList(original.size(), seen.size());
    assertEquals(List.of("late-1", "late-2", "late-3"), tail.stream().map(m -> m.userId().value()).toList(),
        "later joiners follow, once each, and earlier ones never appear behind the cursor");
    assertEquals(seen.size(), seen.stream().distinct().count(), "no member is repeated");
  }
}
