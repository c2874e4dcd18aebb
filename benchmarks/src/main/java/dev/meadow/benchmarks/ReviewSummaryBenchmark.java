package dev.meadow.benchmarks;

import com.google.common.hash.Hashing;
import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.core.Meadow;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.internal.Ulids;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Provenance;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.reviews.Verification;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.JdbcStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Reading a product's rating summary with {@code meadow.reviews().summary(...)} when the product
 * has 10 published reviews and when it has 1,000,000, on {@link MemoryStorage} and on
 * {@link JdbcStorage} over PostgreSQL. The target is the same cost at both sizes (within 2×): the
 * summary is kept up to date as reviews change, so reading it never visits the reviews.
 *
 * <p>Both sizes live in one storage (one database and pool on PostgreSQL), as two products of one
 * store, and are measured in {@link PairedRounds}: each round reads the large product's summary
 * for one slice of time and the small one's for another, back to back, in turns (A B, then B A).
 * The report's ratio is the large product's reads per second over the small one's, so 1.0× is the
 * same cost and the target is a median between 0.5× and 2×.
 *
 * <p>Setup only, and not what is measured: the reviews are written straight through the storage
 * SPI ({@code insertReview}, 10,000 to a transaction), since a million submits through the public
 * API would take over ten minutes on PostgreSQL; then
 * {@code meadow.reviews().rebuildSummary(...)} computes each product's summary from them, the
 * numbers submits would have kept. On PostgreSQL the tables are then vacuumed and analysed, as
 * autovacuum would have done on a live database.
 *
 * <p>The fork runs with a fixed heap of 2 GiB, touched in advance: a million reviews otherwise make
 * the JVM grow its heap during the first rounds.
 */
@State(Scope.Benchmark)
public class ReviewSummaryBenchmark {
  private static final int BATCH = 10_000;

  /** How many published reviews the small product has. */
  static final int SMALL = 10;

  /** How many published reviews the large product has. */
  @Param("1000000")
  public int reviews = 1_000_000;

  /** The storage adapter: {@code memory} or {@code postgresql}. */
  @Param({"memory", "postgresql"})
  public String storage;

  /** How long each size is read in a round, in milliseconds. */
  @Param("250")
  public int sliceMillis = 250;

  private @Nullable HikariDataSource pool;
  private Meadow meadow;
  private SummaryKey small;
  private SummaryKey large;
  private PairedRounds rounds;

  @Setup(Level.Trial)
  public void setUp() {
    Storage adapter = switch (storage) {
      case "memory" -> MemoryStorage.create();
      case "postgresql" -> JdbcStorage.postgres(pool = BenchmarkDatabase.create("review_summary"));
      default -> throw new IllegalArgumentException("storage is memory or postgresql, was " + storage);
    };
    meadow = Meadow.builder().storage(adapter).build();
    StoreId store = StoreId.of("store-1");
    small = populate(adapter, ProductId.of("product-small"), store, SMALL);
    large = populate(adapter, ProductId.of("product-large"), store, reviews);
    if (pool != null) {
      BenchmarkDatabase.execute(pool, "VACUUM ANALYZE");
    }
    rounds = new PairedRounds("ReviewSummaryBenchmark.largeVsSmall (" + storage + ")",
        String.format(Locale.ROOT, "summary of %,d reviews", reviews), this::largeSummary,
        "summary of " + SMALL + " reviews", this::smallSummary, Duration.ofMillis(sliceMillis));
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

  /** One round: a slice of reads of the large product's summary and a slice of the small one's, in turns. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
  @Warmup(iterations = 8)
  @Measurement(iterations = 120)
  public void largeVsSmall(Blackhole sink) {
    rounds.round(sink);
  }

  /** Side A: the summary of the product with {@link #reviews} reviews. */
  RatingSummary largeSummary() {
    return meadow.reviews().summary(large);
  }

  /** Side B: the summary of the product with {@value #SMALL} reviews. */
  RatingSummary smallSummary() {
    return meadow.reviews().summary(small);
  }

  /**
   * Writes {@code count} published reviews of one product, by as many users, in big transactions,
   * and has Meadow compute the product's summary from them.
   */
  private SummaryKey populate(Storage adapter, ProductId productId, StoreId storeId, int count) {
    Ulids ids = Ulids.create(Clock.systemUTC());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String body = "Fits true to size and washes well.";
    String textHash = Hashing.sha256().hashString(body, StandardCharsets.UTF_8).toString();
    Verification unverified = new Verification(null, now, false, "no purchase of the product was found");
    Provenance provenance = new Provenance(Source.ORGANIC, unverified, Incentive.NONE, Relationship.NONE);
    for (int from = 0; from < count; from += BATCH) {
      int first = from;
      int last = Math.min(count, from + BATCH);
      adapter.inTransaction(tx -> {
        for (int i = first; i < last; i++) {
          Review review = new Review(new ReviewId(ids.next()), productId, storeId, UserId.of("user-" + i), null,
              "product", 1 + i % 5, null, body, List.of(), Map.of(), null, provenance, ReviewState.PUBLISHED,
              List.of(), textHash, 0, 0, 0, 0, now, null, 1);
          if (!tx.reviews().insertReview(review)) {
            throw new IllegalStateException("review " + i + " was not inserted");
          }
        }
        return null;
      });
    }
    SummaryKey key = SummaryKey.product(productId);
    RatingSummary summary = meadow.reviews().rebuildSummary(key);
    if (summary.count() != count) {
      throw new IllegalStateException(productId + " has " + summary.count() + " reviews, not " + count);
    }
    return key;
  }
}
