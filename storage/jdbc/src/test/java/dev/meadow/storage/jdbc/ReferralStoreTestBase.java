package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Click;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.ReferralStats;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareCode;
import dev.meadow.core.referrals.ShareTarget;
import dev.meadow.core.referrals.StatsDelta;
import dev.meadow.core.spi.ReferralStore;
import dev.meadow.storage.jdbc.JdbcSession.Binder;
import dev.meadow.storage.tck.Race;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC adapter's referral store promises beyond the conformance kit, run against each
 * real database by a subclass: user values bound literally, money kept in one currency per
 * conversion, clicks counted once when racers move an existing record, and every listing read
 * through its index.
 */
abstract class ReferralStoreTestBase extends DatabaseTestBase {
  static final String DROP_SHARES = "'; DROP TABLE meadow_referral_shares; --";
  static final UserId ANN = new UserId("ann");
  static final ShareCode CODE = new ShareCode("a_b-c_d_");

  <T> T inTransaction(Function<ReferralStore, T> work) {
    return storage.inTransaction(tx -> work.apply(tx.referrals()));
  }

  Conversion conversion(String order, Money amount, Money refunded, List<OrderLine> lines) {
    return new Conversion(new OrderId(order), "default", CODE, ANN, new UserId("bob"), amount, refunded, lines,
        List.of(), T0, 1);
  }

  Reward reward(String order, UserId beneficiary) {
    return new Reward(new RewardId(newId()), new OrderId(order), DROP_SHARES, beneficiary, RewardRole.REFERRER,
        Money.of(500, "EUR"), 0, 0, 0, 0, RewardState.PENDING, List.of(DROP_SHARES, "%"), T0, T0, T0, 1);
  }

  @Test
  @DisplayName("Shares, clicks, attributions, conversions, rewards and statistics keyed by values shaped like SQL or"
      + " LIKE wildcards are stored as given and matched literally")
  void hostileValues_areStoredAndMatchedLiterally() {
    UserId hostile = new UserId(DROP_SHARES);
    Share share = new Share(CODE, "%' OR '1'='1", hostile, ShareTarget.product(new ProductId(DROP_SHARES)),
        Channel.SMS, Audience.direct(List.of(new UserId("_"), hostile), DROP_SHARES), T0, T0.plusSeconds(60));
    assertTrue(this.<Boolean>inTransaction(store -> store.insertShare(share)));
    assertEquals(Optional.of(share), inTransaction(store -> store.findShare(CODE)));
    assertEquals(List.of(share), inTransaction(store -> store.listShares(hostile, null, 10)));
    assertEquals(List.of(share), inTransaction(store -> store.listSharesTo(new UserId("_"), null, 10)));
    assertEquals(List.of(), inTransaction(store -> store.listShares(new UserId("%"), null, 10)));
    assertEquals(List.of(), inTransaction(store -> store.listSharesTo(new UserId("%"), null, 10)));

    assertTrue(this.<Boolean>inTransaction(store -> store.recordClick(CODE, "%", T0, T0)));
    assertTrue(this.<Boolean>inTransaction(store -> store.recordClick(CODE, DROP_SHARES, T0, T0)));
    assertEquals(List.of(new Click(CODE, "%", T0, T0, T0, 1)),
        inTransaction(store -> store.listClicks("%", T0, 10)));
    assertEquals(List.of(), inTransaction(store -> store.listClicks("_", T0, 10)));

    Attribution attribution = new Attribution(new UserId("%"), hostile, CODE, DROP_SHARES, T0, List.of(DROP_SHARES));
    assertTrue(this.<Boolean>inTransaction(store -> store.insertAttribution(attribution)));
    assertEquals(Optional.of(attribution), inTransaction(store -> store.findAttribution(new UserId("%"))));
    assertEquals(Optional.empty(), inTransaction(store -> store.findAttribution(new UserId("_"))));

    Conversion conversion = conversion(DROP_SHARES, Money.of(100, "EUR"), Money.of(0, "EUR"),
        List.of(OrderLine.of(new ProductId("%"), 1, Money.of(100, "EUR"))));
    assertTrue(this.<Boolean>inTransaction(store -> store.insertConversion(conversion)));
    assertEquals(Optional.of(conversion), inTransaction(store -> store.findConversion(new OrderId(DROP_SHARES))));
    assertEquals(Optional.empty(), inTransaction(store -> store.findConversion(new OrderId("%"))));

    Reward reward = reward(DROP_SHARES, new UserId("%"));
    assertTrue(this.<Boolean>inTransaction(store -> store.insertReward(reward)));
    assertEquals(List.of(reward), inTransaction(store -> store.listRewardsOfOrder(new OrderId(DROP_SHARES))));
    assertEquals(List.of(reward), inTransaction(store -> store.listRewardsOf(new UserId("%"), null, 10)));
    assertEquals(List.of(), inTransaction(store -> store.listRewardsOf(new UserId("_"), null, 10)));

    inTransaction(store -> {
      store.adjustStats(DROP_SHARES, new UserId("%"), StatsDelta.orders(1, 100));
      return null;
    });
    assertEquals(List.of(new UserId("%")),
        inTransaction(store -> store.leaderboard(DROP_SHARES, 10)).stream().map(ReferralStats::sharer).toList());
    assertEquals(List.of(), inTransaction(store -> store.leaderboard("%", 10)));
    assertEquals(0, inTransaction(store -> store.findStats(DROP_SHARES, new UserId("_"))).orders());
    assertEquals(1, TestDatabase.count(dataSource, "meadow_referral_shares"), "the table is still there");
  }

  @Test
  @DisplayName("8 threads clicking as one visitor after the window, on an existing record: exactly one click counts")
  void racingClicksOnAnExistingRecord_countOnce() throws Exception {
    assertTrue(this.<Boolean>inTransaction(store -> store.recordClick(CODE, "visitor", T0, T0)));
    List<Boolean> counted = Race.run(8, thread -> storage.<Boolean>inTransaction(tx -> tx.referrals()
        .recordClick(CODE, "visitor", T0.plusSeconds(3_600 + thread), T0.plusSeconds(1))));
    assertEquals(1, counted.stream().filter(b -> b).count());
    Click click = inTransaction(store -> store.findClick(CODE, "visitor")).orElseThrow();
    assertEquals(2, click.counted());
    assertEquals(T0.plusSeconds(3_600 + counted.indexOf(true)), click.countedAt());
    assertEquals(T0.plusSeconds(3_607), click.lastAt());
    assertEquals(T0, click.firstAt());
  }

  @Test
  @DisplayName("Statistics keep a count and a worth for every reward state, each in columns of its own (a new state"
      + " needs a migration adding its two columns)")
  void stats_haveColumnsForEveryRewardState() {
    RewardState[] states = RewardState.values();
    inTransaction(store -> {
      for (int i = 0; i < states.length; i++) {
        store.adjustStats("default", ANN, new StatsDelta(0, 0, 0, 0, Map.of(states[i], i + 1L),
            Map.of(states[i], 100L * (i + 1))));
      }
      return null;
    });
    ReferralStats stats = inTransaction(store -> store.findStats("default", ANN));
    for (int i = 0; i < states.length; i++) {
      assertEquals(i + 1L, stats.rewards(states[i]), states[i].name());
      assertEquals(100L * (i + 1), stats.rewardsMinor(states[i]), states[i].name());
    }
    assertEquals(List.of(stats), inTransaction(store -> store.leaderboard("default", 10)));
  }

  /*
   * Uniqueness must come from the database waiting for the racer that holds the key: an insert
   * that gave up at once on seeing an uncommitted row of the same key would report "exists" for
   * a row that its racer then rolls back, and lose the conversion or reward for good.
   */
  @Test
  @DisplayName("An insert waiting on a racer's uncommitted share, attribution, conversion or reward of the same key"
      + " stores its own when the racer rolls back")
  void insertWaitingOnARacerThatRollsBack_storesItsOwn() throws Exception {
    Share share = new Share(CODE, "default", ANN, ShareTarget.product(new ProductId("sku-1")), Channel.LINK,
        Audience.everyone(), T0, null);
    Share same = new Share(CODE, "default", new UserId("bob"), share.target(), Channel.QR, Audience.everyone(), T0,
        null);
    afterRacerRollsBack(store -> store.insertShare(share), store -> store.insertShare(same));
    assertEquals(Optional.of(same), inTransaction(store -> store.findShare(CODE)));

    Attribution attribution = new Attribution(new UserId("cy"), ANN, CODE, "default", T0, List.of());
    Attribution other = new Attribution(new UserId("cy"), new UserId("bob"), CODE, "default", T0, List.of());
    afterRacerRollsBack(store -> store.insertAttribution(attribution), store -> store.insertAttribution(other));
    assertEquals(Optional.of(other), inTransaction(store -> store.findAttribution(new UserId("cy"))));

    Money euros = Money.of(100, "EUR");
    Conversion conversion = conversion("order-1", euros, Money.of(0, "EUR"), List.of());
    Conversion again = new Conversion(conversion.orderId(), "default", CODE, ANN, new UserId("cy"), euros,
        Money.of(0, "EUR"), List.of(), List.of(), T0, 1);
    afterRacerRollsBack(store -> store.insertConversion(conversion), store -> store.insertConversion(again));
    assertEquals(Optional.of(again), inTransaction(store -> store.findConversion(conversion.orderId())));

    // Another id, the same order and role: the key the racer holds is the ledger's unique key.
    Reward reward = reward("order-1", ANN);
    Reward twin = reward("order-1", ANN);
    afterRacerRollsBack(store -> store.insertReward(reward), store -> store.insertReward(twin));
    assertEquals(List.of(twin), inTransaction(store -> store.listRewardsOfOrder(new OrderId("order-1"))));
  }

  /**
   * Runs {@code racer}'s insert in a transaction that waits, then rolls back; meanwhile runs
   * {@code waiter}'s insert of the same key, which must wait for the racer, and checks that it
   * then inserts.
   */
  private void afterRacerRollsBack(Function<ReferralStore, Boolean> racer, Function<ReferralStore, Boolean> waiter)
      throws Exception {
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch rollBack = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> rolledBack = pool.submit(() -> storage.inTransaction(tx -> {
        assertTrue(racer.apply(tx.referrals()));
        inserted.countDown();
        try {
          rollBack.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the racer rolls back");
      }));
      assertTrue(inserted.await(10, TimeUnit.SECONDS), "the racer inserted");
      Future<Boolean> waited = pool.submit(() -> storage.inTransaction(tx -> waiter.apply(tx.referrals())));
      awaitALockWait(waited);
      rollBack.countDown();
      ExecutionException racerFailure = assertThrows(ExecutionException.class, () -> rolledBack.get(10,
          TimeUnit.SECONDS));
      assertEquals("the racer rolls back", racerFailure.getCause().getMessage());
      assertTrue(waited.get(10, TimeUnit.SECONDS), "the waiter inserted once the racer rolled back");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until a session of the test database waits for the racer's lock; fails if {@code waiter} ends first. */
  private void awaitALockWait(Future<Boolean> waiter) throws Exception {
    String waiting = database() == TestDatabase.POSTGRES
        ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        // H2 names no blocker for a row lock; the waiter is the session still running its INSERT.
        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
            + " WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO meadow_referral%'";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = statement.executeQuery(waiting)) {
          if (rows.next() && rows.getLong(1) > 0) {
            return;
          }
        }
        if (waiter.isDone()) {
          throw new AssertionError("the waiter did not wait for the racer: " + outcome(waiter));
        }
        TimeUnit.MILLISECONDS.sleep(2);
      }
    }
    throw new AssertionError("no insert waited for the racer's lock");
  }

  /** A listing's statement, the values of its parameters, and the index it must read. */
  record Listing(String name, String sql, Binder parameters, String index) {}

  /*
   * PostgreSQL's planner is told to avoid sequential scans and sorts where it can, since the
   * tables are small enough that it would rather read them whole and sort; the plan must then
   * name the listing's index and hold no Sort, which proves that the index exists and gives the
   * statement's condition and order. H2 must say that it reads the index in order ("index
   * sorted"), so that a page stops after its last row rather than sorting all the filter selects.
   */
  @Test
  @DisplayName("Every listing and the leaderboard read an index of their condition in their order, never sorting")
  void listings_readTheirIndexes() throws SQLException {
    Binder userPage = s -> {
      s.setString(1, "ann");
      s.setInt(2, 10);
    };
    Binder userPageAfter = s -> {
      s.setString(1, "ann");
      for (int i = 2; i <= 4; i++) {
        Sql.setInstant(s, i, T0);
      }
      s.setString(5, "abcdefgh");
      s.setInt(6, 10);
    };
    Binder statePage = s -> {
      s.setString(1, "PENDING");
      s.setInt(2, 10);
    };
    Binder statePageAfter = s -> {
      s.setString(1, "PENDING");
      s.setString(2, newId());
      s.setInt(3, 10);
    };
    List<Listing> listings = List.of(
        new Listing("a sharer's shares", JdbcReferralStore.SHARES_BY.statement(false), userPage,
            "meadow_referral_shares_sharer_idx"),
        new Listing("a sharer's shares, later pages", JdbcReferralStore.SHARES_BY.statement(true), userPageAfter,
            "meadow_referral_shares_sharer_idx"),
        new Listing("a recipient's shares", JdbcReferralStore.SHARES_TO.statement(false), userPage,
            "meadow_referral_share_recipients_order_idx"),
        new Listing("a recipient's shares, later pages", JdbcReferralStore.SHARES_TO.statement(true), userPageAfter,
            "meadow_referral_share_recipients_order_idx"),
        new Listing("a visitor's clicks", JdbcReferralStore.LIST_CLICKS, s -> {
          s.setString(1, "visitor");
          Sql.setInstant(s, 2, T0);
          s.setInt(3, 10);
        }, "meadow_referral_clicks_visitor_idx"),
        new Listing("an order's rewards", JdbcReferralStore.LIST_REWARDS_OF_ORDER, s -> s.setString(1, "order-1"),
            "meadow_referral_rewards_role_key"),
        new Listing("rewards by state", JdbcReferralStore.REWARDS_IN.statement(false), statePage,
            "meadow_referral_rewards_state_idx"),
        new Listing("rewards by state, later pages", JdbcReferralStore.REWARDS_IN.statement(true), statePageAfter,
            "meadow_referral_rewards_state_idx"),
        new Listing("a beneficiary's rewards", JdbcReferralStore.REWARDS_OF.statement(false), userPage,
            "meadow_referral_rewards_beneficiary_idx"),
        new Listing("a beneficiary's rewards, later pages", JdbcReferralStore.REWARDS_OF.statement(true), s -> {
          s.setString(1, "ann");
          s.setString(2, newId());
          s.setInt(3, 10);
        }, "meadow_referral_rewards_beneficiary_idx"),
        new Listing("the leaderboard", JdbcReferralStore.LEADERBOARD, s -> {
          s.setString(1, "default");
          s.setInt(2, 10);
        }, "meadow_referral_stats_leaderboard_idx"));
    boolean postgres = database() == TestDatabase.POSTGRES;
    try (Connection connection = dataSource.getConnection()) {
      if (postgres) {
        settings(connection, "SET enable_seqscan = off", "SET enable_sort = off");
      }
      try {
        for (Listing listing : listings) {
          String plan = plan(connection, listing);
          assertTrue(plan.contains(listing.index()), listing.name() + " reads " + listing.index() + ": " + plan);
          boolean ordered = listing.sql().contains(" ORDER BY ");
          if (postgres) {
            assertFalse(plan.contains("sort"), listing.name() + " reads the index in order: " + plan);
          } else if (ordered) {
            assertTrue(plan.contains("index sorted"), listing.name() + " reads the index in order: " + plan);
          }
        }
      } finally {
        if (postgres) {
          settings(connection, "RESET enable_seqscan", "RESET enable_sort");
        }
      }
    }
  }

  private static String outcome(Future<Boolean> done) {
    try {
      return "it returned " + done.get();
    } catch (InterruptedException | ExecutionException e) {
      return "it threw " + e.getCause();
    }
  }

  private static void settings(Connection connection, String... commands) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String command : commands) {
        statement.execute(command);
      }
    }
  }

  private static String plan(Connection connection, Listing listing) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + listing.sql())) {
      listing.parameters().bind(explain);
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
    }
    return plan.toString().toLowerCase(Locale.ROOT);
  }
}
