package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupState;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Invitation;
import dev.meadow.core.groups.Post;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.storage.tck.Race;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC adapter's group, post, follow, label and counter stores promise beyond the
 * conformance kit, run against each real database by a subclass: user values bound literally,
 * discovery's name-prefix ranges at the edges of the character orders, the per-state merge of a
 * group's posts, and counters created by racing transactions.
 */
abstract class CommunityStoresTestBase extends DatabaseTestBase {
  static final String DROP_POSTS = "'; DROP TABLE meadow_posts; --";

  Group group(String name, List<String> labels) {
    GroupId id = new GroupId(newId());
    return new Group(id, name, "g-" + id.value().toLowerCase(Locale.ROOT), null, null, "tea", labels,
        GroupVisibility.PUBLIC, false, null, GroupState.ACTIVE, new UserId("owner"), 1, 0, T0, T0, 1);
  }

  Post post(GroupId group, ContentState state, String title, List<ProductId> products, List<String> media,
      List<String> labels) {
    return new Post(new PostId(newId()), group, new UserId("author"), List.of(new StoreId("store-b"),
        new StoreId("store-a")), title, "body", products, media, labels, Disclosure.GIFTED, state, null, false, 0, 0, T0,
        null, 1);
  }

  void insert(Group... groups) {
    storage.inTransaction(tx -> {
      for (Group group : groups) {
        assertTrue(tx.groups().insertGroup(group));
      }
      return null;
    });
  }

  List<Group> discover(GroupFilter filter) {
    return storage.inTransaction(tx -> tx.groups().listGroups(filter, null, null, 100));
  }

  @Test
  @DisplayName("Values shaped like SQL, LIKE wildcards or escapes are stored as given and matched literally")
  void hostileValues_areStoredAndMatchedLiterally() {
    Group percent = group("100% _Pure_ \\ tea", List.of("%", "_"));
    Group plain = group("100x pure tea", List.of("a"));
    Group hostile = group(DROP_POSTS, List.of("b"));
    insert(percent, plain, hostile);
    assertEquals(List.of(percent), discover(new GroupFilter(null, null, "100%")));
    assertEquals(List.of(percent), discover(new GroupFilter(null, null, "100% _pure_ \\")));
    assertEquals(List.of(), discover(new GroupFilter(null, null, "100_")), "_ is no wildcard");
    assertEquals(List.of(), discover(new GroupFilter(null, null, "100\\")), "\\ escapes nothing");
    assertEquals(List.of(hostile), discover(new GroupFilter(null, null, hostile.nameKey())));
    assertEquals(List.of(percent), discover(new GroupFilter(null, "%", null)));
    assertEquals(List.of(), discover(new GroupFilter(Set.of("%", DROP_POSTS), null, null)));

    Post post = post(percent.id(), ContentState.PUBLISHED, DROP_POSTS, List.of(new ProductId(DROP_POSTS),
        new ProductId("%"), new ProductId("a_b")), List.of("https://cdn.example/x?q=%27%3B--", "https://cdn.example/\\"),
        List.of("%", "_"));
    storage.inTransaction(tx -> tx.posts().insertPost(post));
    assertEquals(post, storage.inTransaction(tx -> tx.posts().findPost(post.id())).orElseThrow());
    assertEquals(List.of(post), storage.inTransaction(tx -> tx.posts().listPostsByLabel("%", null, 10)));
    assertEquals(List.of(), storage.inTransaction(tx -> tx.posts().listPostsByLabel("__", null, 10)));

    Follow follow = new Follow(new UserId(DROP_POSTS), FollowTarget.user(new UserId("%")), T0);
    storage.inTransaction(tx -> tx.follows().insertFollow(follow));
    assertEquals(List.of(follow), storage.inTransaction(
        tx -> tx.follows().listFollowers(FollowTarget.user(new UserId("%")), null, null, 10)));
    assertEquals(List.of(), storage.inTransaction(
        tx -> tx.follows().listFollowers(FollowTarget.user(new UserId("_")), null, null, 10)));

    storage.inTransaction(tx -> {
      tx.labels().replaceUserLabels(new UserId(DROP_POSTS), List.of("%", "_"));
      tx.labels().replaceUserLabels(new UserId("bob"), List.of("a"));
      return null;
    });
    assertEquals(List.of("%", "_"), storage.inTransaction(tx -> tx.labels().findUserLabels(new UserId(DROP_POSTS))));
    assertEquals(List.of(new UserId(DROP_POSTS)), storage.inTransaction(tx -> tx.labels().listUsersByLabel("%", null, 10)));

    assertEquals(3, storage.<Long>inTransaction(tx -> tx.counters().add(DROP_POSTS, "%", 3)));
    assertEquals(0, storage.<Long>inTransaction(tx -> tx.counters().get(DROP_POSTS, "_")));

    Invitation invitation = new Invitation(new InvitationId(newId()), percent.id(), DROP_POSTS, new UserId("owner"),
        T0, T0.plusSeconds(3600), 1, 0, null);
    storage.inTransaction(tx -> tx.groups().insertInvitation(invitation));
    assertEquals(invitation, storage.inTransaction(tx -> tx.groups().findInvitationByTokenHash(DROP_POSTS)).orElseThrow());
    assertTrue(storage.inTransaction(tx -> tx.groups().findInvitationByTokenHash("%")).isEmpty());

    assertEquals(1, TestDatabase.count(dataSource, "meadow_posts"), "meadow_posts is still there");
  }

  @Test
  @DisplayName("A name prefix matches exactly the names starting with it, whatever character it ends in")
  void namePrefix_matchesExactlyAtTheEdgesOfTheCharacterOrders() {
    List<String> names = List.of("te", "tea", "teb", "tea 茶", "tea 茶会", "tea 茷", "tea \uD7FE", "tea \uD7FE!",
        "tea \uD7FF", "tea \uD7FF!", "tea \uE000", "tea \uFFFD", "tea \uFFFD!", "tea 🍵", "tea 🍵 club", "tea 🍶");
    List<Group> groups = names.stream().map(name -> group(name, List.of())).toList();
    insert(groups.toArray(Group[]::new));
    for (String prefix : List.of("t", "te", "tea", "tea ", "tea 茶", "tea \uD7FE", "tea \uD7FF", "tea \uFFFD",
        "tea 🍵", "tea 🍶 ", "tea \uFFFF")) {
      List<String> expected = names.stream().filter(name -> name.startsWith(prefix)).sorted().toList();
      List<String> found = discover(new GroupFilter(null, null, prefix)).stream().map(Group::name).sorted().toList();
      assertEquals(expected, found, "prefix '" + prefix + "'");
    }
  }

  @Test
  @DisplayName("A group's posts in several states page newest first across the states, at any page size, without gaps"
      + " or repeats")
  void groupPostsInSeveralStates_pageNewestFirstAcrossStates() {
    Group group = group("Mixed", List.of());
    Group other = group("Other", List.of());
    insert(group, other);
    List<Post> posts = new ArrayList<>();
    ContentState[] states = ContentState.values();
    for (int i = 0; i < 14; i++) {
      posts.add(post(i % 5 == 4 ? other.id() : group.id(), states[(i * 7 / 3) % states.length], "Post " + i, List.of(),
          List.of(), List.of()));
    }
    storage.inTransaction(tx -> {
      posts.forEach(tx.posts()::insertPost);
      return null;
    });
    for (Set<ContentState> wanted : List.of(Set.of(ContentState.PUBLISHED),
        EnumSet.of(ContentState.PUBLISHED, ContentState.PENDING), EnumSet.allOf(ContentState.class))) {
      List<Post> expected = posts.stream()
          .filter(p -> p.groupId().equals(group.id()) && wanted.contains(p.state()))
          .sorted((a, b) -> b.id().compareTo(a.id()))
          .toList();
      // Smaller pages first: a statement run again with a larger limit must not keep the first one's.
      for (int size : new int[] {2, 5}) {
        List<Post> paged = new ArrayList<>();
        PostId before = null;
        while (true) {
          PostId position = before;
          List<Post> page = storage.inTransaction(tx -> tx.posts().listGroupPosts(group.id(), wanted, position, size));
          paged.addAll(page);
          if (page.size() < size) {
            break; // only the last page is short
          }
          before = page.get(page.size() - 1).id();
        }
        assertEquals(expected, paged, "states " + wanted + ", pages of " + size);
      }
    }
    assertEquals(List.of(), storage.inTransaction(tx -> tx.posts().listGroupPosts(group.id(), Set.of(), null, 3)));
  }

  @Test
  @DisplayName("8 threads racing to create and change the same new counter and activity hour: every change counts once,"
      + " and the bounded increment stops exactly at its bound")
  void countersCreatedByRacingTransactions_countEveryChange() throws Exception {
    Group group = group("Busy", List.of());
    insert(group);
    Instant hour = T0.truncatedTo(ChronoUnit.HOURS);
    List<Integer> wins = Race.run(8, thread -> {
      int won = 0;
      for (int i = 0; i < 10; i++) {
        boolean incremented = storage.inTransaction(tx -> {
          tx.counters().add("posts.written", "racer", 1);
          tx.groups().addActivity(group.id(), hour, 2);
          return tx.counters().incrementBelow("groups.owned", "racer", 25);
        });
        if (incremented) {
          won++;
        }
      }
      return won;
    });
    assertEquals(25, wins.stream().mapToInt(Integer::intValue).sum());
    assertEquals(List.of(80L, 25L), storage.inTransaction(tx -> Stream.of("posts.written", "groups.owned")
        .map(name -> tx.counters().get(name, "racer")).toList()));
    assertEquals(160, storage.inTransaction(tx -> tx.groups().listMostActive(hour, null, 10)).get(0).count());
  }

  @Test
  @DisplayName("A counter name or key longer than the store keeps is refused before reaching the database")
  void overlongCounterNamesAndKeys_areRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> storage.inTransaction(tx -> tx.counters().add("n".repeat(65), "k", 1)));
    assertThrows(IllegalArgumentException.class,
        () -> storage.inTransaction(tx -> tx.counters().get("n", "k".repeat(301))));
    assertEquals(1, storage.<Long>inTransaction(tx -> tx.counters().add("n".repeat(64), "k".repeat(300), 1)));
  }
}
