package dev.meadow.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.core.Meadow;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.JdbcStorage;
import dev.meadow.trust.BackfillResult;
import dev.meadow.trust.Trust;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

/**
 * A full backfill ({@code trust.backfill(...)}, pages of 100 until the last) of {@code users}
 * users with the 16-badge {@link TrustCatalogue}, on {@code storage} = {@code memory}
 * ({@code MemoryStorage}) or {@code postgresql} ({@code JdbcStorage.postgres}, a pool of 4). One
 * invocation is one whole backfill; the benchmark prints each one's time and users per second.
 *
 * <p>Set-up writes the users' activity through Meadow with Trust installed, so incremental
 * evaluation has counted it: every user submits one review (of one of 10 products), every tenth
 * user a second one, and every review gets a helpful vote. Every backfill therefore recomputes
 * every user's items from core's stores and evaluates all their badges, and changes nothing: the
 * steady state of a scheduled backfill (the benchmark checks that it awards and revokes nothing).
 */
@State(Scope.Benchmark)
public class TrustBackfillBenchmark {
  static final int PAGE = 100;

  /** How many users the backfill goes through. */
  @Param("100000")
  public int users = 100_000;

  /** {@code memory} or {@code postgresql}. */
  @Param({"memory"})
  public String storage = "memory";

  private HikariDataSource pool;
  private Meadow meadow;
  private Trust trust;
  private long setUpNanos;

  @Setup(Level.Trial)
  public void setUp() {
    long start = System.nanoTime();
    Storage chosen = switch (storage) {
      case "memory" -> MemoryStorage.create();
      case "postgresql" -> {
        pool = BenchmarkDatabase.create("trust_backfill");
        yield JdbcStorage.postgres(pool);
      }
      default -> throw new IllegalArgumentException("storage is memory or postgresql, not " + storage);
    };
    meadow = Meadow.builder().storage(chosen).install(Trust.builder().badges(TrustCatalogue.badges())
        .signals((user, signal) -> TrustCatalogue.hostSignal(signal))).build();
    trust = meadow.module(Trust.class);
    StoreId store = StoreId.of("store-1");
    for (int u = 0; u < users; u++) {
      UserId user = UserId.of(String.format(Locale.ROOT, "user-%07d", u));
      int reviews = u % 10 == 0 ? 2 : 1;
      for (int r = 0; r < reviews; r++) {
        Review review = meadow.reviews().submit(user, ReviewDraft.of(ProductId.of("product-" + ((u + r) % 10)), store,
            ReviewContent.of(5 - u % 3, "Review " + r + " by user " + u + ": a fine tea, steeped twice")));
        meadow.reviews().vote(UserId.of("voter-" + (u % 100)), review.id(), true);
      }
    }
    if (pool != null) {
      BenchmarkDatabase.execute(pool, "VACUUM ANALYZE");
    }
    setUpNanos = System.nanoTime() - start;
    System.out.printf(Locale.ROOT, "%n   set-up: %,d users' activity through Meadow and Trust on %s in %.1f s%n", users,
        storage, setUpNanos / 1e9);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.close();
    }
  }

  /** One whole backfill of every user, page after page. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public BackfillResult backfillAll() {
    long start = System.nanoTime();
    BackfillResult total = backfill();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "   backfill of %,d users on %s: %.2f s, %,.0f users/s (awarded %d, revoked %d)%n",
        total.users(), storage, seconds, total.users() / seconds, total.awarded(), total.revoked());
    if (total.awarded() + total.revoked() != 0) {
      throw new IllegalStateException("a backfill after incremental evaluation changed badges: " + total);
    }
    return total;
  }

  /** Backfills every user; returns the users, awards and revocations summed over the pages. */
  BackfillResult backfill() {
    PageRequest page = PageRequest.first(PAGE);
    int seen = 0;
    int awarded = 0;
    int revoked = 0;
    while (true) {
      BackfillResult result = trust.backfill(page);
      seen += result.users();
      awarded += result.awarded();
      revoked += result.revoked();
      if (!result.hasNext()) {
        return new BackfillResult(seen, awarded, revoked, null);
      }
      page = PageRequest.of(PAGE, result.nextCursor());
    }
  }
}
