package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.OrderId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.RewardId;
import dev.meadow.core.StorageException;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupState;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.groups.Post;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareCode;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.referrals.StatsDelta;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Provenance;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewReport;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.reviews.Verification;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.core.spi.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.meadow.storage.tck.Race;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@link JdbcStorage#migrate()} promises, on a new database for every test. */
abstract class MigrationTestBase {
  private static final List<String> V2_TABLES = sorted(List.of("meadow_comments", "meadow_counters", "meadow_follows",
      "meadow_group_activity", "meadow_group_labels", "meadow_group_members", "meadow_groups", "meadow_invitations",
      "meadow_labelled_users", "meadow_outbox", "meadow_post_labels", "meadow_post_revisions", "meadow_posts", "meadow_reactions",
      "meadow_migrations", "meadow_user_labels"));
  private static final List<String> V4_TABLES = sorted(V2_TABLES, "meadow_review_replies",
      "meadow_review_reply_revisions", "meadow_review_reports", "meadow_review_revisions", "meadow_review_summaries",
      "meadow_review_votes", "meadow_reviews");
  private static final List<String> V5_TABLES = sorted(V4_TABLES, "meadow_referral_attributions",
      "meadow_referral_clicks", "meadow_referral_conversions", "meadow_referral_rewards",
      "meadow_referral_share_recipients", "meadow_referral_shares", "meadow_referral_stats");
  /** V7 adds a column to meadow_reviews and no table. */
  private static final List<String> TABLES = V5_TABLES;

  private static final String V1_GROUP = "01J0000000000000000000000B";

  DataSource dataSource;
  JdbcStorage storage;

  abstract TestDatabase database();

  @BeforeEach
  void freshDatabase() {
    dataSource = database().fresh();
    storage = database().storage(dataSource);
  }

  @Test
  @DisplayName("Migrating a new database creates every table and records each script once")
  void migrate_onAFreshDatabase_createsAllTables() {
    assertEquals(List.of(), meadowTables());
    storage.migrate();
    assertEquals(TABLES, meadowTables());
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    assertEquals(scripts.size(), TestDatabase.count(dataSource, "meadow_migrations"));
    assertEquals(List.of(1, 2, 3, 4, 5, 7), scripts.stream().map(Migrator.Script::version).toList());
    assertEquals(List.of("foundation", "groups", "reviews", "review report resolution", "referrals",
            "review source name"),
        scripts.stream().map(Migrator.Script::description).toList());
  }

  @Test
  @DisplayName("Migrating again changes nothing and keeps the data")
  void migrate_isIdempotent() {
    storage.migrate();
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    Group group = new Group(new GroupId("01J0000000000000000000000A"), "Kept", "kept", null, null, "tea",
        List.of("green", "oolong"), GroupVisibility.REQUEST, true, null, GroupState.ACTIVE, new UserId("owner"), 1, 0,
        at, at, 1);
    storage.inTransaction(tx -> tx.groups().insertGroup(group));
    storage.migrate();
    storage.migrate();
    assertEquals(Migrator.scripts(storage.migrationsLocation()).size(),
        TestDatabase.count(dataSource, "meadow_migrations"));
    assertEquals(group, storage.inTransaction(tx -> tx.groups().findGroup(group.id())).orElseThrow());
  }

  @Test
  @DisplayName("Groups and memberships written under V1 survive the upgrade to V2 and read as their new records")
  void upgradeFromV1_keepsGroupsAndMemberships() {
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    migrateCore(scripts.subList(0, 1));
    assertEquals(List.of("meadow_group_members", "meadow_groups", "meadow_migrations", "meadow_outbox"),
        meadowTables(), "V1 alone");
    String created = "TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:05.678+00'";
    String joined = "TIMESTAMP WITH TIME ZONE '2026-01-03 00:00:00.001+00'";
    TestDatabase.execute(dataSource, "INSERT INTO meadow_groups (id, name, slug, description, owner_id, member_count,"
        + " created_at) VALUES ('" + V1_GROUP + "', 'Trail Runners', 'trail-runners', 'Muddy shoes', 'alice', 2, "
        + created + ")");
    TestDatabase.execute(dataSource, "INSERT INTO meadow_group_members (group_id, user_id, role, joined_at) VALUES"
        + " ('" + V1_GROUP + "', 'alice', 'OWNER', " + created + "), ('" + V1_GROUP + "', 'bob', 'MEMBER', " + joined
        + ")");

    storage.migrate();

    assertEquals(TABLES, meadowTables());
    GroupId id = new GroupId(V1_GROUP);
    Instant createdAt = Instant.parse("2026-01-02T03:04:05.678Z");
    Group expected = new Group(id, "Trail Runners", "trail-runners", "Muddy shoes", null, null, List.of(),
        GroupVisibility.PUBLIC, false, null, GroupState.ACTIVE, new UserId("alice"), 2, 0, createdAt, createdAt, 1);
    assertEquals(expected, storage.inTransaction(tx -> tx.groups().findGroup(id)).orElseThrow());
    assertEquals(List.of(expected), storage.inTransaction(
        tx -> tx.groups().listGroups(new GroupFilter(null, null, "trail r"), null, null, 10)),
        "discovery finds it by its name key");
    assertEquals(List.of(
            Membership.active(id, new UserId("alice"), GroupRole.OWNER, createdAt),
            Membership.active(id, new UserId("bob"), GroupRole.MEMBER, Instant.parse("2026-01-03T00:00:00.001Z"))),
        storage.inTransaction(tx -> tx.groups().listMembers(id, MemberStatus.ACTIVE, null, null, 10)));
    assertEquals(List.of(1L, 1L, 1L, 0L), storage.inTransaction(tx -> List.of(
        tx.counters().get("groups.owned", "alice"), tx.counters().get("groups.joined", "alice"),
        tx.counters().get("groups.joined", "bob"), tx.counters().get("groups.owned", "bob"))),
        "the limits on groups owned and joined count what existed");

    Group renamed = new Group(id, "Trail Runners Club", "trail-runners", "Muddy shoes", "Be kind", "running",
        List.of("outdoor"), GroupVisibility.REQUEST, true, null, GroupState.ACTIVE, new UserId("alice"), 2, 0,
        createdAt, createdAt.plusSeconds(60), 2);
    assertTrue(storage.<Boolean>inTransaction(tx -> tx.groups().updateGroup(renamed)));
    assertEquals(renamed, storage.inTransaction(tx -> tx.groups().findGroup(id)).orElseThrow(), "updatable as V2 data");
  }

  @Test
  @DisplayName("Groups, posts, follows, labels and counters written under V2 survive the upgrade to V3, and reviews"
      + " then list by the style labels written under V2")
  void upgradeFromV2_keepsCommunityDataAndAddsReviews() {
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    migrateCore(scripts.subList(0, 2));
    assertEquals(V2_TABLES, meadowTables(), "V1 and V2 alone");
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    GroupId groupId = new GroupId("01J0000000000000000000000D");
    Group group = new Group(groupId, "Denim", "denim", "Raw and washed", null, "style", List.of("indigo"),
        GroupVisibility.PUBLIC, false, null, GroupState.ACTIVE, new UserId("alice"), 1, 1, at, at, 1);
    Post post = new Post(new PostId("01J0000000000000000000000E"), groupId, new UserId("alice"), List.of(), "Fades",
        "Six months in", List.of(new ProductId("jeans")), List.of("https://cdn.example/fade.jpg"), List.of("indigo"),
        Disclosure.NONE, ContentState.PUBLISHED, null, false, 0, 0, at, null, 1);
    Follow follow = new Follow(new UserId("bob"), FollowTarget.group(groupId), at);
    storage.inTransaction(tx -> {
      assertTrue(tx.groups().insertGroup(group));
      assertTrue(tx.posts().insertPost(post));
      assertTrue(tx.follows().insertFollow(follow));
      tx.labels().replaceUserLabels(new UserId("bob"), List.of("petite"));
      return tx.counters().add("groups.owned", "alice", 1);
    });

    storage.migrate();

    assertEquals(TABLES, meadowTables());
    assertEquals(group, storage.inTransaction(tx -> tx.groups().findGroup(groupId)).orElseThrow());
    assertEquals(post, storage.inTransaction(tx -> tx.posts().findPost(post.id())).orElseThrow());
    assertEquals(follow, storage.inTransaction(tx -> tx.follows().findFollow(follow.follower(), follow.target()))
        .orElseThrow());
    assertEquals(List.of("petite"), storage.inTransaction(tx -> tx.labels().findUserLabels(new UserId("bob"))));
    assertEquals(1L, storage.<Long>inTransaction(tx -> tx.counters().get("groups.owned", "alice")));

    Review byBob = new ReviewFixture("01J0000000000000000000000F", "bob", "jeans", at).build();
    Review byCarol = new ReviewFixture("01J0000000000000000000000G", "carol", "jeans", at).build();
    storage.inTransaction(tx -> tx.reviews().insertReview(byBob) && tx.reviews().insertReview(byCarol));
    assertEquals(List.of(byBob), storage.inTransaction(tx -> tx.reviews().listReviews(
        SummaryKey.product(new ProductId("jeans")), ReviewFilter.all().withStyleLabel("petite"), ReviewSort.NEWEST,
        null, 10)));
  }

  @Test
  @DisplayName("Abuse reports written under V3 survive the upgrade to V4 as open reports, which a moderator's decision"
      + " then resolves")
  void upgradeFromV3_keepsReportsOpen() {
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    migrateCore(scripts.subList(0, 3));
    Instant at = Instant.parse("2026-02-03T04:05:06.789Z");
    Review review = new ReviewFixture("01J0000000000000000000000H", "ann", "jeans", at).build();
    insertBeforeV7(review);
    TestDatabase.execute(dataSource, "INSERT INTO meadow_review_reports (review_id, reporter_id, reason, reported_at)"
        + " VALUES ('" + review.id().value() + "', 'bob', 'Spam', TIMESTAMP WITH TIME ZONE '2026-02-03 04:05:06.789+00')");

    storage.migrate();

    ReviewReport open = new ReviewReport(review.id(), new UserId("bob"), "Spam", at);
    assertEquals(List.of(open), storage.inTransaction(tx -> tx.reviews().listReports(review.id(), 10)));
    Instant decided = at.plusSeconds(60);
    assertEquals(1, storage.<Integer>inTransaction(tx -> tx.reviews().resolveReports(review.id(), decided)));
    assertEquals(List.of(new ReviewReport(review.id(), new UserId("bob"), "Spam", at, decided)),
        storage.inTransaction(tx -> tx.reviews().listReports(review.id(), 10)));
  }

  @Test
  @DisplayName("Reviews written under V4 survive the upgrade to V5, which adds referrals: shares, the ledger and"
      + " statistics then work")
  void upgradeFromV4_keepsReviewsAndAddsReferrals() {
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    migrateCore(scripts.subList(0, 4));
    assertEquals(V4_TABLES, meadowTables(), "V1 to V4 alone");
    Instant at = Instant.parse("2026-02-03T04:05:06.789Z");
    Review review = new ReviewFixture("01J0000000000000000000000J", "ann", "jeans", at).build();
    insertBeforeV7(review);

    storage.migrate();

    assertEquals(TABLES, meadowTables());
    assertEquals(review, storage.inTransaction(tx -> tx.reviews().findReview(review.id())).orElseThrow());
    Share share = new Share(new ShareCode("abcdefgh"), "default", new UserId("ann"), ShareTarget.review(review.id()),
        Channel.LINK, Audience.everyone(), at, null);
    Reward reward = new Reward(new RewardId("01J0000000000000000000000K"), new OrderId("order-1"), "default",
        new UserId("ann"), RewardRole.REFERRER, Money.of(250, "EUR"), 0, 0, 0, 0, RewardState.PENDING, List.of(), at,
        at, at, 1);
    assertTrue(storage.<Boolean>inTransaction(tx -> {
      tx.referrals().adjustStats("default", new UserId("ann"), StatsDelta.reward(RewardState.PENDING, 250));
      return tx.referrals().insertShare(share) && tx.referrals().insertReward(reward);
    }));
    assertEquals(share, storage.inTransaction(tx -> tx.referrals().findShare(share.code())).orElseThrow());
    assertEquals(List.of(reward), storage.inTransaction(tx -> tx.referrals().listRewards(RewardState.PENDING, null,
        10)));
    assertEquals(250, storage.inTransaction(tx -> tx.referrals().findStats("default", new UserId("ann")))
        .rewardsMinor(RewardState.PENDING));
  }

  @Test
  @DisplayName("A review written under V5 reads back after the upgrade to V7 naming no source, and can then be given"
      + " one")
  void upgradeFromV5_readsReviewsWithoutASourceName() {
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    migrateCore(scripts.subList(0, 5));
    assertEquals(V5_TABLES, meadowTables(), "V1 to V5 alone");
    Instant at = Instant.parse("2026-02-03T04:05:06.789Z");
    Verification never = new Verification(null, at, false, "IMPORTED reviews are never verified");
    Review review = new ReviewFixture("01J0000000000000000000000M", "ann", "jeans", at)
        .media(List.of("https://cdn.example/a.jpg")).attributes(Map.of("fit", "small"))
        .provenance(new Provenance(Source.IMPORTED, never, Incentive.NONE, Relationship.NONE)).build();
    insertBeforeV7(review);

    storage.migrate();

    assertEquals(TABLES, meadowTables());
    Review found = storage.inTransaction(tx -> tx.reviews().findReview(review.id())).orElseThrow();
    assertEquals(review, found);
    assertNull(found.provenance().sourceName());
    Review named = new ReviewFixture("01J0000000000000000000000M", "ann", "jeans", at)
        .media(List.of("https://cdn.example/a.jpg")).attributes(Map.of("fit", "small"))
        .provenance(new Provenance(Source.IMPORTED, never, Incentive.NONE, Relationship.NONE, "Old Shop Reviews"))
        .build();
    Review edited = new Review(named.id(), named.productId(), named.storeId(), named.author(), named.orderId(),
        named.dedupeKey(), named.rating(), named.title(), named.body(), named.media(), named.attributes(),
        named.wouldRecommend(), named.provenance(), named.state(), named.reasons(), named.textHash(),
        named.helpfulCount(), named.unhelpfulCount(), named.helpfulScore(), named.reportCount(), named.createdAt(),
        at.plusSeconds(60), named.version() + 1);
    assertTrue(storage.<Boolean>inTransaction(tx -> tx.reviews().updateReview(edited)));
    assertEquals(edited, storage.inTransaction(tx -> tx.reviews().findReview(review.id())).orElseThrow());
  }

  @Test
  @DisplayName("A database migrated by an earlier release, its history in meadow_schema_history, upgrades in place:"
      + " the history moves to meadow_migrations as core's and the rows written before are kept")
  void upgradeFromTheLegacyHistory_movesItAndKeepsTheData() {
    Map<Integer, String> legacy = new TreeMap<>();
    Migrator.scripts(storage.migrationsLocation()).forEach(s -> legacy.put(s.version(), s.resource()));
    LegacySchema.migrate(dataSource, legacy);
    assertTrue(meadowTables().contains("meadow_schema_history"));
    Instant at = Instant.parse("2026-03-04T05:06:07.089Z");
    Review review = new ReviewFixture("01J0000000000000000000000J", "dana", "boots", at).build();
    storage.inTransaction(tx -> tx.reviews().insertReview(review));

    storage.migrate();

    assertEquals(TABLES, meadowTables(), "the old history table is gone, nothing else changed");
    assertEquals(legacy.size(), TestDatabase.count(dataSource, "meadow_migrations"));
    assertEquals(review, storage.inTransaction(tx -> tx.reviews().findReview(review.id())).orElseThrow());
    storage.migrate();
    assertEquals(legacy.size(), TestDatabase.count(dataSource, "meadow_migrations"), "and migrating again is a no-op");
  }

  @Test
  @DisplayName("A script recorded as core's that now ships in a module is filed under the module even when core"
      + " reuses its version number for another script, which is then applied")
  void movedScriptWhoseVersionIsReused() {
    String folder = storage.migrationsLocation().substring(storage.migrationsLocation().lastIndexOf('/') + 1);
    List<Migrator.Script> core = new ArrayList<>(Migrator.scripts(storage.migrationsLocation()).stream()
        .filter(script -> script.version() <= 5).toList());
    Map<Integer, String> legacy = new TreeMap<>();
    core.forEach(script -> legacy.put(script.version(), script.resource()));
    String notesV1 = "db/meadow-test-notes/" + folder + "/V1__notes.sql";
    legacy.put(6, notesV1);                             // the notes table was core's V6 then
    LegacySchema.migrate(dataSource, legacy);
    String sql = "CREATE TABLE IF NOT EXISTS meadow_test_reused (id INTEGER NOT NULL PRIMARY KEY)";
    core.add(new Migrator.Script(6, "reused", "test/V6__reused.sql", sql, Migrator.checksum(sql)));
    List<Migrator.Script> notes = Migrator.scripts("db/meadow-test-notes/" + folder);

    new Migrator(dataSource, database().dialect()).migratePlans(
        List.of(new Migrator.Plan(Migrator.CORE, core), new Migrator.Plan("notes", notes)));

    assertTrue(meadowTables().containsAll(List.of("meadow_test_notes", "meadow_test_reused")), meadowTables().toString());
    assertEquals(7L, TestDatabase.count(dataSource, "meadow_migrations"), "core 1 to 6 and notes 1, each once");
  }

  @Test
  @DisplayName("A storage refuses two JDBC modules of one name or one store type, a module named core, and a"
      + " malformed name")
  void moduleMisuse() {
    assertThrows(IllegalArgumentException.class,
        () -> storage.withModules(List.of(new NotesModule(), new NotesModule())));
    JdbcModule named = new JdbcModule() {
      @Override
      public String name() {
        return "Not A Name";
      }

      @Override
      public String migrationsLocation(String database) {
        return "db/meadow-test-notes/" + database;
      }

      @Override
      public List<JdbcStoreProvider<?>> stores() {
        return List.of();
      }
    };
    assertThrows(IllegalArgumentException.class, () -> storage.withModules(List.of(named)));
    JdbcModule core = new JdbcModule() {
      @Override
      public String name() {
        return "core";
      }

      @Override
      public String migrationsLocation(String database) {
        return "db/meadow-test-notes/" + database;
      }

      @Override
      public List<JdbcStoreProvider<?>> stores() {
        return List.of();
      }
    };
    assertThrows(IllegalArgumentException.class, () -> storage.withModules(List.of(core)));
  }

  @Test
  @DisplayName("A JDBC module's migrations are applied after core's, recorded under the module's name, and its store"
      + " is handed out by type")
  void moduleMigrationsAndStores() {
    JdbcStorage withNotes = storage.withModules(List.of(new NotesModule()));
    assertTrue(withNotes.provides(NotesModule.NoteStore.class));
    assertFalse(storage.provides(NotesModule.NoteStore.class), "a storage without the module does not");
    assertEquals(List.of("core", "notes"), List.copyOf(withNotes.migrationsLocations().keySet()));
    withNotes.migrate();
    assertEquals(sorted(TABLES, "meadow_test_notes"), meadowTables());
    withNotes.inTransaction(tx -> tx.store(NotesModule.NoteStore.class).add("n1", "ann", "Kept"));
    assertEquals(List.of("Kept"), withNotes.inTransaction(tx -> tx.store(NotesModule.NoteStore.class).all()));
    assertThrows(IllegalArgumentException.class,
        () -> storage.inTransaction(tx -> tx.store(NotesModule.NoteStore.class)), "not from a storage without it");
    withNotes.migrate();
    assertEquals(TestDatabase.count(dataSource, "meadow_migrations"),
        Migrator.scripts(storage.migrationsLocation()).size() + 1L, "one row for the module's one script");
  }

  @Test
  @DisplayName("A script changed after it was applied is detected by its checksum")
  void migrate_detectsAChangedScript() {
    storage.migrate();
    TestDatabase.execute(dataSource,
        "UPDATE meadow_migrations SET checksum = 'edited' WHERE module = 'core' AND version = 1");
    StorageException e = assertThrows(StorageException.class, storage::migrate);
    assertTrue(e.getMessage().contains("V1 (foundation)"), e.getMessage());
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  @DisplayName("Versions applied by a newer release are left alone")
  void migrate_toleratesVersionsFromANewerRelease() {
    storage.migrate();
    TestDatabase.execute(dataSource, "INSERT INTO meadow_migrations (module, version, description, checksum,"
        + " applied_at) VALUES ('core', 999, 'from the future', 'abc', CURRENT_TIMESTAMP)");
    storage.migrate();
    assertEquals(Migrator.scripts(storage.migrationsLocation()).size() + 1,
        TestDatabase.count(dataSource, "meadow_migrations"));
  }

  @Test
  @DisplayName("Four callers migrating one new database at once all succeed, and each script runs once")
  void migrate_byConcurrentCallers_appliesEachScriptOnce() throws Exception {
    List<Boolean> done = Race.run(4, thread -> {
      database().storage(dataSource).migrate();
      return true;
    });
    assertEquals(List.of(true, true, true, true), done);
    assertEquals(TABLES, meadowTables());
    assertEquals(Migrator.scripts(storage.migrationsLocation()).size(),
        TestDatabase.count(dataSource, "meadow_migrations"));
  }

  @Test
  @DisplayName("Four callers migrating a database of the earlier layout with a module at once all succeed: the"
      + " history moves once and each of core's and the module's scripts is recorded once")
  void migrate_legacyWithModule_byConcurrentCallers() throws Exception {
    Map<Integer, String> legacy = new TreeMap<>();
    Migrator.scripts(storage.migrationsLocation()).forEach(s -> legacy.put(s.version(), s.resource()));
    LegacySchema.migrate(dataSource, legacy);
    List<Boolean> done = Race.run(4, thread -> {
      database().storage(dataSource).withModules(List.of(new NotesModule())).migrate();
      return true;
    });
    assertEquals(List.of(true, true, true, true), done);
    assertEquals(sorted(TABLES, "meadow_test_notes"), meadowTables());
    assertEquals(legacy.size() + 1L, TestDatabase.count(dataSource, "meadow_migrations"));
  }

  /** Writes {@code review} as a release before V7 did, which stored no source name. */
  private void insertBeforeV7(Review review) {
    String columns = "id, product_id, store_id, author_id, order_id, dedupe_key, rating, title, body, media,"
        + " attribute_names, attribute_values, would_recommend, source, incentive, relationship, verified,"
        + " verification_passed, verification_checked_at, verification_reason, purchase_order_id,"
        + " purchase_product_id, purchased_at, purchase_state, state, reasons, text_hash, helpful_count,"
        + " unhelpful_count, helpful_score, report_count, created_at, edited_at, version";
    Provenance provenance = review.provenance();
    Purchase purchase = provenance.verification().purchase();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement s = connection.prepareStatement(
            "INSERT INTO meadow_reviews (" + columns + ") VALUES (" + Sql.parameters(columns) + ")")) {
      int i = 1;
      s.setString(i++, review.id().value());
      s.setString(i++, review.productId().value());
      s.setString(i++, review.storeId().value());
      s.setString(i++, review.author().value());
      s.setString(i++, review.orderId() == null ? null : review.orderId().value());
      s.setString(i++, review.dedupeKey());
      s.setInt(i++, review.rating());
      s.setString(i++, review.title());
      s.setString(i++, review.body());
      Sql.setArray(s, i++, review.media());
      Sql.setArray(s, i++, List.copyOf(review.attributes().keySet()));
      Sql.setArray(s, i++, List.copyOf(review.attributes().values()));
      if (review.wouldRecommend() == null) {
        s.setNull(i++, Types.BOOLEAN);
      } else {
        s.setBoolean(i++, review.wouldRecommend());
      }
      s.setString(i++, provenance.source().name());
      s.setString(i++, provenance.incentive().name());
      s.setString(i++, provenance.relationship().name());
      s.setBoolean(i++, provenance.verified());
      s.setBoolean(i++, provenance.verification().verified());
      Sql.setInstant(s, i++, provenance.verification().checkedAt());
      s.setString(i++, provenance.verification().reason());
      s.setString(i++, purchase == null ? null : purchase.orderId().value());
      s.setString(i++, purchase == null ? null : purchase.productId().value());
      Sql.setInstant(s, i++, purchase == null ? null : purchase.purchasedAt());
      s.setString(i++, purchase == null ? null : purchase.state().name());
      s.setString(i++, review.state().name());
      Sql.setArray(s, i++, review.reasons());
      s.setString(i++, review.textHash());
      s.setLong(i++, review.helpfulCount());
      s.setLong(i++, review.unhelpfulCount());
      s.setDouble(i++, review.helpfulScore());
      s.setLong(i++, review.reportCount());
      Sql.setInstant(s, i++, review.createdAt());
      Sql.setInstant(s, i++, review.editedAt());
      s.setLong(i, review.version());
      assertEquals(1, s.executeUpdate());
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** Applies {@code scripts}, core's first few, as a release that shipped only those would. */
  private void migrateCore(List<Migrator.Script> scripts) {
    new Migrator(dataSource, database().dialect()).migratePlans(List.of(new Migrator.Plan(Migrator.CORE, scripts)));
  }

  private List<String> meadowTables() {
    return TestDatabase.tables(dataSource);
  }

  private static List<String> sorted(List<String> tables, String... more) {
    return Stream.concat(tables.stream(), Stream.of(more)).sorted().toList();
  }

}
