package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Finding groups: by category, label and name, and by what is trending. */
class DiscoveryTest {
  private final Community c = Community.create();
  private final UserId owner = c.user("owner");
  private int slugs;

  private Group group(String name, GroupVisibility visibility, String category, String... labels) {
    return c.groups.create(owner, GroupDraft.of(name, "group-" + slugs++).withVisibility(visibility)
        .withCategory(category).withLabels(List.of(labels)));
  }

  private Group group(String name) {
    return group(name, GroupVisibility.PUBLIC, null);
  }

  private List<String> discover(GroupSearch search) {
    return all(request -> c.groups.discover(search, request)).stream().map(Group::name).toList();
  }

  /** Reads every page of a listing, two items at a time. */
  private static <T> List<T> all(Function<PageRequest, Page<T>> listing) {
    List<T> items = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    Page<T> page = listing.apply(request);
    items.addAll(page.items());
    while (page.hasNext()) {
      request = request.next(page);
      page = listing.apply(request);
      items.addAll(page.items());
    }
    return items;
  }

  @Test
  void byCategory_includesEverySubCategory() {
    group("Tea house", GroupVisibility.PUBLIC, "tea");
    group("Oolong club", GroupVisibility.REQUEST, "oolong");
    group("coffee corner", GroupVisibility.PUBLIC, "coffee");
    group("Food lovers", GroupVisibility.PUBLIC, "food");
    group("Knit night", GroupVisibility.PUBLIC, "knitwear");
    group("Anything goes");
    assertEquals(List.of("coffee corner", "Food lovers", "Oolong club", "Tea house"), discover(GroupSearch.inCategory("food")),
        "ordered by name without regard to case");
    assertEquals(List.of("Oolong club", "Tea house"), discover(GroupSearch.inCategory("tea")));
    assertEquals(List.of("Oolong club"), discover(GroupSearch.inCategory("OOLONG")));
    assertEquals(List.of("Knit night"), discover(GroupSearch.inCategory("fashion")));
    assertEquals(6, discover(GroupSearch.all()).size());
  }

  @Test
  void byLabel_andCombinedConditions() {
    group("Tea house", GroupVisibility.PUBLIC, "tea", "minimalist", "vintage");
    group("Tea garden", GroupVisibility.PUBLIC, "tea", "cottagecore");
    group("Vintage knits", GroupVisibility.PUBLIC, "knitwear", "vintage");
    assertEquals(List.of("Tea house", "Vintage knits"), discover(GroupSearch.labelled("vintage")));
    assertEquals(List.of("Tea house"), discover(GroupSearch.labelled("vintage").withCategory("food")));
    assertEquals(List.of("Tea garden"), discover(GroupSearch.inCategory("tea").withNamePrefix("tea g")));
    assertEquals(List.of(), discover(GroupSearch.labelled("y2k")));
  }

  @Test
  void byNamePrefix_ignoresCaseAndMatchesWildcardsLiterally() {
    for (String name : List.of("Tea house", "TEAPOT fans", "steam tea", "100% Cotton", "100 Cotton", "1000 stitches",
        "a_b club", "axb club", "%off deals", "50\\50 split", "50/50 split", "Ünïcode tea")) {
      group(name);
    }
    assertEquals(List.of("Tea house", "TEAPOT fans"), discover(GroupSearch.namePrefix("tEa")));
    assertEquals(List.of("100% Cotton"), discover(GroupSearch.namePrefix("100%")));
    assertEquals(List.of("100 Cotton", "100% Cotton", "1000 stitches"), discover(GroupSearch.namePrefix("100")));
    assertEquals(List.of("a_b club"), discover(GroupSearch.namePrefix("a_")));
    assertEquals(List.of("%off deals"), discover(GroupSearch.namePrefix("%")));
    assertEquals(List.of("50\\50 split"), discover(GroupSearch.namePrefix("50\\")));
    assertEquals(List.of("Ünïcode tea"), discover(GroupSearch.namePrefix("ünï")));
    assertEquals(List.of(), discover(GroupSearch.namePrefix("'; DROP TABLE meadow_group; --")));
  }

  @Test
  void leavesOutInvitationOnlyAndArchivedGroups() {
    group("Tea open", GroupVisibility.PUBLIC, "tea");
    group("Tea asked", GroupVisibility.REQUEST, "tea");
    group("Tea secret", GroupVisibility.INVITE, "tea");
    Group archived = group("Tea archived", GroupVisibility.PUBLIC, "tea");
    c.groups.archive(owner, archived.id());
    UserId staff = c.hire(c.user("staff"), Community.TEA_SHOP);
    c.groups.createStation(staff, Community.TEA_SHOP, GroupDraft.of("Tea station", "tea-station").withCategory("tea"));
    assertEquals(List.of("Tea asked", "Tea open", "Tea station"), discover(GroupSearch.all()));
    assertEquals(List.of("Tea asked", "Tea open", "Tea station"), discover(GroupSearch.inCategory("tea")));
    assertEquals(List.of("Tea asked", "Tea open", "Tea station"), discover(GroupSearch.namePrefix("tea")));
  }

  @Test
  void pagesThroughEveryGroupOnceWhileNamesRepeat() {
    List<Group> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(group(i % 2 == 0 ? "Same name" : "Name " + i));
    }
    List<Group> seen = all(request -> c.groups.discover(GroupSearch.all(), request));
    assertEquals(7, seen.size());
    assertEquals(7, seen.stream().map(Group::id).distinct().count());
    List<Group> expected = new ArrayList<>(created);
    expected.sort(java.util.Comparator.comparing((Group g) -> g.nameKey()).thenComparing(Group::id));
    assertEquals(expected.stream().map(Group::id).toList(), seen.stream().map(Group::id).toList());
  }

  @Test
  void refusesUnknownCategoriesAndLabelsAndForeignCursors() {
    group("Tea house", GroupVisibility.PUBLIC, "tea");
    group("Tea garden", GroupVisibility.PUBLIC, "tea");
    c.rejects("category", () -> c.groups.discover(GroupSearch.inCategory("wine"), PageRequest.first()));
    c.rejects("label", () -> c.groups.discover(GroupSearch.labelled("goth"), PageRequest.first()));
    Page<Group> teaPage = c.groups.discover(GroupSearch.inCategory("tea"), PageRequest.first(1));
    c.rejects("cursor", () -> c.groups.discover(GroupSearch.all(), PageRequest.first(1).next(teaPage)));
    c.rejects("cursor", () -> c.groups.discover(GroupSearch.namePrefix("tea"), PageRequest.first(1).next(teaPage)));
    group("null island");
    group("null and void");
    Page<Group> nullPage = c.groups.discover(GroupSearch.namePrefix("null"), PageRequest.first(1));
    c.rejects("cursor", () -> c.groups.discover(GroupSearch.all(), PageRequest.first(1).next(nullPage)));
  }

  // ---- trending ----

  private void activity(Group group, int joins) {
    for (int i = 0; i < joins; i++) {
      c.groups.join(c.user("fan-" + group.slug() + "-" + i + "-" + c.clock.millis()), group.id());
    }
  }

  private List<String> trending(Duration window) {
    return all(request -> c.groups.trending(window, request)).stream()
        .map(t -> t.group().name() + "=" + t.activity()).toList();
  }

  @Test
  void trending_countsJoinsPostsCommentsAndLikesInTheWindow() {
    Group early = group("Early");
    Group late = group("Late");
    activity(early, 5);
    c.clock.advance(Duration.ofHours(3));
    UserId fan = c.user("fan");
    c.groups.join(fan, late.id());
    Post post = c.post(fan, late, "Steeping");
    c.posts.comment(fan, post.id(), "Steeped");
    c.posts.like(fan, ReactionTarget.post(post.id()));
    c.posts.unlike(fan, ReactionTarget.post(post.id()));
    assertEquals(List.of("Late=4"), trending(Duration.ofHours(1)));
    assertEquals(List.of("Early=5", "Late=4"), trending(Duration.ofHours(4)));
    c.clock.advance(Duration.ofDays(2));
    assertEquals(List.of(), trending(Duration.ofHours(24)));
    assertEquals(List.of("Early=5", "Late=4"), trending(Duration.ofDays(3)));
  }

  @Test
  void trending_cursorKeepsItsWindowAcrossTheHour() {
    Group first = group("First");
    Group second = group("Second");
    activity(first, 2);
    activity(second, 1);
    Page<TrendingGroup> page = c.groups.trending(Duration.ofHours(1), PageRequest.first(1));
    assertEquals("First", page.items().get(0).group().name());
    c.clock.advance(Duration.ofHours(1));
    Page<TrendingGroup> next = c.groups.trending(Duration.ofHours(1), PageRequest.first(1).next(page));
    assertEquals(List.of("Second=1"), next.items().stream().map(t -> t.group().name() + "=" + t.activity()).toList(),
        "the second page counts the window the first page was counted in");
    c.rejects("cursor", () -> c.groups.trending(Duration.ofHours(2), PageRequest.first(1).next(page)));
  }

  @Test
  void trending_windowCountsWholeHours() {
    Group before = group("Before");
    Group inside = group("Inside");
    c.clock.set(Instant.parse("2026-11-22T10:59:59.999Z"));
    activity(before, 1);
    c.clock.set(Instant.parse("2026-11-22T11:00:00Z"));
    activity(inside, 1);
    c.clock.set(Instant.parse("2026-11-22T12:30:00Z"));
    assertEquals(List.of("Inside=1"), trending(Duration.ofHours(1)), "an hour before 12:30 falls in the hour from 11:00, which counts whole");
    c.clock.set(Instant.parse("2026-11-22T12:00:00Z"));
    assertEquals(List.of("Inside=1"), trending(Duration.ofHours(1)));
  }

  @Test
  void trending_ordersByActivityThenPagesWithoutRepeats() {
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Group group = group("Group " + i);
      activity(group, i == 4 ? 2 : 5 - i);
      groups.add(group);
    }
    List<TrendingGroup> seen = all(request -> c.groups.trending(Duration.ofHours(1), request));
    assertEquals(List.of(5L, 4L, 3L, 2L, 2L), seen.stream().map(TrendingGroup::activity).toList());
    List<GroupId> tied = seen.subList(3, 5).stream().map(t -> t.group().id()).toList();
    assertEquals(tied.stream().sorted().toList(), tied, "ties in group id order");
    assertEquals(5, seen.stream().map(t -> t.group().id()).distinct().count());
    assertEquals(c.reload(groups.get(0)), seen.get(0).group());
  }

  @Test
  void trending_leavesOutInvitationOnlyAndArchivedGroups() {
    Group open = group("Open");
    Group secret = group("Secret", GroupVisibility.INVITE, null);
    Group archived = group("Archived");
    UserId fan = c.user("fan");
    c.groups.join(fan, open.id());
    c.groups.join(fan, archived.id());
    c.groups.joinWithInvitation(fan, c.groups.invite(owner, secret.id(), Duration.ofDays(1), 1).token());
    c.groups.archive(owner, archived.id());
    assertEquals(List.of("Open=1"), trending(Duration.ofHours(1)));
  }

  @Test
  void trending_refusesWindowsOutOfRangeAndForeignCursors() {
    for (int i = 0; i < 3; i++) {
      activity(group("Group " + i), 1);
    }
    c.rejects("window", () -> c.groups.trending(Duration.ofMinutes(59), PageRequest.first()));
    c.rejects("window", () -> c.groups.trending(Duration.ZERO, PageRequest.first()));
    c.rejects("window", () -> c.groups.trending(Duration.ofHours(-1), PageRequest.first()));
    c.rejects("window", () -> c.groups.trending(Groups.MAX_TRENDING_WINDOW.plusMillis(1), PageRequest.first()));
    c.rejects("window", () -> c.groups.trending(Duration.ofSeconds(Long.MAX_VALUE), PageRequest.first()));
    assertEquals(3, c.groups.trending(Groups.MAX_TRENDING_WINDOW, PageRequest.first()).items().size());
    Page<TrendingGroup> hour = c.groups.trending(Duration.ofHours(1), PageRequest.first(1));
    assertTrue(hour.hasNext());
    c.rejects("cursor", () -> c.groups.trending(Duration.ofHours(2), PageRequest.first(1).next(hour)));
    Page<Group> discovered = c.groups.discover(GroupSearch.all(), PageRequest.first(1));
    c.rejects("cursor", () -> c.groups.trending(Duration.ofHours(1), PageRequest.first(1).next(discovered)));
  }
}
