package dev.meadow.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.trust.Reputation;
import dev.meadow.trust.ReputationSignal;
import dev.meadow.trust.ReputationTerm;
import dev.meadow.trust.ReputationWeights;
import dev.meadow.trust.Signal;
import dev.meadow.trust.Trust;
import dev.meadow.trust.spi.Contribution;
import dev.meadow.trust.spi.TrustStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Reading a user's reputation with {@code trust.reputation(user)} when the user has 10
 * contributions and when they have 1,000,000, on {@link MemoryStorage} and on {@link JdbcStorage}
 * over PostgreSQL. The target is the same cost at both sizes (within 2×): the trust store keeps
 * running totals of each (user, signal, scope) in the transaction of every contribution, so the
 * read looks up seven totals and never visits the contributions.
 *
 * <p>Both users live in one storage (one database and pool on PostgreSQL) and are measured in
 * {@link PairedRounds}: each round reads the large user's reputation for one slice of time and the
 * small one's for another, back to back, in turns (A B, then B A). The report's ratio is the large
 * user's reads per second over the small one's, so 1.0× is the same cost and the target is a
 * median between 0.5× and 2×.
 *
 * <p>A contribution is one row of the trust store ({@link Contribution}: one item's share of one
 * signal). Each user's items are reviews, each counted by the five contributions a review makes to
 * the signals a user's reputation reads, in the user's whole activity (scope {@code ""}):
 * {@code reviews}, {@code verified_reviews}, {@code helpful_votes}, {@code unhelpful_votes} and
 * {@code moderation_rejections} ({@link #contributions} review items of the large user, so a
 * count that is a multiple of five). Item {@code i} is rejected when {@code i % 10 == 9}; a
 * published one is verified when {@code i} is even, has {@code i % 4} helpful votes and one
 * unhelpful vote when {@code i % 3 == 0}. The product and store scopes a real review also writes
 * are left out: the user's reputation reads none of them.
 *
 * <p>Setup only, and not what is measured: the small user's contributions and, on memory, the
 * large user's are written straight through the trust store's SPI,
 * {@link TrustStore#putContribution} in {@code Storage.inTransaction} (10,000 to a transaction),
 * which keeps the running totals as Trust's own writes do; a million events through Meadow's full
 * write path would take far longer than the measurement. On PostgreSQL the large user's million
 * rows are inserted into {@code meadow_trust_signals} in JDBC batches of 10,000, and their running
 * totals then computed by the statements with which the trust store's V2 migration totals the rows
 * written before it ({@code INSERT INTO meadow_trust_totals ... SELECT ... SUM(amount) ... GROUP BY
 * user_id, signal_name, scope}, and the same for {@code meadow_trust_store_totals}, which has
 * nothing to add here), restricted to that user; the tables are then vacuumed and analysed, as
 * autovacuum would have done. Set-up then checks that each user's {@code reputation()} is the one
 * their contributions imply: every term's observations and share, and the score by the documented
 * formula with the default weights.
 */
@State(Scope.Benchmark)
public class ReputationReadBenchmark {
  private static final int BATCH = 10_000;

  /** The contributions a review item makes here: reviews, verified, helpful, unhelpful, rejections. */
  static final int PER_ITEM = 5;

  /** How many contributions the small user has. */
  static final int SMALL = 10;

  /** How many contributions the large user has; a multiple of {@value #PER_ITEM}. */
  @Param("1000000")
  public int contributions = 1_000_000;

  /** The storage adapter: {@code memory} or {@code postgresql}. */
  @Param({"memory", "postgresql"})
  public String storage;

  /** How long each user is read in a round, in milliseconds. */
  @Param("250")
  public int sliceMillis = 250;

  private @Nullable HikariDataSource pool;
  private Trust trust;
  private UserId small;
  private UserId large;
  private PairedRounds rounds;

  /** What a user's contributions add up to, counted here as they are written. */
  record Totals(long reviews, long verified, long helpful, long unhelpful, long rejected) {}

  @Setup(Level.Trial)
  public void setUp() {
    if (contributions <= 0 || contributions % PER_ITEM != 0) {
      throw new IllegalArgumentException("contributions is a positive multiple of " + PER_ITEM + ", was "
          + contributions);
    }
    long start = System.nanoTime();
    Storage adapter = switch (storage) {
      case "memory" -> MemoryStorage.create();
      case "postgresql" -> JdbcStorage.postgres(pool = BenchmarkDatabase.create("reputation_read"));
      default -> throw new IllegalArgumentException("storage is memory or postgresql, was " + storage);
    };
    Meadow meadow = Meadow.builder().storage(adapter).install(Trust.builder()).build();
    trust = meadow.module(Trust.class);
    small = UserId.of("user-small");
    large = UserId.of("user-large");
    Totals smallTotals = throughStore(adapter, small.value(), SMALL / PER_ITEM);
    Totals largeTotals = pool == null ? throughStore(adapter, large.value(), contributions / PER_ITEM)
        : bulk(pool, large.value(), contributions / PER_ITEM);
    if (pool != null) {
      BenchmarkDatabase.execute(pool, "VACUUM ANALYZE");
    }
    check(small, smallTotals, trust.reputation(small));
    check(large, largeTotals, trust.reputation(large));
    System.out.printf(Locale.ROOT, "%n   set-up: %,d and %,d contributions on %s, checked, in %.1f s%n", SMALL,
        contributions, storage, (System.nanoTime() - start) / 1e9);
    rounds = new PairedRounds("ReputationReadBenchmark.largeVsSmall (" + storage + ")",
        String.format(Locale.ROOT, "reputation of %,d contributions", contributions), this::largeReputation,
        "reputation of " + SMALL + " contributions", this::smallReputation, Duration.ofMillis(sliceMillis));
  }

  @Setup(Level.Iteration)
  public void beginRound(IterationParams iteration) {
    rounds.begin(iteration);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.print(rounds.format());
    if (pool != null) {
      pool.close();
    }
  }

  /** One round: a slice of reads of the large user's reputation and a slice of the small one's, in turns. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
  @Warmup(iterations = 8)
  @Measurement(iterations = 120)
  public void largeVsSmall(Blackhole sink) {
    rounds.round(sink);
  }

  /** Side A: the reputation of the user with {@link #contributions} contributions. */
  Reputation largeReputation() {
    return trust.reputation(large);
  }

  /** Side B: the reputation of the user with {@value #SMALL} contributions. */
  Reputation smallReputation() {
    return trust.reputation(small);
  }

  /** The five contributions of review item {@code i} of {@code user}, as described in the class comment. */
  static List<Contribution> item(String user, int i, Instant at) {
    boolean published = i % 10 != 9;
    String item = "review:" + user + "-" + i;
    return List.of(
        new Contribution(user, Signal.REVIEWS.name(), "", item, published ? 1 : 0, at),
        new Contribution(user, Signal.VERIFIED_REVIEWS.name(), "", item, published && i % 2 == 0 ? 1 : 0, at),
        new Contribution(user, Signal.HELPFUL_VOTES.name(), "", item, published ? i % 4 : 0, at),
        new Contribution(user, Signal.UNHELPFUL_VOTES.name(), "", item, published && i % 3 == 0 ? 1 : 0, at),
        new Contribution(user, Signal.MODERATION_REJECTIONS.name(), "", item, published ? 0 : 1, at));
  }

  private static Totals add(Totals t, List<Contribution> item) {
    return new Totals(t.reviews + item.get(0).amount(), t.verified + item.get(1).amount(),
        t.helpful + item.get(2).amount(), t.unhelpful + item.get(3).amount(), t.rejected + item.get(4).amount());
  }

  /** Writes {@code items} review items of a user through {@link TrustStore#putContribution}, in big transactions. */
  private static Totals throughStore(Storage adapter, String user, int items) {
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Totals totals = new Totals(0, 0, 0, 0, 0);
    int perTransaction = BATCH / PER_ITEM;
    for (int from = 0; from < items; from += perTransaction) {
      List<List<Contribution>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(items, from + perTransaction); i++) {
        List<Contribution> item = item(user, i, at);
        batch.add(item);
        totals = add(totals, item);
      }
      adapter.inTransaction(tx -> {
        TrustStore store = tx.store(TrustStore.class);
        batch.forEach(item -> item.forEach(store::putContribution));
        return null;
      });
    }
    return totals;
  }

  /**
   * Inserts {@code items} review items of a user straight into {@code meadow_trust_signals} in
   * JDBC batches, then totals them as the trust store's V2 migration totals older rows.
   */
  private static Totals bulk(HikariDataSource pool, String user, int items) {
    Timestamp at = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try {
      Totals totals = new Totals(0, 0, 0, 0, 0);
      int perBatch = BATCH / PER_ITEM;
      for (int from = 0; from < items; from += perBatch) {
        int first = from;
        int last = Math.min(items, from + perBatch);
        List<List<Contribution>> batch = new ArrayList<>();
        for (int i = first; i < last; i++) {
          List<Contribution> item = item(user, i, at.toInstant());
          batch.add(item);
          totals = add(totals, item);
        }
        BenchmarkDatabase.inTransaction(pool, connection -> {
          try (PreparedStatement insert = connection.prepareStatement("INSERT INTO meadow_trust_signals"
              + " (user_id, signal_name, scope, item, amount, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (List<Contribution> item : batch) {
              for (Contribution c : item) {
                insert.setString(1, c.user());
                insert.setString(2, c.signal());
                insert.setString(3, c.scope());
                insert.setString(4, c.item());
                insert.setLong(5, c.amount());
                insert.setTimestamp(6, at);
                insert.addBatch();
              }
            }
            insert.executeBatch();
          }
          return null;
        });
      }
      BenchmarkDatabase.inTransaction(pool, connection -> {
        try (PreparedStatement users = connection.prepareStatement("INSERT INTO meadow_trust_totals"
            + " (user_id, signal_name, scope, total) SELECT user_id, signal_name, scope, SUM(amount)"
            + " FROM meadow_trust_signals WHERE user_id = ? GROUP BY user_id, signal_name, scope");
            PreparedStatement stores = connection.prepareStatement("INSERT INTO meadow_trust_store_totals"
                + " (signal_name, store_id, total) SELECT signal_name, SUBSTRING(scope FROM 7), SUM(amount)"
                + " FROM meadow_trust_signals WHERE user_id = ? AND scope LIKE 'store:%'"
                + " GROUP BY signal_name, SUBSTRING(scope FROM 7)")) {
          users.setString(1, user);
          users.executeUpdate();
          stores.setString(1, user);
          stores.executeUpdate();
        }
        return null;
      });
      return totals;
    } catch (SQLException e) {
      throw new IllegalStateException("could not write the large user's contributions", e);
    }
  }

  /**
   * Throws unless {@code reputation} is what the totals imply: each term's observations and share,
   * and the score by the documented formula with the default weights.
   */
  static void check(UserId user, Totals t, Reputation reputation) {
    long items = t.reviews + t.rejected;
    List<ReputationSignal> signals = List.of(ReputationSignal.HELPFUL_VOTES, ReputationSignal.VERIFIED_REVIEWS,
        ReputationSignal.GOOD_STANDING);
    double[] positive = {t.helpful, t.verified, items - t.rejected};
    long[] n = {t.helpful + t.unhelpful, t.reviews, items};
    ReputationWeights weights = ReputationWeights.defaults();
    double weightSum = 0;
    for (ReputationSignal s : signals) {
      weightSum += weights.of(s).weight();
    }
    double score = 0;
    List<ReputationTerm> terms = reputation.breakdown();
    if (terms.size() != signals.size()) {
      throw new IllegalStateException(user + "'s reputation has terms " + terms);
    }
    for (int i = 0; i < signals.size(); i++) {
      ReputationWeights.Weight w = weights.of(signals.get(i));
      double raw = n[i] == 0 ? 0 : positive[i] / n[i];
      ReputationTerm term = terms.get(i);
      if (term.signal() != signals.get(i) || term.observations() != n[i] || Math.abs(term.raw() - raw) > 1e-12) {
        throw new IllegalStateException(String.format(Locale.ROOT, "%s's %s term is %s, not %s of %d", user,
            signals.get(i), term, raw, n[i]));
      }
      score += 100 * w.weight() * ((w.priorMean() * w.priorStrength() + raw * n[i]) / (w.priorStrength() + n[i]))
          / weightSum;
    }
    if (Math.abs(reputation.score() - score) > 1e-9) {
      throw new IllegalStateException(user + "'s reputation is " + reputation.score() + ", not " + score);
    }
  }
}
