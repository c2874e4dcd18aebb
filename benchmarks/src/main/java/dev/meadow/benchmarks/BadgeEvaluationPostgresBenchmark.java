package dev.meadow.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.core.EventId;
import dev.meadow.core.Meadow;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventListener;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.storage.jdbc.Sql;
import dev.meadow.trust.Signal;
import dev.meadow.trust.Trust;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Trust's incremental evaluation of one vote's event through {@link JdbcStorage#postgres} (side A)
 * against hand-written JDBC issuing the same statements in one transaction (side B), on one
 * database and one HikariCP pool, in {@link PairedRounds}. The target is A at 0.8× B's throughput
 * or better.
 *
 * <p>Side A hands a {@code review.voted} event to the listener Trust registers when it is
 * installed (caught at installation, see {@link Captured}), which is what Meadow calls after a
 * vote commits; the vote itself is not measured, on either side. One evaluation, in one
 * transaction: read the review back ({@code findReview}), insert the author's first-seen row if
 * absent, update the review's 10 contributions (3 scopes of reviews and verified reviews, helpful
 * and unhelpful votes, moderation rejections, upheld reports), then for each of the 12 (badge,
 * subject) pairs of the 16-badge {@link TrustCatalogue} whose rule reads a review signal, tenure
 * or a host signal, the sums (or, for tenure, the earliest first-seen) the rule reads in order,
 * stopping where {@code and}/{@code or} stop, and the look-up of the award; an award or a
 * revocation only when the rule's outcome changes, which in this steady state it does not.
 *
 * <p>The baseline runs those statements with {@code PreparedStatement}s on one connection, with
 * the same rules written once in {@link TrustCatalogue} (so both read their signals in the same
 * order), and nothing else: no unit of work, no retries, no event bookkeeping. Both sides
 * evaluate the same 200 reviews (20 authors with 10 reviews each, 5 votes on each review) in turn.
 */
@State(Scope.Benchmark)
public class BadgeEvaluationPostgresBenchmark {
  static final int AUTHORS = 20;
  static final int REVIEWS_EACH = 10;
  static final int VOTES_EACH = 5;

  private static final String FIND_REVIEW = "SELECT " + ReviewSubmitBenchmark.REVIEW_COLUMNS
      + " FROM meadow_reviews WHERE id = ?";
  private static final String CONTRIBUTION_COLUMNS = "user_id, signal_name, scope, item, amount, occurred_at";
  private static final String INSERT_CONTRIBUTION = "INSERT INTO meadow_trust_signals (" + CONTRIBUTION_COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String UPDATE_CONTRIBUTION = "UPDATE meadow_trust_signals SET amount = ?, occurred_at = ?"
      + " WHERE user_id = ? AND signal_name = ? AND scope = ? AND item = ?";
  private static final String SUM = "SELECT COALESCE(SUM(amount), 0) FROM meadow_trust_signals WHERE user_id = ?"
      + " AND signal_name = ? AND scope = ?";
  private static final String SUM_SINCE = SUM + " AND occurred_at >= ?";
  private static final String EARLIEST = "SELECT MIN(occurred_at) AS first_at FROM meadow_trust_signals"
      + " WHERE user_id = ? AND signal_name = ? AND scope = ?";
  private static final String AWARD_COLUMNS = "user_id, badge_id, occurrence, granted, awarded_at, evidence,"
      + " granted_by, expires_at, revoked_at, revoked_reason";
  private static final String FIND_AWARD = "SELECT " + AWARD_COLUMNS + " FROM meadow_trust_awards"
      + " WHERE user_id = ? AND badge_id = ? AND occurrence = ?";
  private static final String INSERT_AWARD = "INSERT INTO meadow_trust_awards (" + AWARD_COLUMNS
      + ") VALUES (?, ?, ?, false, ?, NULL, NULL, NULL, NULL, NULL) ON CONFLICT DO NOTHING";
  private static final String RENEW_AWARD = "UPDATE meadow_trust_awards SET granted = false, awarded_at = ?,"
      + " evidence = NULL, granted_by = NULL, expires_at = NULL, revoked_at = NULL, revoked_reason = NULL"
      + " WHERE user_id = ? AND badge_id = ? AND occurrence = ?"
      + " AND (revoked_at IS NOT NULL OR (expires_at IS NOT NULL AND expires_at <= ?))";
  private static final String REVOKE_AWARD = "UPDATE meadow_trust_awards SET revoked_at = ?, revoked_reason = ?"
      + " WHERE user_id = ? AND badge_id = ? AND occurrence = ? AND revoked_at IS NULL";
  private static final String FIRST_SEEN = "first_seen";
  private static final Set<Signal> REVIEW_SIGNALS = Set.of(Signal.REVIEWS, Signal.VERIFIED_REVIEWS,
      Signal.HELPFUL_VOTES, Signal.UNHELPFUL_VOTES, Signal.HELPFUL_LOWER_BOUND, Signal.MODERATION_REJECTIONS,
      Signal.UPHELD_REPORTS);

  /** How long each side runs in a round, in milliseconds. */
  @Param("250")
  public int sliceMillis = 250;

  private HikariDataSource pool;
  private Meadow meadow;
  private Captured captured;
  private final List<Review> reviews = new ArrayList<>();
  private final List<ReviewEvent.Voted> events = new ArrayList<>();
  private long nextA;
  private long nextB;
  private PairedRounds rounds;

  /** Installs Trust as it is, and keeps the listener it registers, to hand it events directly. */
  static final class Captured implements dev.meadow.core.modules.MeadowModule<Trust> {
    private final Trust.Builder trust;
    private @Nullable EventListener listener;

    Captured(Trust.Builder trust) {
      this.trust = trust;
    }

    @Override
    public Class<Trust> type() {
      return Trust.class;
    }

    @Override
    public Trust install(dev.meadow.core.modules.ModuleContext context) {
      return trust.install(new ForwardingContext(context) {
        @Override
        public void addListener(EventListener added) {
          listener = added;
          super.addListener(added);
        }
      });
    }

    EventListener listener() {
      if (listener == null) {
        throw new IllegalStateException("Trust registered no listener");
      }
      return listener;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkDatabase.create("badge_evaluation");
    captured = new Captured(Trust.builder().badges(TrustCatalogue.badges())
        .signals((user, signal) -> TrustCatalogue.hostSignal(signal)));
    meadow = Meadow.builder().storage(JdbcStorage.postgres(pool)).install(captured).build();
    StoreId store = StoreId.of("store-1");
    for (int a = 0; a < AUTHORS; a++) {
      for (int p = 0; p < REVIEWS_EACH; p++) {
        Review review = meadow.reviews().submit(UserId.of("author-" + a), ReviewDraft.of(ProductId.of("product-" + p),
            store, ReviewContent.of(4, "Review " + p + " by author " + a + ": steeps well, keeps its taste")));
        for (int v = 0; v < VOTES_EACH; v++) {
          meadow.reviews().vote(UserId.of("voter-" + v), review.id(), v != 0);
        }
        reviews.add(review);
        events.add(new ReviewEvent.Voted(EventId.of("01JD6T1Q7W4J0M9K3F2A8B" + String.format("%04d", events.size())),
            Instant.now(), review.id(), review.productId(), UserId.of("voter-0"), true));
      }
    }
    BenchmarkDatabase.execute(pool, "VACUUM ANALYZE");
    rounds = new PairedRounds("BadgeEvaluationPostgresBenchmark.trustVsJdbc", "Trust's evaluation",
        this::trustEvaluation, "hand-written JDBC", this::jdbcBaseline, Duration.ofMillis(sliceMillis));
  }

  @Setup(Level.Iteration)
  public void beginRound(IterationParams iteration) {
    rounds.begin(iteration);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.print(rounds.format());
    pool.close();
  }

  /** One round: a slice of Trust's evaluations and a slice of the hand-written ones, in turns. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(1)
  @Warmup(iterations = 8)
  @Measurement(iterations = 120)
  public void trustVsJdbc(Blackhole sink) {
    rounds.round(sink);
  }

  /** Side A: Trust's evaluation of a vote's event, as Meadow calls it after the vote commits. */
  Object trustEvaluation() {
    ReviewEvent.Voted event = events.get((int) (nextA++ % events.size()));
    captured.listener().onEvent(event);
    return event;
  }

  /** Side B: the same evaluation written by hand; returns how many awards it changed. */
  int jdbcBaseline() throws SQLException {
    Review review = reviews.get((int) (nextB++ % reviews.size()));
    return BenchmarkDatabase.inTransaction(pool, connection -> evaluate(connection, review.id().value(), Instant.now()));
  }

  /** Issues one evaluation's statements for a review, the way an application would write them. */
  private int evaluate(Connection connection, String reviewId, Instant now) throws SQLException {
    String user;
    String item = "review:" + reviewId;
    List<String> scopes;
    List<Object[]> contributions = new ArrayList<>();
    Instant at;
    try (PreparedStatement find = connection.prepareStatement(FIND_REVIEW)) {
      find.setString(1, reviewId);
      try (ResultSet row = find.executeQuery()) {
        if (!row.next()) {
          return 0;
        }
        user = row.getString("author_id");
        at = Sql.instant(row, "created_at");
        boolean published = row.getString("state").equals("PUBLISHED");
        boolean rejected = row.getString("state").equals("REJECTED");
        boolean verified = published && row.getBoolean("verified");
        scopes = List.of("", "product:" + row.getString("product_id"), "store:" + row.getString("store_id"));
        for (String scope : scopes) {
          contributions.add(new Object[] {Signal.REVIEWS.name(), scope, published ? 1L : 0L});
          contributions.add(new Object[] {Signal.VERIFIED_REVIEWS.name(), scope, verified ? 1L : 0L});
        }
        contributions.add(new Object[] {Signal.HELPFUL_VOTES.name(), "", published ? row.getLong("helpful_count") : 0L});
        contributions.add(new Object[] {Signal.UNHELPFUL_VOTES.name(), "",
            published ? row.getLong("unhelpful_count") : 0L});
        contributions.add(new Object[] {Signal.MODERATION_REJECTIONS.name(), "", rejected ? 1L : 0L});
        contributions.add(new Object[] {Signal.UPHELD_REPORTS.name(), "",
            rejected && row.getLong("report_count") > 0 ? 1L : 0L});
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_CONTRIBUTION)) {
      bindContribution(insert, user, FIRST_SEEN, "", FIRST_SEEN, 0, now);
      insert.executeUpdate();
    }
    try (PreparedStatement update = connection.prepareStatement(UPDATE_CONTRIBUTION)) {
      for (Object[] c : contributions) {
        update.setLong(1, (Long) c[2]);
        Sql.setInstant(update, 2, at);
        update.setString(3, user);
        update.setString(4, (String) c[0]);
        update.setString(5, (String) c[1]);
        update.setString(6, item);
        if (update.executeUpdate() == 0) {
          try (PreparedStatement insert = connection.prepareStatement(INSERT_CONTRIBUTION)) {
            bindContribution(insert, user, (String) c[0], (String) c[1], item, (Long) c[2], at);
            insert.executeUpdate();
          }
        }
      }
    }
    int changed = 0;
    for (TrustCatalogue.Entry badge : TrustCatalogue.ENTRIES) {
      Set<Signal> read = badge.signals();
      if (read.stream().noneMatch(s -> REVIEW_SIGNALS.contains(s) || s.host() || s.equals(Signal.TENURE_DAYS))) {
        continue;
      }
      for (String scope : scopes) {
        if (badge.prefix().isEmpty() ? scope.isEmpty() : !scope.isEmpty() && scope.startsWith(badge.prefix())) {
          changed += apply(connection, user, badge, scope, now);
        }
      }
    }
    return changed;
  }

  private static void bindContribution(PreparedStatement insert, String user, String signal, String scope, String item,
      long amount, Instant at) throws SQLException {
    insert.setString(1, user);
    insert.setString(2, signal);
    insert.setString(3, scope);
    insert.setString(4, item);
    insert.setLong(5, amount);
    Sql.setInstant(insert, 6, at);
  }

  /** Evaluates one badge in one scope and awards or revokes it if its outcome changed; returns 1 if so. */
  private static int apply(Connection connection, String user, TrustCatalogue.Entry badge, String scope, Instant now)
      throws SQLException {
    boolean holds = badge.spec().holds((signal, window) -> value(connection, user, scope, signal, window, now));
    boolean held = false;
    try (PreparedStatement find = connection.prepareStatement(FIND_AWARD)) {
      find.setString(1, user);
      find.setString(2, badge.id());
      find.setString(3, scope);
      try (ResultSet row = find.executeQuery()) {
        if (row.next()) {
          Instant expires = Sql.nullableInstant(row, "expires_at");
          held = row.getObject("revoked_at") == null && (expires == null || expires.isAfter(now));
        }
      }
    }
    if (holds && !held) {
      try (PreparedStatement insert = connection.prepareStatement(INSERT_AWARD)) {
        insert.setString(1, user);
        insert.setString(2, badge.id());
        insert.setString(3, scope);
        Sql.setInstant(insert, 4, now);
        if (insert.executeUpdate() == 1) {
          return 1;
        }
      }
      try (PreparedStatement renew = connection.prepareStatement(RENEW_AWARD)) {
        Sql.setInstant(renew, 1, now);
        renew.setString(2, user);
        renew.setString(3, badge.id());
        renew.setString(4, scope);
        Sql.setInstant(renew, 5, now);
        return renew.executeUpdate();
      }
    }
    if (!holds && held && badge.revoked()) {
      try (PreparedStatement revoke = connection.prepareStatement(REVOKE_AWARD)) {
        Sql.setInstant(revoke, 1, now);
        revoke.setString(2, Trust.RULE_NO_LONGER_HOLDS);
        revoke.setString(3, user);
        revoke.setString(4, badge.id());
        revoke.setString(5, scope);
        return revoke.executeUpdate();
      }
    }
    return 0;
  }

  private static double value(Connection connection, String user, String scope, Signal signal,
      @Nullable Duration window, Instant now) {
    try {
      if (signal.host()) {
        return TrustCatalogue.hostSignal(signal.name());
      }
      if (signal.equals(Signal.HELPFUL_LOWER_BOUND)) {
        long helpful = sum(connection, user, Signal.HELPFUL_VOTES.name(), scope, null);
        long unhelpful = sum(connection, user, Signal.UNHELPFUL_VOTES.name(), scope, null);
        return RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful);
      }
      if (signal.equals(Signal.TENURE_DAYS)) {
        try (PreparedStatement earliest = connection.prepareStatement(EARLIEST)) {
          earliest.setString(1, user);
          earliest.setString(2, FIRST_SEEN);
          earliest.setString(3, "");
          try (ResultSet row = earliest.executeQuery()) {
            row.next();
            Instant first = Sql.nullableInstant(row, "first_at");
            return first == null ? 0 : Duration.between(first, now).toDays();
          }
        }
      }
      return sum(connection, user, signal.name(), scope, window == null ? null : now.minus(window));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the signal " + signal.name(), e);
    }
  }

  private static long sum(Connection connection, String user, String signal, String scope, @Nullable Instant since)
      throws SQLException {
    try (PreparedStatement sum = connection.prepareStatement(since == null ? SUM : SUM_SINCE)) {
      sum.setString(1, user);
      sum.setString(2, signal);
      sum.setString(3, scope);
      if (since != null) {
        Sql.setInstant(sum, 4, since);
      }
      try (ResultSet row = sum.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** The awards held now, as {@code user/badge/subject}, for checking that both sides award the same. */
  Set<String> awards() {
    Set<String> out = new TreeSet<>();
    try (Connection connection = pool.getConnection();
        PreparedStatement list = connection.prepareStatement("SELECT user_id, badge_id, occurrence"
            + " FROM meadow_trust_awards WHERE revoked_at IS NULL");
        ResultSet rows = list.executeQuery()) {
      while (rows.next()) {
        out.add(rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Deletes every award, so that the next evaluation of each review awards again. */
  void forgetAwards() {
    BenchmarkDatabase.execute(pool, "DELETE FROM meadow_trust_awards");
  }

  int reviewCount() {
    return reviews.size();
  }
}
