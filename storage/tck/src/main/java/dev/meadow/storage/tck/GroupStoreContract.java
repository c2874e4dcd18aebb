package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupState;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Invitation;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.spi.GroupActivity;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.core.spi.GroupStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.GroupStore}. */
public abstract class GroupStoreContract extends StorageContract {
  /** The start of a whole UTC hour, for activity tallies. */
  private static final Instant HOUR = T0.truncatedTo(ChronoUnit.HOURS);

  private Group stored(Group group) {
    assertTrue(is(tx -> tx.groups().insertGroup(group)), "inserted " + group.slug());
    return group;
  }

  private Group stored(String slug) {
    return stored(group(slug));
  }

  private Group find(GroupId id) {
    return tx(tx -> tx.groups().findGroup(id)).orElseThrow();
  }

  private void store(Consumer<GroupStore> work) {
    tx(tx -> {
      work.accept(tx.groups());
      return null;
    });
  }

  private Membership findMembership(GroupId group, String user) {
    return tx(tx -> tx.groups().findMembership(group, new UserId(user))).orElseThrow();
  }

  private List<Membership> members(GroupId group, MemberStatus status, @Nullable Membership after, int limit) {
    return tx(tx -> tx.groups().listMembers(group, status, after == null ? null : after.since(),
        after == null ? null : after.userId(), limit));
  }

  private List<Membership> memberships(String user, MemberStatus status, @Nullable Membership after, int limit) {
    return tx(tx -> tx.groups().listMemberships(new UserId(user), status, after == null ? null : after.since(),
        after == null ? null : after.groupId(), limit));
  }

  private List<Group> discover(GroupFilter filter, @Nullable Group after, int limit) {
    return tx(tx -> tx.groups().listGroups(filter, after == null ? null : after.nameKey(),
        after == null ? null : after.id(), limit));
  }

  private List<String> discoveredSlugs(GroupFilter filter) {
    List<Group> groups = pageThrough(2, (Group after, int limit) -> discover(filter, after, limit));
    return groups.stream().map(Group::slug).toList();
  }

  private List<GroupActivity> mostActive(Instant since, @Nullable GroupActivity after, int limit) {
    return tx(tx -> tx.groups().listMostActive(since, after, limit));
  }

  private Invitation findInvitation(InvitationId id) {
    return tx(tx -> tx.groups().findInvitation(id)).orElseThrow();
  }

  private static Group named(Group group, String name) {
    return with(group, name, group.visibility(), group.state());
  }

  // Groups

  @Test
  @DisplayName("A group round-trips exactly, every field, found by id and by slug")
  void groupRoundTrip() {
    Group group = new Group(newGroupId(), "Tea lovers 🍵 — 茶会", "tea-lovers", AWKWARD_TEXT,
        "Be kind.\nNo spam — 不要广告 🙅", "drinks", List.of("minimal", "oolong", "vintage"),
        GroupVisibility.REQUEST,
        true, null, GroupState.ACTIVE, new UserId("owner'\"1"), 42, 7, Instant.parse("2026-01-02T03:04:05.678Z"),
        Instant.parse("2026-02-03T04:05:06.789Z"), 3);
    stored(group);
    assertEquals(group, find(group.id()));
    assertEquals(group, tx(tx -> tx.groups().findGroupBySlug("tea-lovers")).orElseThrow());
  }

  @Test
  @DisplayName("A group's optional fields round-trip as null, and no labels as an empty list")
  void groupOptionalFields() {
    Group group = new Group(newGroupId(), "Plain", "plain", null, null, null, List.of(), GroupVisibility.INVITE,
        false, null, GroupState.ARCHIVED, new UserId("o"), 0, 0, T0, T0, 1);
    stored(group);
    assertEquals(group, find(group.id()));
  }

  @Test
  @DisplayName("Unknown ids, slugs and stores find nothing")
  void unknownGroups() {
    stored("known");
    assertTrue(tx(tx -> tx.groups().findGroup(newGroupId())).isEmpty());
    assertTrue(tx(tx -> tx.groups().findGroupBySlug("no-such-group")).isEmpty());
    assertTrue(tx(tx -> tx.groups().findStation(new StoreId("no-such-store"))).isEmpty());
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
  @DisplayName("A second group with a taken id is refused, and its slug stays free")
  void groupIdIsUnique() {
    Group first = stored("first");
    Group copy = new Group(first.id(), "Copy", "copy", null, null, null, List.of(), GroupVisibility.PUBLIC, false,
        null, GroupState.ACTIVE, new UserId("other"), 0, 0, T0, T0, 1);
    assertFalse(is(tx -> tx.groups().insertGroup(copy)));
    assertEquals(first, find(first.id()));
    assertTrue(tx(tx -> tx.groups().findGroupBySlug("copy")).isEmpty());
  }

  @Test
  @DisplayName("Racing inserts of one slug on 8 threads: exactly one wins")
  void racingSlugInserts() throws Exception {
    List<Group> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(group("contested"));
    }
    List<Boolean> won = race(8, thread -> is(tx -> tx.groups().insertGroup(candidates.get(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    Group winner = candidates.get(won.indexOf(true));
    assertEquals(winner, tx(tx -> tx.groups().findGroupBySlug("contested")).orElseThrow());
  }

  @Test
  @DisplayName("A store has one station, found by the store; any number of interest groups have none")
  void oneStationPerStore() {
    StoreId store = new StoreId("store-7 🏪");
    Group station = stored(station("station-7", store));
    assertEquals(station, tx(tx -> tx.groups().findStation(store)).orElseThrow());
    Group second = station("station-7-again", store);
    assertFalse(is(tx -> tx.groups().insertGroup(second)), "a second station of the store is refused");
    assertTrue(tx(tx -> tx.groups().findGroupBySlug("station-7-again")).isEmpty());
    assertTrue(is(tx -> tx.groups().insertGroup(station("station-8", new StoreId("store-8")))));
    stored("interest-1");
    stored("interest-2");
    assertEquals(station, tx(tx -> tx.groups().findStation(store)).orElseThrow());
  }

  @Test
  @DisplayName("Racing inserts of one store's station on 8 threads: exactly one wins")
  void racingStationInserts() throws Exception {
    StoreId store = new StoreId("contested-store");
    List<Group> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(station("station-" + i, store));
    }
    List<Boolean> won = race(8, thread -> is(tx -> tx.groups().insertGroup(candidates.get(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(candidates.get(won.indexOf(true)), tx(tx -> tx.groups().findStation(store)).orElseThrow());
  }

  private Group station(String slug, StoreId store) {
    Group group = group(slug);
    return new Group(group.id(), "Station " + store.value(), slug, null, null, null, List.of(),
        GroupVisibility.PUBLIC, false, store, GroupState.ACTIVE, new UserId("staff-" + slug), 1, 0, T0, T0, 1);
  }

  @Test
  @DisplayName("updateGroup replaces every setting at the next version, and keeps id, slug, store, counts and creation time")
  void updateGroupReplacesSettings() {
    StoreId store = new StoreId("store-1");
    Group original = new Group(newGroupId(), "Original", "original", "before", "rules", "drinks",
        List.of("minimal"), GroupVisibility.PUBLIC, false, store, GroupState.ACTIVE, new UserId("first-owner"), 5, 3,
        T0, T0, 1);
    stored(original);
    Instant later = T0.plus(Duration.ofDays(2));
    Group next = new Group(original.id(), "Renamed 茶 🍵", "another-slug", null, "New rules\n1. Be kind", null,
        List.of("oolong", "vintage"), GroupVisibility.INVITE, true, new StoreId("another-store"), GroupState.ARCHIVED,
        new UserId("new-owner"), 999, 999, T0.minusSeconds(60), later, 2);
    assertTrue(is(tx -> tx.groups().updateGroup(next)));
    Group expected = new Group(original.id(), "Renamed 茶 🍵", "original", null, "New rules\n1. Be kind", null,
        List.of("oolong", "vintage"), GroupVisibility.INVITE, true, store, GroupState.ARCHIVED,
        new UserId("new-owner"), 5, 3, T0, later, 2);
    assertEquals(expected, find(original.id()));
    assertEquals(expected, tx(tx -> tx.groups().findGroupBySlug("original")).orElseThrow(), "the slug never changes");
    assertTrue(tx(tx -> tx.groups().findGroupBySlug("another-slug")).isEmpty());
    assertEquals(expected, tx(tx -> tx.groups().findStation(store)).orElseThrow(), "the store never changes");
    assertTrue(tx(tx -> tx.groups().findStation(new StoreId("another-store"))).isEmpty());
  }

  @Test
  @DisplayName("updateGroup with a stale or skipped version, or of an unknown group, changes nothing")
  void updateGroupNeedsNextVersion() {
    Group group = stored("versioned");
    Group renamed = named(group, "Renamed");
    Group sameVersion = new Group(group.id(), "Stale", group.slug(), null, null, null, List.of(),
        GroupVisibility.PUBLIC, false, null, GroupState.ACTIVE, group.owner(), 0, 0, T0, T0, 1);
    assertFalse(is(tx -> tx.groups().updateGroup(sameVersion)), "version 1 again");
    assertFalse(is(tx -> tx.groups().updateGroup(nextVersion(nextVersion(group, renamed), renamed))), "version 3");
    assertEquals(group, find(group.id()));
    Group unknown = group("unknown");
    assertFalse(is(tx -> tx.groups().updateGroup(nextVersion(unknown, unknown))));
    assertTrue(tx(tx -> tx.groups().findGroup(unknown.id())).isEmpty(), "an update never inserts");
    Group second = nextVersion(group, renamed);
    assertTrue(is(tx -> tx.groups().updateGroup(second)));
    assertFalse(is(tx -> tx.groups().updateGroup(second)), "the same version twice");
    assertTrue(is(tx -> tx.groups().updateGroup(nextVersion(second, named(second, "Third")))));
    assertEquals("Third", find(group.id()).name());
  }

  @Test
  @DisplayName("Racing updates of one version on 8 threads: exactly one wins, and its settings are stored")
  void racingGroupUpdates() throws Exception {
    Group group = stored("contested-settings");
    List<Boolean> won = race(8, thread ->
        is(tx -> tx.groups().updateGroup(nextVersion(group, named(group, "Name " + thread)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    Group stored = find(group.id());
    assertEquals("Name " + won.indexOf(true), stored.name());
    assertEquals(2, stored.version());
  }

  @Test
  @DisplayName("Count adjustments add up, negative ones too, change nothing else, and report false for an unknown group")
  void adjustGroupCounts() {
    Group group = stored("counted");
    assertTrue(is(tx -> tx.groups().adjustGroupCounts(group.id(), 3, 5)));
    assertTrue(is(tx -> tx.groups().adjustGroupCounts(group.id(), -1, 0)));
    assertTrue(is(tx -> tx.groups().adjustGroupCounts(group.id(), 0, -2)));
    Group expected = new Group(group.id(), group.name(), group.slug(), group.description(), group.rules(),
        group.category(), group.labels(), group.visibility(), group.postApproval(), group.store(), group.state(),
        group.owner(), 2, 3, group.createdAt(), group.updatedAt(), group.version());
    assertEquals(expected, find(group.id()));
    assertFalse(is(tx -> tx.groups().adjustGroupCounts(newGroupId(), 1, 1)));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent count adjustments: each count equals the sum of its deltas")
  void concurrentGroupCountAdjustments() throws Exception {
    Group group = stored("hot");
    race(8, thread -> {
      for (int i = 0; i < 50; i++) {
        assertTrue(is(tx -> tx.groups().adjustGroupCounts(group.id(), 1, thread % 2 == 0 ? 2 : -1)));
      }
      return null;
    });
    Group counted = find(group.id());
    assertEquals(400, counted.memberCount());
    assertEquals(4 * 50 * 2 - 4 * 50, counted.postCount());
  }

  // Discovery

  @Test
  @DisplayName("Discovery lists active public and by-request groups by name key, then id; archived and invite-only groups never")
  void discoveryOrder() {
    Group banana = stored(named(group("banana"), "banana"));
    Group apple = stored(named(group("apple"), "Apple"));
    Group cherry = stored(with(group("cherry"), "Cherry", GroupVisibility.REQUEST, GroupState.ACTIVE));
    Group teaOne = stored(named(group("tea-one"), "Tea"));
    Group teaTwo = stored(named(group("tea-two"), "TEA"));
    stored(with(group("archived"), "Archived", GroupVisibility.PUBLIC, GroupState.ARCHIVED));
    stored(with(group("secret"), "Also secret", GroupVisibility.INVITE, GroupState.ACTIVE));
    stored(with(group("old-secret"), "Old secret", GroupVisibility.INVITE, GroupState.ARCHIVED));
    assertEquals(List.of(apple, banana, cherry, teaOne, teaTwo), discover(GroupFilter.all(), null, 10),
        "name keys ignore case; the same name key is ordered by id");
    assertEquals(List.of(apple, banana), discover(GroupFilter.all(), null, 2));
    assertEquals(List.of(teaTwo), discover(GroupFilter.all(), teaOne, 10), "a tie on the name key resumes by id");
  }

  @Test
  @DisplayName("Discovery pages through every listed group exactly once, ties on the name key broken by id")
  void discoveryPaging() {
    List<Group> expected = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      // Names repeat, in different cases, so many groups share a name key.
      String name = (i % 2 == 0 ? "Group " : "GROUP ") + (char) ('a' + (i * 5) % 6);
      expected.add(stored(named(group("paged-" + i), name)));
    }
    stored(with(group("hidden"), "Group a", GroupVisibility.INVITE, GroupState.ACTIVE));
    expected.sort(Comparator.comparing((Group g) -> g.nameKey()).thenComparing(Group::id));
    List<Group> listed = pageThrough(3, (after, limit) -> discover(GroupFilter.all(), after, limit));
    assertEquals(expected, listed);
  }

  @Test
  @DisplayName("Discovery by categories keeps groups in any of them; an empty set of categories matches nothing")
  void discoveryByCategory() {
    stored(tagged(group("tea"), "drinks", List.of()));
    stored(tagged(group("cups"), "kitchen", List.of()));
    stored(tagged(group("shoes"), "fashion", List.of()));
    stored(tagged(group("misc"), null, List.of()));
    assertEquals(List.of("cups", "tea"), discoveredSlugs(new GroupFilter(Set.of("drinks", "kitchen"), null, null)));
    assertEquals(List.of("shoes"), discoveredSlugs(new GroupFilter(Set.of("fashion", "unused"), null, null)));
    assertEquals(List.of(), discoveredSlugs(new GroupFilter(Set.of(), null, null)));
    assertEquals(4, discoveredSlugs(GroupFilter.all()).size(), "no category condition: every listed group");
  }

  @Test
  @DisplayName("Discovery by label keeps groups carrying that label")
  void discoveryByLabel() {
    stored(tagged(group("minimal-tea"), null, List.of("minimal", "oolong")));
    stored(tagged(group("vintage-tea"), null, List.of("oolong", "vintage")));
    stored(tagged(group("plain"), null, List.of()));
    assertEquals(List.of("minimal-tea", "vintage-tea"), discoveredSlugs(new GroupFilter(null, "oolong", null)));
    assertEquals(List.of("vintage-tea"), discoveredSlugs(new GroupFilter(null, "vintage", null)));
    assertEquals(List.of(), discoveredSlugs(new GroupFilter(null, "oolon", null)), "labels match whole");
  }

  @Test
  @DisplayName("Discovery by name prefix matches the start of the name key, the caller lower-casing the prefix")
  void discoveryByNamePrefix() {
    stored(named(group("tea-lovers"), "Tea Lovers"));
    stored(named(group("tea-time"), "tea time"));
    stored(named(group("teapots"), "TEAPOTS"));
    stored(named(group("steam"), "Steam"));
    stored(named(group("te"), "Te"));
    stored(named(group("eclair"), "Éclair club"));
    stored(named(group("cha"), "茶会 🍵"));
    assertEquals(List.of("tea-lovers", "tea-time", "teapots"),
        discoveredSlugs(new GroupFilter(null, null, Group.nameKey("TEA"))));
    assertEquals(List.of("te", "tea-lovers", "tea-time", "teapots"),
        discoveredSlugs(new GroupFilter(null, null, "te")));
    assertEquals(List.of("eclair"), discoveredSlugs(new GroupFilter(null, null, Group.nameKey("ÉCL"))));
    assertEquals(List.of("cha"), discoveredSlugs(new GroupFilter(null, null, "茶")));
    assertEquals(List.of(), discoveredSlugs(new GroupFilter(null, null, "tea lovers!")));
    assertEquals(7, discoveredSlugs(new GroupFilter(null, null, "")).size(), "an empty prefix matches every name");
  }

  @Test
  @DisplayName("Discovery takes %, _ and \\ in a name prefix literally")
  void discoveryPrefixIsLiteral() {
    stored(named(group("percent"), "100% Cotton"));
    stored(named(group("no-percent"), "100 Cotton"));
    stored(named(group("digits"), "1000 threads"));
    stored(named(group("underscore"), "a_b club"));
    stored(named(group("letter"), "axb club"));
    stored(named(group("backslash"), "c\\d fans"));
    stored(named(group("no-backslash"), "cd fans"));
    assertEquals(List.of("percent"), discoveredSlugs(new GroupFilter(null, null, "100%")));
    assertEquals(List.of("underscore"), discoveredSlugs(new GroupFilter(null, null, "a_")));
    assertEquals(List.of("backslash"), discoveredSlugs(new GroupFilter(null, null, "c\\")));
    assertEquals(List.of(), discoveredSlugs(new GroupFilter(null, null, "%")));
    assertEquals(List.of(), discoveredSlugs(new GroupFilter(null, null, "_")));
  }

  @Test
  @DisplayName("Discovery keeps only groups matching every condition given, and pages within them")
  void discoveryCombinesConditions() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String slug = "match-" + i;
      stored(tagged(named(group(slug), "Tea " + (char) ('g' - i)), "drinks", List.of("oolong", "vintage")));
      expected.add(0, slug);
    }
    stored(tagged(named(group("wrong-category"), "Tea a"), "kitchen", List.of("oolong")));
    stored(tagged(named(group("wrong-label"), "Tea b"), "drinks", List.of("vintage")));
    stored(tagged(named(group("wrong-name"), "Coffee"), "drinks", List.of("oolong")));
    stored(tagged(with(group("archived"), "Tea c", GroupVisibility.PUBLIC, GroupState.ARCHIVED), "drinks",
        List.of("oolong")));
    stored(tagged(with(group("secret"), "Tea d", GroupVisibility.INVITE, GroupState.ACTIVE), "drinks",
        List.of("oolong")));
    assertEquals(expected, discoveredSlugs(new GroupFilter(Set.of("drinks"), "oolong", "tea")));
  }

  @Test
  @DisplayName("Discovery follows settings changes: archived or invite-only groups leave it, renamed groups move")
  void discoveryFollowsUpdates() {
    Group alpha = stored(named(group("alpha"), "Alpha"));
    Group beta = stored(named(group("beta"), "Beta"));
    Group gamma = stored(named(group("gamma"), "Gamma"));
    assertTrue(is(tx -> tx.groups().updateGroup(nextVersion(alpha, named(alpha, "Zulu")))));
    assertTrue(is(tx -> tx.groups().updateGroup(
        nextVersion(beta, with(beta, "Beta", GroupVisibility.PUBLIC, GroupState.ARCHIVED)))));
    assertTrue(is(tx -> tx.groups().updateGroup(
        nextVersion(gamma, with(gamma, "Gamma", GroupVisibility.INVITE, GroupState.ACTIVE)))));
    assertEquals(List.of("alpha"), discoveredSlugs(GroupFilter.all()));
    assertEquals(List.of("alpha"), discoveredSlugs(new GroupFilter(null, null, "zu")));
    assertEquals(List.of(), discoveredSlugs(new GroupFilter(null, null, "al")));
    Group archivedBeta = find(beta.id());
    assertTrue(is(tx -> tx.groups().updateGroup(nextVersion(archivedBeta,
        with(archivedBeta, "Beta", GroupVisibility.REQUEST, GroupState.ACTIVE)))));
    assertEquals(List.of("beta", "alpha"), discoveredSlugs(GroupFilter.all()));
  }

  // Memberships

  @Test
  @DisplayName("A membership round-trips exactly, every field, with or without note and moderator")
  void membershipRoundTrip() {
    Group group = stored("members");
    Membership banned = new Membership(group.id(), new UserId("spammer 😈"), GroupRole.MEMBER, MemberStatus.BANNED,
        Instant.parse("2026-02-03T04:05:06.789Z"), AWKWARD_TEXT, new UserId("moderator-1"));
    Membership pending = new Membership(group.id(), new UserId("hopeful"), GroupRole.MEMBER, MemberStatus.PENDING, T0,
        "请让我加入 🙏", null);
    Membership owner = Membership.active(group.id(), new UserId("owner"), GroupRole.OWNER, T0);
    Membership moderator = new Membership(group.id(), new UserId("mod"), GroupRole.MODERATOR, MemberStatus.ACTIVE,
        T0.plusMillis(1), null, new UserId("owner"));
    for (Membership m : List.of(banned, pending, owner, moderator)) {
      assertTrue(is(tx -> tx.groups().insertMembership(m)));
      assertEquals(m, findMembership(group.id(), m.userId().value()));
    }
    assertTrue(tx(tx -> tx.groups().findMembership(group.id(), new UserId("stranger"))).isEmpty());
    assertTrue(tx(tx -> tx.groups().findMembership(newGroupId(), new UserId("owner"))).isEmpty());
  }

  @Test
  @DisplayName("A user has one membership of a group whatever its status: a second is refused and the first kept")
  void membershipIsUnique() {
    Group group = stored("unique-members");
    Membership banned = membership(group.id(), "alice", MemberStatus.BANNED, T0);
    assertTrue(is(tx -> tx.groups().insertMembership(banned)));
    for (MemberStatus status : MemberStatus.values()) {
      assertFalse(is(tx -> tx.groups().insertMembership(membership(group.id(), "alice", status, T0.plusSeconds(5)))));
    }
    assertEquals(banned, findMembership(group.id(), "alice"));
    Group other = stored("other-group");
    assertTrue(is(tx -> tx.groups().insertMembership(member(other.id(), "alice", T0))), "other groups are separate");
  }

  @Test
  @DisplayName("Racing joins of one user on 8 threads: exactly one membership is inserted")
  void racingMembershipInserts() throws Exception {
    Group group = stored("racing");
    List<Boolean> inserted = race(8, thread ->
        is(tx -> tx.groups().insertMembership(member(group.id(), "same-user", T0.plusMillis(thread)))));
    assertEquals(1, inserted.stream().filter(b -> b).count());
    assertEquals(List.of(member(group.id(), "same-user", T0.plusMillis(inserted.indexOf(true)))),
        members(group.id(), MemberStatus.ACTIVE, null, 10));
  }

  @Test
  @DisplayName("updateMembership replaces the whole membership while its status and role still match")
  void updateMembershipReplaces() {
    Group group = stored("approvals");
    Membership pending = new Membership(group.id(), new UserId("ann"), GroupRole.MEMBER, MemberStatus.PENDING, T0,
        "Hello!", null);
    store(s -> s.insertMembership(pending));
    Membership approved = new Membership(group.id(), new UserId("ann"), GroupRole.MEMBER, MemberStatus.ACTIVE,
        T0.plusSeconds(60), null, new UserId("mod"));
    assertTrue(is(tx -> tx.groups().updateMembership(pending, approved)));
    assertEquals(approved, findMembership(group.id(), "ann"));
    Membership promoted = new Membership(group.id(), new UserId("ann"), GroupRole.MODERATOR, MemberStatus.ACTIVE,
        T0.plusSeconds(60), "promoted 🎉", new UserId("owner"));
    // Only status and role are compared: the other fields of `current` may be out of date.
    Membership staleButSameStatusAndRole = membership(group.id(), "ann", MemberStatus.ACTIVE, T0);
    assertTrue(is(tx -> tx.groups().updateMembership(staleButSameStatusAndRole, promoted)));
    assertEquals(promoted, findMembership(group.id(), "ann"));
  }

  @Test
  @DisplayName("updateMembership changes nothing when the stored status or role differ, or there is no membership")
  void updateMembershipComparesStatusAndRole() {
    Group group = stored("compare");
    Membership active = member(group.id(), "bob", T0);
    store(s -> s.insertMembership(active));
    Membership banned = new Membership(group.id(), new UserId("bob"), GroupRole.MEMBER, MemberStatus.BANNED,
        T0.plusSeconds(1), "spam", new UserId("mod"));
    Membership wrongStatus = membership(group.id(), "bob", MemberStatus.PENDING, T0);
    Membership wrongRole = Membership.active(group.id(), new UserId("bob"), GroupRole.MODERATOR, T0);
    assertFalse(is(tx -> tx.groups().updateMembership(wrongStatus, banned)));
    assertFalse(is(tx -> tx.groups().updateMembership(wrongRole, banned)));
    assertEquals(active, findMembership(group.id(), "bob"));
    Membership nobody = member(group.id(), "nobody", T0);
    assertFalse(is(tx -> tx.groups().updateMembership(nobody, member(group.id(), "nobody", T0.plusSeconds(1)))));
    assertTrue(tx(tx -> tx.groups().findMembership(group.id(), new UserId("nobody"))).isEmpty(),
        "an update never inserts");
  }

  @Test
  @DisplayName("updateMembership refuses a replacement for another user or group with IllegalArgumentException")
  void updateMembershipKeepsIdentity() {
    Group group = stored("identity");
    Group other = stored("identity-other");
    Membership active = member(group.id(), "carl", T0);
    store(s -> s.insertMembership(active));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().updateMembership(active, member(group.id(), "dora", T0))));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().updateMembership(active, member(other.id(), "carl", T0))));
    assertEquals(active, findMembership(group.id(), "carl"));
  }

  @Test
  @DisplayName("Racing approvals of one join request on 8 threads: exactly one wins, and its membership is stored")
  void racingStatusChanges() throws Exception {
    Group group = stored("racing-approvals");
    Membership pending = membership(group.id(), "waiting", MemberStatus.PENDING, T0);
    store(s -> s.insertMembership(pending));
    List<Boolean> won = race(8, thread -> is(tx -> tx.groups().updateMembership(pending,
        new Membership(group.id(), new UserId("waiting"), GroupRole.MEMBER, MemberStatus.ACTIVE, T0.plusSeconds(1),
            null, new UserId("mod-" + thread)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(new UserId("mod-" + won.indexOf(true)), findMembership(group.id(), "waiting").by());
  }

  @Test
  @DisplayName("Racing role changes of one member on 8 threads: exactly one wins")
  void racingRoleChanges() throws Exception {
    Group group = stored("racing-roles");
    Membership member = member(group.id(), "rising", T0);
    store(s -> s.insertMembership(member));
    List<Boolean> won = race(8, thread -> is(tx -> tx.groups().updateMembership(member,
        new Membership(group.id(), new UserId("rising"), thread % 2 == 0 ? GroupRole.MODERATOR : GroupRole.OWNER,
            MemberStatus.ACTIVE, T0, "by thread " + thread, null))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals("by thread " + won.indexOf(true), findMembership(group.id(), "rising").note());
  }

  @Test
  @DisplayName("deleteMembership deletes only a membership of the given status, and the user may then join again")
  void deleteMembership() {
    Group group = stored("leaving");
    store(s -> s.insertMembership(member(group.id(), "bob", T0)));
    assertFalse(is(tx -> tx.groups().deleteMembership(group.id(), new UserId("bob"), MemberStatus.BANNED)));
    assertFalse(is(tx -> tx.groups().deleteMembership(group.id(), new UserId("bob"), MemberStatus.PENDING)));
    assertTrue(tx(tx -> tx.groups().findMembership(group.id(), new UserId("bob"))).isPresent());
    assertTrue(is(tx -> tx.groups().deleteMembership(group.id(), new UserId("bob"), MemberStatus.ACTIVE)));
    assertFalse(is(tx -> tx.groups().deleteMembership(group.id(), new UserId("bob"), MemberStatus.ACTIVE)));
    assertTrue(tx(tx -> tx.groups().findMembership(group.id(), new UserId("bob"))).isEmpty());
    assertTrue(members(group.id(), MemberStatus.ACTIVE, null, 10).isEmpty());
    assertTrue(is(tx -> tx.groups().insertMembership(member(group.id(), "bob", T0.plusSeconds(1)))), "may join again");
  }

  @Test
  @DisplayName("A group's members are listed per status, by since then user id, only its own")
  void memberOrder() {
    Group group = stored("ordered");
    Group other = stored("other");
    List<Membership> active = List.of(
        member(group.id(), "zoe", T0),
        member(group.id(), "adam", T0.plusMillis(1)),
        member(group.id(), "bea", T0.plusMillis(1)),
        member(group.id(), "carl", T0.plusSeconds(60)));
    List<Membership> banned = List.of(
        membership(group.id(), "troll", MemberStatus.BANNED, T0.minusSeconds(5)),
        membership(group.id(), "spammer", MemberStatus.BANNED, T0));
    store(s -> {
      for (int i = active.size() - 1; i >= 0; i--) {
        s.insertMembership(active.get(i));
      }
      banned.forEach(s::insertMembership);
      s.insertMembership(member(other.id(), "outsider", T0));
    });
    assertEquals(active, members(group.id(), MemberStatus.ACTIVE, null, 10));
    assertEquals(active.subList(0, 2), members(group.id(), MemberStatus.ACTIVE, null, 2));
    assertEquals(active.subList(2, 4), members(group.id(), MemberStatus.ACTIVE, active.get(1), 10));
    assertEquals(banned, members(group.id(), MemberStatus.BANNED, null, 10));
    assertTrue(members(group.id(), MemberStatus.PENDING, null, 10).isEmpty());
  }

  @Test
  @DisplayName("Members page through keyset positions exactly once each, even when members join between pages")
  void memberPagingIsStable() {
    Group group = stored("paged");
    List<Membership> original = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Several members share a millisecond, so the user id must break ties.
      original.add(member(group.id(), String.format("user-%02d", (i * 7) % 23), T0.plusMillis(i / 3)));
    }
    store(s -> original.forEach(s::insertMembership));
    List<Membership> seen = new ArrayList<>();
    Membership after = null;
    int pages = 0;
    while (true) {
      List<Membership> page = members(group.id(), MemberStatus.ACTIVE, after, 5);
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      after = page.get(page.size() - 1);
      int n = ++pages;
      if (n <= 3) {
        // A newcomer joins later than everyone; another row sorts before the cursor: neither disturbs paging.
        store(s -> s.insertMembership(member(group.id(), "late-" + n, T0.plusSeconds(3600 + n))));
        store(s -> s.insertMembership(member(group.id(), "early-" + n, T0.minusSeconds(n))));
      }
    }
    List<Membership> sorted = new ArrayList<>(original);
    sorted.sort(Comparator.comparing(Membership::since).thenComparing(m -> m.userId().value()));
    assertEquals(sorted, seen.subList(0, original.size()));
    List<Membership> tail = seen.subList(original.size(), seen.size());
    assertEquals(List.of("late-1", "late-2", "late-3"), tail.stream().map(m -> m.userId().value()).toList(),
        "later joiners follow, once each, and earlier ones never appear behind the cursor");
    assertNoRepeats(seen);
  }

  @Test
  @DisplayName("A user's memberships are listed per status by since, ties broken by group id, in stable pages")
  void membershipsOfUser() {
    List<Membership> expected = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      Group group = stored("joined-" + i);
      expected.add(member(group.id(), "joiner", T0.plusMillis(i / 4)));
    }
    Group pendingGroup = stored("asked");
    Membership pending = membership(pendingGroup.id(), "joiner", MemberStatus.PENDING, T0);
    store(s -> {
      for (int i = expected.size() - 1; i >= 0; i--) {
        s.insertMembership(expected.get(i));
      }
      s.insertMembership(pending);
      s.insertMembership(member(pendingGroup.id(), "someone-else", T0));
    });
    expected.sort(Comparator.comparing(Membership::since).thenComparing(Membership::groupId));
    assertEquals(expected, pageThrough(3, (Membership after, int limit) ->
        memberships("joiner", MemberStatus.ACTIVE, after, limit)));
    assertEquals(List.of(pending), memberships("joiner", MemberStatus.PENDING, null, 10));
    assertTrue(memberships("joiner", MemberStatus.BANNED, null, 10).isEmpty());
  }

  @Test
  @DisplayName("A membership whose status changes moves to its new status's listings, at its new since")
  void membershipListingsFollowUpdates() {
    Group group = stored("moving");
    Membership pending = membership(group.id(), "mover", MemberStatus.PENDING, T0);
    Membership early = member(group.id(), "early", T0.plusSeconds(10));
    Membership late = member(group.id(), "late", T0.plusSeconds(30));
    store(s -> {
      s.insertMembership(pending);
      s.insertMembership(early);
      s.insertMembership(late);
    });
    Membership approved = member(group.id(), "mover", T0.plusSeconds(20));
    assertTrue(is(tx -> tx.groups().updateMembership(pending, approved)));
    assertTrue(members(group.id(), MemberStatus.PENDING, null, 10).isEmpty());
    assertEquals(List.of(early, approved, late), members(group.id(), MemberStatus.ACTIVE, null, 10));
    assertEquals(List.of(approved), memberships("mover", MemberStatus.ACTIVE, null, 10));
    assertTrue(memberships("mover", MemberStatus.PENDING, null, 10).isEmpty());
  }

  // Invitations

  @Test
  @DisplayName("An invitation round-trips exactly, every field, found by id and by token hash")
  void invitationRoundTrip() {
    Group group = stored("invited");
    Invitation open = new Invitation(newInvitationId(), group.id(), "a".repeat(64), new UserId("mod 🛡"),
        Instant.parse("2026-01-02T03:04:05.678Z"), Instant.parse("2026-01-09T03:04:05.679Z"), 25, 3, null);
    Invitation revoked = new Invitation(newInvitationId(), group.id(), "b".repeat(64), new UserId("mod"), T0,
        T0.plus(Duration.ofDays(1)), 1, 0, T0.plusMillis(1));
    for (Invitation invitation : List.of(open, revoked)) {
      assertTrue(is(tx -> tx.groups().insertInvitation(invitation)));
      assertEquals(invitation, findInvitation(invitation.id()));
      assertEquals(invitation, tx(tx -> tx.groups().findInvitationByTokenHash(invitation.tokenHash())).orElseThrow());
    }
    assertTrue(tx(tx -> tx.groups().findInvitation(newInvitationId())).isEmpty());
    assertTrue(tx(tx -> tx.groups().findInvitationByTokenHash("c".repeat(64))).isEmpty());
  }

  @Test
  @DisplayName("A second invitation with a taken id or token hash is refused")
  void invitationIsUnique() {
    Group group = stored("unique-invitations");
    Invitation first = invitation(group.id(), "hash-1", T0.plus(Duration.ofDays(1)), 1);
    assertTrue(is(tx -> tx.groups().insertInvitation(first)));
    Invitation sameHash = invitation(group.id(), "hash-1", T0.plus(Duration.ofDays(2)), 5);
    Invitation sameId = new Invitation(first.id(), group.id(), "hash-2", new UserId("x"), T0, T0.plusSeconds(1), 1, 0,
        null);
    assertFalse(is(tx -> tx.groups().insertInvitation(sameHash)));
    assertFalse(is(tx -> tx.groups().insertInvitation(sameId)));
    assertEquals(first, tx(tx -> tx.groups().findInvitationByTokenHash("hash-1")).orElseThrow());
    assertTrue(tx(tx -> tx.groups().findInvitation(sameHash.id())).isEmpty());
    assertTrue(tx(tx -> tx.groups().findInvitationByTokenHash("hash-2")).isEmpty());
  }

  @Test
  @DisplayName("Racing inserts of one token hash on 8 threads: exactly one wins")
  void racingInvitationInserts() throws Exception {
    Group group = stored("racing-invitations");
    List<Invitation> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(invitation(group.id(), "contested-hash", T0.plus(Duration.ofDays(1)), i + 1));
    }
    List<Boolean> won = race(8, thread -> is(tx -> tx.groups().insertInvitation(candidates.get(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(candidates.get(won.indexOf(true)),
        tx(tx -> tx.groups().findInvitationByTokenHash("contested-hash")).orElseThrow());
  }

  @Test
  @DisplayName("useInvitation counts one use at a time up to maxUses, then refuses")
  void useInvitationUpToMaxUses() {
    Group group = stored("limited");
    Invitation invitation = invitation(group.id(), "limited-hash", T0.plus(Duration.ofDays(1)), 3);
    store(s -> s.insertInvitation(invitation));
    for (int use = 1; use <= 3; use++) {
      assertTrue(is(tx -> tx.groups().useInvitation(invitation.id(), T0)));
      assertEquals(use, findInvitation(invitation.id()).uses());
    }
    assertFalse(is(tx -> tx.groups().useInvitation(invitation.id(), T0)));
    Invitation usedUp = findInvitation(invitation.id());
    assertEquals(3, usedUp.uses());
    assertEquals(invitation.expiresAt(), usedUp.expiresAt(), "a use changes nothing but the count");
    assertEquals(null, usedUp.revokedAt());
  }

  @Test
  @DisplayName("useInvitation refuses an expired invitation from its expiry on, a revoked one, and an unknown id")
  void useInvitationRefusesExpiredAndRevoked() {
    Group group = stored("refusing");
    Instant expiry = T0.plus(Duration.ofHours(1));
    Invitation expiring = invitation(group.id(), "expiring", expiry, 10);
    Invitation revoked = invitation(group.id(), "revoked", expiry, 10);
    store(s -> {
      s.insertInvitation(expiring);
      s.insertInvitation(revoked);
    });
    assertTrue(is(tx -> tx.groups().revokeInvitation(revoked.id(), T0)));
    assertFalse(is(tx -> tx.groups().useInvitation(revoked.id(), T0)));
    assertFalse(is(tx -> tx.groups().useInvitation(expiring.id(), expiry)), "not usable at its expiry");
    assertFalse(is(tx -> tx.groups().useInvitation(expiring.id(), expiry.plusSeconds(1))));
    assertTrue(is(tx -> tx.groups().useInvitation(expiring.id(), expiry.minusMillis(1))), "usable until then");
    assertFalse(is(tx -> tx.groups().useInvitation(newInvitationId(), T0)));
    assertEquals(1, findInvitation(expiring.id()).uses());
    assertEquals(0, findInvitation(revoked.id()).uses());
  }

  @Test
  @DisplayName("8 threads × 5 racing uses of an invitation for 7 users: exactly 7 succeed")
  void racingInvitationUses() throws Exception {
    Group group = stored("racing-uses");
    Invitation invitation = invitation(group.id(), "racing-hash", T0.plus(Duration.ofDays(1)), 7);
    store(s -> s.insertInvitation(invitation));
    List<Integer> used = race(8, thread -> {
      int mine = 0;
      for (int i = 0; i < 5; i++) {
        if (is(tx -> tx.groups().useInvitation(invitation.id(), T0))) {
          mine++;
        }
      }
      return mine;
    });
    assertEquals(7, used.stream().mapToInt(Integer::intValue).sum());
    assertEquals(7, findInvitation(invitation.id()).uses());
  }

  @Test
  @DisplayName("revokeInvitation revokes once: the first time is kept, and a second revocation or an unknown id reports false")
  void revokeInvitation() {
    Group group = stored("revoking");
    Invitation invitation = invitation(group.id(), "to-revoke", T0.plus(Duration.ofDays(1)), 2);
    store(s -> s.insertInvitation(invitation));
    Instant at = T0.plusMillis(1234);
    assertTrue(is(tx -> tx.groups().revokeInvitation(invitation.id(), at)));
    assertFalse(is(tx -> tx.groups().revokeInvitation(invitation.id(), at.plusSeconds(5))));
    assertFalse(is(tx -> tx.groups().revokeInvitation(newInvitationId(), at)));
    Invitation stored = findInvitation(invitation.id());
    assertEquals(new Invitation(invitation.id(), group.id(), "to-revoke", invitation.createdBy(),
        invitation.createdAt(), invitation.expiresAt(), 2, 0, at), stored);
  }

  @Test
  @DisplayName("A group's invitations are listed newest first, in pages, only its own")
  void listInvitations() {
    Group group = stored("listing-invitations");
    Group other = stored("other-invitations");
    List<Invitation> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(invitation(group.id(), "hash-" + i, T0.plus(Duration.ofDays(1)), 1));
    }
    store(s -> {
      created.forEach(s::insertInvitation);
      s.insertInvitation(invitation(other.id(), "other-hash", T0.plus(Duration.ofDays(1)), 1));
    });
    List<Invitation> newestFirst = new ArrayList<>(created);
    newestFirst.sort(Comparator.comparing(Invitation::id).reversed());
    assertEquals(newestFirst, pageThrough(3, (Invitation after, int limit) ->
        tx(tx -> tx.groups().listInvitations(group.id(), after == null ? null : after.id(), limit))));
    assertTrue(tx(tx -> tx.groups().listInvitations(newGroupId(), null, 10)).isEmpty());
  }

  // Activity

  @Test
  @DisplayName("Most active sums the hourly tallies from the hour of since on, most first, ties broken by group id")
  void mostActiveSumsTallies() {
    Group quiet = stored("quiet");
    Group busy = stored("busy");
    Group tiedA = stored("tied-a");
    Group tiedB = stored("tied-b");
    Instant before = HOUR.minus(Duration.ofHours(1));
    store(s -> {
      s.addActivity(busy.id(), before, 1000);
      s.addActivity(busy.id(), HOUR, 4);
      s.addActivity(busy.id(), HOUR, 3);
      s.addActivity(busy.id(), HOUR.plus(Duration.ofHours(5)), 3);
      s.addActivity(quiet.id(), HOUR.plus(Duration.ofHours(1)), 1);
      s.addActivity(tiedB.id(), HOUR.plus(Duration.ofHours(2)), 5);
      s.addActivity(tiedA.id(), HOUR, 2);
      s.addActivity(tiedA.id(), HOUR.plus(Duration.ofHours(3)), 3);
    });
    List<GroupActivity> expected = List.of(new GroupActivity(busy.id(), 10), new GroupActivity(tiedA.id(), 5),
        new GroupActivity(tiedB.id(), 5), new GroupActivity(quiet.id(), 1));
    assertEquals(expected, mostActive(HOUR, null, 10));
    assertEquals(expected.subList(0, 2), mostActive(HOUR, null, 2));
    assertEquals(List.of(new GroupActivity(busy.id(), 1010), new GroupActivity(tiedA.id(), 5),
        new GroupActivity(tiedB.id(), 5), new GroupActivity(quiet.id(), 1)), mostActive(before, null, 10));
    assertEquals(List.of(new GroupActivity(busy.id(), 3)), mostActive(HOUR.plus(Duration.ofHours(4)), null, 10));
  }

  @Test
  @DisplayName("A since inside an hour counts that whole hour's tally")
  void mostActiveSinceInsideAnHour() {
    Group group = stored("partial-hour");
    store(s -> s.addActivity(group.id(), HOUR, 6));
    assertEquals(List.of(new GroupActivity(group.id(), 6)), mostActive(HOUR.plus(Duration.ofMinutes(59)), null, 10));
    assertTrue(mostActive(HOUR.plus(Duration.ofHours(1)), null, 10).isEmpty());
  }

  @Test
  @DisplayName("Most active leaves out archived and invite-only groups, and groups whose window sums to 0 or less")
  void mostActiveOnlyListedGroups() {
    Group listed = stored("listed");
    Group byRequest = stored(with(group("by-request"), "By request", GroupVisibility.REQUEST, GroupState.ACTIVE));
    Group archived = stored(with(group("archived"), "Archived", GroupVisibility.PUBLIC, GroupState.ARCHIVED));
    Group secret = stored(with(group("secret"), "Secret", GroupVisibility.INVITE, GroupState.ACTIVE));
    Group balanced = stored("balanced");
    Group negative = stored("negative");
    store(s -> {
      s.addActivity(listed.id(), HOUR, 1);
      s.addActivity(byRequest.id(), HOUR, 2);
      s.addActivity(archived.id(), HOUR, 50);
      s.addActivity(secret.id(), HOUR, 60);
      s.addActivity(balanced.id(), HOUR, 4);
      s.addActivity(balanced.id(), HOUR.plus(Duration.ofHours(1)), -4);
      s.addActivity(negative.id(), HOUR, -3);
    });
    assertEquals(List.of(new GroupActivity(byRequest.id(), 2), new GroupActivity(listed.id(), 1)),
        mostActive(HOUR, null, 10));
    assertTrue(is(tx -> tx.groups().updateGroup(
        nextVersion(listed, with(listed, listed.name(), GroupVisibility.PUBLIC, GroupState.ARCHIVED)))));
    assertEquals(List.of(new GroupActivity(byRequest.id(), 2)), mostActive(HOUR, null, 10),
        "a group archived later leaves the list");
  }

  @Test
  @DisplayName("Most active pages through every active group exactly once, ties on the sum broken by group id")
  void mostActivePaging() {
    List<GroupActivity> expected = new ArrayList<>();
    store(s -> {
      for (int i = 0; i < 13; i++) {
        Group group = group("active-" + i);
        s.insertGroup(group);
        long count = 1 + (i * 7) % 4;
        s.addActivity(group.id(), HOUR, count);
        expected.add(new GroupActivity(group.id(), count));
      }
    });
    expected.sort(Comparator.comparingLong(GroupActivity::count).reversed().thenComparing(GroupActivity::groupId));
    assertEquals(expected, pageThrough(3, (GroupActivity after, int limit) -> mostActive(HOUR, after, limit)));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent activity additions to one hour: the tally equals their sum")
  void concurrentActivity() throws Exception {
    Group group = stored("buzzing");
    race(8, thread -> {
      for (int i = 0; i < 50; i++) {
        store(s -> s.addActivity(group.id(), HOUR, 1));
      }
      return null;
    });
    assertEquals(List.of(new GroupActivity(group.id(), 400)), mostActive(HOUR, null, 10));
  }

  @Test
  @DisplayName("addActivity refuses an instant that is not the start of a whole UTC hour with IllegalArgumentException")
  void activityNeedsWholeHour() {
    Group group = stored("exact-hours");
    for (Instant notAnHour : List.of(HOUR.plusMillis(1), HOUR.plusSeconds(1), HOUR.plus(Duration.ofMinutes(30)))) {
      assertThrows(IllegalArgumentException.class, () -> store(s -> s.addActivity(group.id(), notAnHour, 1)));
    }
    assertTrue(mostActive(HOUR, null, 10).isEmpty());
  }

  // Misuse and rollback

  @Test
  @DisplayName("Listings take limits from 0 to 1,000: 0 lists nothing, others throw IllegalArgumentException")
  void listingLimits() {
    Group group = stored("limits");
    store(s -> {
      s.insertMembership(member(group.id(), "m", T0));
      s.insertInvitation(invitation(group.id(), "h", T0.plusSeconds(60), 1));
      s.addActivity(group.id(), HOUR, 1);
    });
    List<Consumer<Integer>> listings = List.of(
        limit -> assertEquals(List.of(), tx(tx -> tx.groups().listGroups(GroupFilter.all(), null, null, limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.groups().listMembers(group.id(), MemberStatus.ACTIVE, null, null,
            limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.groups().listMemberships(new UserId("m"), MemberStatus.ACTIVE,
            null, null, limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.groups().listInvitations(group.id(), null, limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.groups().listMostActive(HOUR, null, limit))));
    for (Consumer<Integer> listing : listings) {
      listing.accept(0);
      assertThrows(IllegalArgumentException.class, () -> listing.accept(-1));
      assertThrows(IllegalArgumentException.class, () -> listing.accept(1001));
    }
    assertEquals(1, tx(tx -> tx.groups().listMembers(group.id(), MemberStatus.ACTIVE, null, null, 1000)).size());
  }

  @Test
  @DisplayName("A keyset position given by halves throws IllegalArgumentException")
  void halfPositionsAreRefused() {
    Group group = stored("halves");
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().listGroups(GroupFilter.all(), "name", null, 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().listGroups(GroupFilter.all(), null, group.id(), 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().listMembers(group.id(), MemberStatus.ACTIVE, T0, null, 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().listMembers(group.id(), MemberStatus.ACTIVE, null, new UserId("u"), 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().listMemberships(new UserId("u"), MemberStatus.ACTIVE, T0, null, 10)));
    assertThrows(IllegalArgumentException.class,
        () -> tx(tx -> tx.groups().listMemberships(new UserId("u"), MemberStatus.ACTIVE, null, group.id(), 10)));
  }

  @Test
  @DisplayName("Null arguments throw NullPointerException")
  void nullArguments() {
    Group group = stored("nulls");
    List<Consumer<GroupStore>> calls = List.of(
        s -> s.insertGroup(null),
        s -> s.findGroup(null),
        s -> s.findGroupBySlug(null),
        s -> s.findStation(null),
        s -> s.updateGroup(null),
        s -> s.adjustGroupCounts(null, 1, 1),
        s -> s.listGroups(null, null, null, 10),
        s -> s.insertMembership(null),
        s -> s.updateMembership(null, member(group.id(), "u", T0)),
        s -> s.updateMembership(member(group.id(), "u", T0), null),
        s -> s.deleteMembership(group.id(), new UserId("u"), null),
        s -> s.findMembership(null, new UserId("u")),
        s -> s.listMembers(group.id(), null, null, null, 10),
        s -> s.listMemberships(null, MemberStatus.ACTIVE, null, null, 10),
        s -> s.insertInvitation(null),
        s -> s.findInvitation(null),
        s -> s.findInvitationByTokenHash(null),
        s -> s.useInvitation(newInvitationId(), null),
        s -> s.revokeInvitation(null, T0),
        s -> s.listInvitations(null, null, 10),
        s -> s.addActivity(group.id(), null, 1),
        s -> s.listMostActive(null, null, 10));
    for (Consumer<GroupStore> call : calls) {
      assertThrows(NullPointerException.class, () -> store(call));
    }
    assertEquals(group, find(group.id()));
  }

  @Test
  @DisplayName("A transaction that throws undoes every group change: settings, counts, memberships, invitations and activity")
  void rollbackUndoesGroupChanges() {
    Group group = stored("steady");
    Membership pending = membership(group.id(), "waiting", MemberStatus.PENDING, T0);
    Membership active = member(group.id(), "member", T0);
    Invitation invitation = invitation(group.id(), "steady-hash", T0.plus(Duration.ofDays(1)), 3);
    store(s -> {
      s.insertMembership(pending);
      s.insertMembership(active);
      s.insertInvitation(invitation);
      s.addActivity(group.id(), HOUR, 2);
    });
    Group inserted = group("rolled-back");
    assertThrows(IllegalStateException.class, () -> store(s -> {
      assertTrue(s.updateGroup(
          nextVersion(group, with(group, "Changed", GroupVisibility.INVITE, GroupState.ARCHIVED))));
      assertTrue(s.adjustGroupCounts(group.id(), 10, 10));
      assertTrue(s.insertGroup(inserted));
      assertTrue(s.updateMembership(pending, member(group.id(), "waiting", T0.plusSeconds(1))));
      assertTrue(s.deleteMembership(group.id(), new UserId("member"), MemberStatus.ACTIVE));
      assertTrue(s.insertMembership(member(group.id(), "newcomer", T0)));
      assertTrue(s.useInvitation(invitation.id(), T0));
      assertTrue(s.revokeInvitation(invitation.id(), T0));
      assertTrue(s.insertInvitation(invitation(group.id(), "new-hash", T0.plusSeconds(60), 1)));
      s.addActivity(group.id(), HOUR, 5);
      s.addActivity(group.id(), HOUR.plus(Duration.ofHours(1)), 5);
      throw new IllegalStateException("work failed");
    }));
    assertEquals(group, find(group.id()));
    assertEquals(List.of("steady"), discoveredSlugs(GroupFilter.all()));
    assertTrue(tx(tx -> tx.groups().findGroupBySlug("rolled-back")).isEmpty());
    assertEquals(List.of(pending), members(group.id(), MemberStatus.PENDING, null, 10));
    assertEquals(List.of(active), members(group.id(), MemberStatus.ACTIVE, null, 10));
    assertEquals(invitation, findInvitation(invitation.id()));
    assertEquals(List.of(invitation), tx(tx -> tx.groups().listInvitations(group.id(), null, 10)));
    assertTrue(tx(tx -> tx.groups().findInvitationByTokenHash("new-hash")).isEmpty());
    assertEquals(List.of(new GroupActivity(group.id(), 2)), mostActive(HOUR, null, 10));
  }
}
