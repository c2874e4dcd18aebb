package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Listings;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.RewardId;
import dev.meadow.core.StorageException;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Shares in {@code meadow_referral_shares} with the recipients of direct ones in
 * {@code meadow_referral_share_recipients}, click records in {@code meadow_referral_clicks},
 * attributions in {@code meadow_referral_attributions}, conversions in
 * {@code meadow_referral_conversions}, the reward ledger in {@code meadow_referral_rewards} and
 * statistics in {@code meadow_referral_stats}.
 */
final class JdbcReferralStore implements ReferralStore {
  /* The listings' statements are package-private for the tests of their query plans. */
  private static final String SHARE_COLUMNS = "code, program_id, sharer_id, target_kind, target_id, channel, audience,"
      + " recipients, note, created_at, expires_at";
  private static final String INSERT_SHARE = Sql.insertInto("meadow_referral_shares", SHARE_COLUMNS);
  private static final String SELECT_SHARE = "SELECT " + SHARE_COLUMNS + " FROM meadow_referral_shares";
  private static final String FIND_SHARE = SELECT_SHARE + " WHERE code = ?";
  private static final String INSERT_RECIPIENT =
      Sql.insertInto("meadow_referral_share_recipients", "code, recipient_id, created_at");
  static final Keyset SHARES_BY =
      Keyset.byInstantThenText(SELECT_SHARE, "sharer_id = ?", "sharer_id", "created_at", "code", true);
  static final Keyset SHARES_TO = Keyset.byInstantThenText("SELECT " + Sql.qualify("s", SHARE_COLUMNS)
      + " FROM meadow_referral_share_recipients r JOIN meadow_referral_shares s ON s.code = r.code",
      "r.recipient_id = ?", "r.recipient_id", "r.created_at", "r.code", true);

  private static final String CLICK_COLUMNS = "code, visitor_hash, first_at, last_at, counted_at, counted";
  private static final String CLICK_KEY = " WHERE code = ? AND visitor_hash = ?";
  private static final String INSERT_CLICK =
      "INSERT INTO meadow_referral_clicks (" + CLICK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, 1)";
  /** Counts a click if the visitor's counted click is before a bound; see {@link #recordClick}. */
  private static final String COUNT_CLICK = "UPDATE meadow_referral_clicks SET counted = counted + 1, counted_at = ?,"
      + " last_at = GREATEST(last_at, ?)" + CLICK_KEY + " AND counted_at < ?";
  private static final String TOUCH_CLICK =
      "UPDATE meadow_referral_clicks SET last_at = GREATEST(last_at, ?)" + CLICK_KEY;
  private static final String FIND_CLICK = "SELECT " + CLICK_COLUMNS + " FROM meadow_referral_clicks" + CLICK_KEY;
  static final String LIST_CLICKS = "SELECT " + CLICK_COLUMNS + " FROM meadow_referral_clicks"
      + " WHERE visitor_hash = ? AND last_at >= ? ORDER BY visitor_hash, first_at, code LIMIT ?";

  private static final String ATTRIBUTION_COLUMNS =
      "customer_id, referrer_id, code, program_id, attributed_at, reasons";
  private static final String INSERT_ATTRIBUTION = Sql.insertInto("meadow_referral_attributions", ATTRIBUTION_COLUMNS);
  private static final String FIND_ATTRIBUTION =
      "SELECT " + ATTRIBUTION_COLUMNS + " FROM meadow_referral_attributions WHERE customer_id = ?";

  private static final String CONVERSION_COLUMNS = "order_id, program_id, code, referrer_id, buyer_id, currency,"
      + " amount_minor, refunded_minor, line_products, line_quantities, line_minor, reasons, created_at, version";
  private static final String INSERT_CONVERSION = Sql.insertInto("meadow_referral_conversions", CONVERSION_COLUMNS);
  private static final String FIND_CONVERSION =
      "SELECT " + CONVERSION_COLUMNS + " FROM meadow_referral_conversions WHERE order_id = ?";
  private static final String UPDATE_CONVERSION = "UPDATE meadow_referral_conversions SET refunded_minor = ?,"
      + " version = ? WHERE order_id = ? AND version = ? AND currency = ?";

  /** What {@link #updateReward} replaces, in the order {@link #bindLedger} binds it. */
  private static final String LEDGER_COLUMNS =
      "reversed_minor, paid_minor, clawed_back_minor, clawing_minor, state, reasons, updated_at, version";
  private static final String REWARD_COLUMNS = "id, order_id, program_id, beneficiary_id, role, currency, amount_minor,"
      + " created_at, approve_at, " + LEDGER_COLUMNS;
  private static final String SELECT_REWARD = "SELECT " + REWARD_COLUMNS + " FROM meadow_referral_rewards";
  private static final String INSERT_REWARD = Sql.insertInto("meadow_referral_rewards", REWARD_COLUMNS);
  private static final String FIND_REWARD = SELECT_REWARD + " WHERE id = ?";
  static final String LIST_REWARDS_OF_ORDER = SELECT_REWARD + " WHERE order_id = ?";
  private static final String UPDATE_REWARD = "UPDATE meadow_referral_rewards SET " + Sql.assignments(LEDGER_COLUMNS)
      + " WHERE id = ? AND version = ?";
  static final Keyset REWARDS_IN = Keyset.byText(SELECT_REWARD, "state = ?", "state", "id", false);
  static final Keyset REWARDS_OF = Keyset.byText(SELECT_REWARD, "beneficiary_id = ?", "beneficiary_id", "id", true);

  /**
   * The counts of a statistics row, in the order {@link #adjustStats} binds them: clicks, signups,
   * orders, revenue, then per reward state its count and its worth.
   */
  private static final String STATS_COUNTS = statsCounts();
  /** The sharer key of a program's own totals: user ids are never empty. */
  private static final String PROGRAM_TOTALS = "";
  private static final String STATS_KEY = " WHERE program_id = ? AND sharer_key = ?";
  private static final String SELECT_STATS =
      "SELECT program_id, sharer_key, " + STATS_COUNTS + " FROM meadow_referral_stats";
  private static final String FIND_STATS = SELECT_STATS + STATS_KEY;
  private static final String CREATE_STATS = "INSERT INTO meadow_referral_stats (program_id, sharer_key, "
      + STATS_COUNTS + ") VALUES (?, ?, " + Sql.parameters(STATS_COUNTS).replace("?", "0") + ")";
  private static final String ADJUST_STATS =
      "UPDATE meadow_referral_stats SET " + Sql.increments(STATS_COUNTS) + STATS_KEY;
  /**
   * The condition is the same text as the partial index's on PostgreSQL; the order names the
   * program too, as the index does, for H2 to see that the index gives the order.
   */
  static final String LEADERBOARD = SELECT_STATS + " WHERE program_id = ? AND sharer_key <> ''"
      + " ORDER BY program_id, orders DESC, revenue_minor DESC, sharer_key LIMIT ?";

  private final JdbcTransaction tx;

  JdbcReferralStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  private static String statsCounts() {
    StringBuilder columns = new StringBuilder("clicks, signups, orders, revenue_minor");
    for (RewardState state : RewardState.values()) {
      columns.append(", ").append(countColumn(state)).append(", ").append(minorColumn(state));
    }
    return columns.toString();
  }

  private static String countColumn(RewardState state) {
    return state.name().toLowerCase(Locale.ROOT) + "_count";
  }

  private static String minorColumn(RewardState state) {
    return state.name().toLowerCase(Locale.ROOT) + "_minor";
  }

  // Shares

  @Override
  public boolean insertShare(Share share) {
    requireNonNull(share, "share");
    Audience audience = share.audience();
    boolean inserted = tx.insertIfAbsent("insert a share", INSERT_SHARE, s -> {
      s.setString(1, share.code().value());
      s.setString(2, share.programId());
      s.setString(3, share.sharer().value());
      s.setString(4, share.target().kind().name());
      s.setString(5, share.target().id());
      s.setString(6, share.channel().name());
      s.setString(7, audience.kind().name());
      Sql.setArray(s, 8, audience.recipients(), UserId::value);
      s.setString(9, audience.note());
      Sql.setInstant(s, 10, share.createdAt());
      Sql.setInstant(s, 11, share.expiresAt());
    });
    if (inserted) {
      // The code is this transaction's now: its recipient rows cannot clash.
      List<Binder> recipients = new ArrayList<>();
      for (UserId recipient : audience.recipients()) {
        recipients.add(s -> {
          s.setString(1, share.code().value());
          s.setString(2, recipient.value());
          Sql.setInstant(s, 3, share.createdAt());
        });
      }
      tx.batch("insert a share's recipients", INSERT_RECIPIENT, recipients);
    }
    return inserted;
  }

  @Override
  public Optional<Share> findShare(ShareCode code) {
    requireNonNull(code, "code");
    return tx.one("find a share", FIND_SHARE, s -> s.setString(1, code.value()), JdbcReferralStore::share);
  }

  @Override
  public List<Share> listShares(UserId sharer, @Nullable Share after, int limit) {
    requireNonNull(sharer, "sharer");
    return listShares(SHARES_BY, "list a user's shares", sharer, after, limit);
  }

  @Override
  public List<Share> listSharesTo(UserId recipient, @Nullable Share after, int limit) {
    requireNonNull(recipient, "recipient");
    return listShares(SHARES_TO, "list the shares sent to a user", recipient, after, limit);
  }

  private List<Share> listShares(Keyset listing, String operation, UserId user, @Nullable Share after, int limit) {
    return listing.list(tx, operation, List.of(user.value()), after == null ? null : after.createdAt(),
        after == null ? null : after.code().value(), limit, JdbcReferralStore::share);
  }

  private static Share share(ResultSet row) throws SQLException {
    Audience.Kind kind = Sql.enumValue(row, "audience", Audience.Kind.class);
    Audience audience = kind == Audience.Kind.PUBLIC
        ? Audience.everyone()
        : Audience.direct(Sql.list(row, "recipients", UserId::new), row.getString("note"));
    return new Share(new ShareCode(Sql.string(row, "code")), Sql.string(row, "program_id"),
        new UserId(Sql.string(row, "sharer_id")),
        new ShareTarget(Sql.enumValue(row, "target_kind", ShareTarget.Kind.class), Sql.string(row, "target_id")),
        Sql.enumValue(row, "channel", Channel.class), audience, Sql.instant(row, "created_at"),
        Sql.nullableInstant(row, "expires_at"));
  }

  // Clicks

  /*
   * A click is one UPDATE when the visitor's record exists: the counting UPDATE moves the counted
   * click only while it is before the bound, and the database re-checks that condition on the row
   * as a racing transaction left it, so of racing clicks exactly one counts; a click that does not
   * count then only moves the last click. A first click inserts the record unless a racer did, by
   * its key; the loser then finds the winner's record and counts or moves it as above.
   */
  @Override
  public boolean recordClick(ShareCode code, String visitorHash, Instant at, Instant countIfCountedBefore) {
    requireNonNull(code, "code");
    requireNonNull(visitorHash, "visitorHash");
    requireNonNull(at, "at");
    requireNonNull(countIfCountedBefore, "countIfCountedBefore");
    Optional<Boolean> existing = clickOnRecord(code, visitorHash, at, countIfCountedBefore);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (tx.insertIfAbsent("record a click", INSERT_CLICK, s -> {
      bindClickKey(s, 1, code, visitorHash);
      Sql.setInstant(s, 3, at);
      Sql.setInstant(s, 4, at);
      Sql.setInstant(s, 5, at);
    })) {
      return true;
    }
    return clickOnRecord(code, visitorHash, at, countIfCountedBefore)
        .orElseThrow(() -> new StorageException("Meadow storage could not record a click: its row vanished"));
  }

  /** Records a click on the visitor's existing record: whether it counted, or empty if there is no record. */
  private Optional<Boolean> clickOnRecord(ShareCode code, String visitorHash, Instant at, Instant countBefore) {
    int counted = tx.update("record a click", COUNT_CLICK, s -> {
      Sql.setInstant(s, 1, at);
      Sql.setInstant(s, 2, at);
      bindClickKey(s, 3, code, visitorHash);
      Sql.setInstant(s, 5, countBefore);
    });
    if (counted == 1) {
      return Optional.of(Boolean.TRUE);
    }
    int touched = tx.update("record a click", TOUCH_CLICK, s -> {
      Sql.setInstant(s, 1, at);
      bindClickKey(s, 2, code, visitorHash);
    });
    return touched == 1 ? Optional.of(Boolean.FALSE) : Optional.empty();
  }

  private static void bindClickKey(PreparedStatement s, int index, ShareCode code, String visitorHash)
      throws SQLException {
    s.setString(index, code.value());
    s.setString(index + 1, visitorHash);
  }

  @Override
  public Optional<Click> findClick(ShareCode code, String visitorHash) {
    requireNonNull(code, "code");
    requireNonNull(visitorHash, "visitorHash");
    return tx.one("find a click", FIND_CLICK, s -> bindClickKey(s, 1, code, visitorHash), JdbcReferralStore::click);
  }

  @Override
  public List<Click> listClicks(String visitorHash, Instant since, int limit) {
    tx.checkOpen();
    requireNonNull(visitorHash, "visitorHash");
    requireNonNull(since, "since");
    if (Listings.checkLimit(limit) == 0) {
      return List.of();
    }
    return tx.list("list a visitor's clicks", LIST_CLICKS, s -> {
      s.setString(1, visitorHash);
      Sql.setInstant(s, 2, since);
      s.setInt(3, limit);
    }, JdbcReferralStore::click);
  }

  private static Click click(ResultSet row) throws SQLException {
    return new Click(new ShareCode(Sql.string(row, "code")), Sql.string(row, "visitor_hash"),
        Sql.instant(row, "first_at"), Sql.instant(row, "last_at"), Sql.instant(row, "counted_at"),
        row.getLong("counted"));
  }

  // Attributions and conversions

  @Override
  public boolean insertAttribution(Attribution attribution) {
    requireNonNull(attribution, "attribution");
    return tx.insertIfAbsent("insert an attribution", INSERT_ATTRIBUTION, s -> {
      s.setString(1, attribution.customer().value());
      s.setString(2, attribution.referrer().value());
      s.setString(3, attribution.code().value());
      s.setString(4, attribution.programId());
      Sql.setInstant(s, 5, attribution.attributedAt());
      Sql.setArray(s, 6, attribution.reasons());
    });
  }

  @Override
  public Optional<Attribution> findAttribution(UserId customer) {
    requireNonNull(customer, "customer");
    return tx.one("find an attribution", FIND_ATTRIBUTION, s -> s.setString(1, customer.value()),
        row -> new Attribution(new UserId(Sql.string(row, "customer_id")), new UserId(Sql.string(row, "referrer_id")),
            new ShareCode(Sql.string(row, "code")), Sql.string(row, "program_id"), Sql.instant(row, "attributed_at"),
            Sql.list(row, "reasons")));
  }

  /* A conversion's money is stored in one currency column: Conversion holds it in one currency. */
  @Override
  public boolean insertConversion(Conversion conversion) {
    requireNonNull(conversion, "conversion");
    Currency currency = conversion.amount().currency();
    return tx.insertIfAbsent("insert a conversion", INSERT_CONVERSION, s -> {
      s.setString(1, conversion.orderId().value());
      s.setString(2, conversion.programId());
      s.setString(3, conversion.code().value());
      s.setString(4, conversion.referrer().value());
      s.setString(5, conversion.buyer().value());
      s.setString(6, currency.getCurrencyCode());
      s.setLong(7, conversion.amount().minor());
      s.setLong(8, conversion.refunded().minor());
      List<OrderLine> lines = conversion.lines();
      Sql.setArray(s, 9, lines, line -> line.productId().value());
      Sql.setArray(s, 10, "integer", lines.stream().map(OrderLine::quantity).toArray());
      Sql.setArray(s, 11, "bigint", lines.stream().map(line -> line.amount().minor()).toArray());
      Sql.setArray(s, 12, conversion.reasons());
      Sql.setInstant(s, 13, conversion.createdAt());
      s.setLong(14, conversion.version());
    });
  }


  @Override
  public Optional<Conversion> findConversion(OrderId orderId) {
    requireNonNull(orderId, "orderId");
    return tx.one("find a conversion", FIND_CONVERSION, s -> s.setString(1, orderId.value()),
        JdbcReferralStore::conversion);
  }

  /** Refuses, changing nothing, a refunded amount in another currency than the stored conversion's. */
  @Override
  public boolean updateConversion(Conversion next) {
    requireNonNull(next, "next");
    return tx.update("update a conversion", UPDATE_CONVERSION, s -> {
      s.setLong(1, next.refunded().minor());
      s.setLong(2, next.version());
      s.setString(3, next.orderId().value());
      s.setLong(4, next.version() - 1);
      s.setString(5, next.refunded().currency().getCurrencyCode());
    }) == 1;
  }

  private static Conversion conversion(ResultSet row) throws SQLException {
    Currency currency = currency(row);
    List<String> products = Sql.list(row, "line_products");
    List<Integer> quantities = Sql.list(row, "line_quantities", Integer::valueOf);
    List<Long> amounts = Sql.list(row, "line_minor", Long::valueOf);
    if (products.size() != quantities.size() || products.size() != amounts.size()) {
      throw new SQLException("the line columns of a conversion unexpectedly differ in length");
    }
    List<OrderLine> lines = new ArrayList<>(products.size());
    for (int i = 0; i < products.size(); i++) {
      lines.add(new OrderLine(new ProductId(products.get(i)), quantities.get(i), Money.of(amounts.get(i), currency)));
    }
    return new Conversion(new OrderId(Sql.string(row, "order_id")), Sql.string(row, "program_id"),
        new ShareCode(Sql.string(row, "code")), new UserId(Sql.string(row, "referrer_id")),
        new UserId(Sql.string(row, "buyer_id")), Money.of(row.getLong("amount_minor"), currency),
        Money.of(row.getLong("refunded_minor"), currency), lines, Sql.list(row, "reasons"),
        Sql.instant(row, "created_at"), row.getLong("version"));
  }

  private static Currency currency(ResultSet row) throws SQLException {
    return Currency.getInstance(Sql.string(row, "currency"));
  }

  // Rewards

  @Override
  public boolean insertReward(Reward reward) {
    requireNonNull(reward, "reward");
    return tx.insertIfAbsent("insert a reward", INSERT_REWARD, s -> {
      s.setString(1, reward.id().value());
      s.setString(2, reward.orderId().value());
      s.setString(3, reward.programId());
      s.setString(4, reward.beneficiary().value());
      s.setString(5, reward.role().name());
      s.setString(6, reward.amount().currency().getCurrencyCode());
      s.setLong(7, reward.amount().minor());
      Sql.setInstant(s, 8, reward.createdAt());
      Sql.setInstant(s, 9, reward.approveAt());
      bindLedger(s, 10, reward);
    });
  }

  /** Binds what an update may change, {@link #LEDGER_COLUMNS}, from {@code index} on; returns the next index. */
  private static int bindLedger(PreparedStatement s, int index, Reward reward) throws SQLException {
    s.setLong(index, reward.reversed());
    s.setLong(index + 1, reward.paid());
    s.setLong(index + 2, reward.clawedBack());
    s.setLong(index + 3, reward.clawing());
    s.setString(index + 4, reward.state().name());
    Sql.setArray(s, index + 5, reward.reasons());
    Sql.setInstant(s, index + 6, reward.updatedAt());
    s.setLong(index + 7, reward.version());
    return index + 8;
  }

  @Override
  public Optional<Reward> findReward(RewardId id) {
    requireNonNull(id, "id");
    return tx.one("find a reward", FIND_REWARD, s -> s.setString(1, id.value()), JdbcReferralStore::reward);
  }

  @Override
  public List<Reward> listRewardsOfOrder(OrderId orderId) {
    requireNonNull(orderId, "orderId");
    List<Reward> rewards = new ArrayList<>(tx.list("list an order's rewards", LIST_REWARDS_OF_ORDER,
        s -> s.setString(1, orderId.value()), JdbcReferralStore::reward));
    rewards.sort(Comparator.comparing(Reward::role));
    return List.copyOf(rewards);
  }

  @Override
  public List<Reward> listRewards(RewardState state, @Nullable RewardId after, int limit) {
    requireNonNull(state, "state");
    return REWARDS_IN.list(tx, "list rewards by state", List.of(state.name()), null,
        after == null ? null : after.value(), limit, JdbcReferralStore::reward);
  }

  @Override
  public List<Reward> listRewardsOf(UserId beneficiary, @Nullable RewardId after, int limit) {
    requireNonNull(beneficiary, "beneficiary");
    return REWARDS_OF.list(tx, "list a user's rewards", List.of(beneficiary.value()), null,
        after == null ? null : after.value(), limit, JdbcReferralStore::reward);
  }

  @Override
  public boolean updateReward(Reward next) {
    requireNonNull(next, "next");
    return tx.update("update a reward", UPDATE_REWARD, s -> {
      int index = bindLedger(s, 1, next);
      s.setString(index, next.id().value());
      s.setLong(index + 1, next.version() - 1);
    }) == 1;
  }

  private static Reward reward(ResultSet row) throws SQLException {
    return new Reward(new RewardId(Sql.string(row, "id")), new OrderId(Sql.string(row, "order_id")),
        Sql.string(row, "program_id"), new UserId(Sql.string(row, "beneficiary_id")),
        Sql.enumValue(row, "role", RewardRole.class), Money.of(row.getLong("amount_minor"), currency(row)),
        row.getLong("reversed_minor"), row.getLong("paid_minor"), row.getLong("clawed_back_minor"),
        row.getLong("clawing_minor"), Sql.enumValue(row, "state", RewardState.class), Sql.list(row, "reasons"), Sql.instant(row, "created_at"),
        Sql.instant(row, "approve_at"), Sql.instant(row, "updated_at"), row.getLong("version"));
  }

  // Statistics

  /*
   * One row per program and sharer, changed by one UPDATE adding every part of the delta, which
   * holds the row's lock until the transaction ends: racing adjustments queue on it and all count.
   * The first adjustment creates the row with zeros, by its key, as review summaries are.
   */
  @Override
  public void adjustStats(String programId, @Nullable UserId sharer, StatsDelta delta) {
    requireNonNull(programId, "programId");
    requireNonNull(delta, "delta");
    String sharerKey = sharerKey(sharer);
    tx.updateCreating("adjust referral statistics", ADJUST_STATS, s -> {
      s.setLong(1, delta.clicks());
      s.setLong(2, delta.signups());
      s.setLong(3, delta.orders());
      s.setLong(4, delta.revenueMinor());
      int index = 5;
      for (RewardState state : RewardState.values()) {
        s.setLong(index++, delta.rewardCounts().getOrDefault(state, 0L));
        s.setLong(index++, delta.rewardMinor().getOrDefault(state, 0L));
      }
      s.setString(index, programId);
      s.setString(index + 1, sharerKey);
    }, CREATE_STATS, s -> {
      s.setString(1, programId);
      s.setString(2, sharerKey);
    });
  }

  @Override
  public ReferralStats findStats(String programId, @Nullable UserId sharer) {
    requireNonNull(programId, "programId");
    return tx.one("read referral statistics", FIND_STATS, s -> {
      s.setString(1, programId);
      s.setString(2, sharerKey(sharer));
    }, JdbcReferralStore::stats).orElseGet(() -> ReferralStats.empty(programId, sharer));
  }

  @Override
  public List<ReferralStats> leaderboard(String programId, int limit) {
    requireNonNull(programId, "programId");
    return tx.listByKey("read a referral leaderboard", LEADERBOARD, programId, limit, JdbcReferralStore::stats);
  }

  private static String sharerKey(@Nullable UserId sharer) {
    return sharer == null ? PROGRAM_TOTALS : sharer.value();
  }

  private static ReferralStats stats(ResultSet row) throws SQLException {
    String sharerKey = Sql.string(row, "sharer_key");
    Map<RewardState, Long> counts = new EnumMap<>(RewardState.class);
    Map<RewardState, Long> minor = new EnumMap<>(RewardState.class);
    for (RewardState state : RewardState.values()) {
      counts.put(state, row.getLong(countColumn(state)));
      minor.put(state, row.getLong(minorColumn(state)));
    }
    return new ReferralStats(Sql.string(row, "program_id"),
        sharerKey.equals(PROGRAM_TOTALS) ? null : new UserId(sharerKey), row.getLong("clicks"), row.getLong("signups"),
        row.getLong("orders"), row.getLong("revenue_minor"), counts, minor);
  }
}
