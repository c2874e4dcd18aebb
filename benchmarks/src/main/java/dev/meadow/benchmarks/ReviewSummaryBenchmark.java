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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a product's rating summary with {@code meadow.reviews().summary(...)} when the product
 * has 10 published reviews and when it has 1,000,000, on {@link MemoryStorage} and on
 * {@link JdbcStorage} over PostgreSQL. The target is the same cost at both sizes (within 2×): the
 * summary is kept up to date as reviews change, so reading it never visits the reviews.
 *
 * <p>Setup only, and not what is measured: the reviews are written straight through the storage
 * SPI ({@code insertReview}, 10,000 to a transaction), since a million submits through the public
 * API would take over ten minutes on PostgreSQL; then
 * {@code meadow.reviews().rebuildSummary(...)} computes the product's summary from them, the
 * numbers submits would have kept. On PostgreSQL the tables are then vacuumed and analysed, as
 * autovacuum would have done on a live database.
 *
 * <p>Each fork runs with a fixed heap of 2 GiB, touched in advance, at both sizes: a million
 * reviews otherwise make the JVM grow its heap during the first measured iterations, and the
 * ratio between the sizes then measures heap sizing rather than the summary read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 5, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReviewSummaryBenchmark {
  private static final int BATCH = 10_000;

  /** How many published reviews the product has. */
  @Param({"10", "1000000"})
  public int reviews;

  /** The storage adapter: {@code memory} or {@code postgresql}. */
  @Param({"memory", "postgresql"})
  public String storage;

  private @Nullable HikariDataSource pool;
  private Meadow meadow;
  private SummaryKey product;

  @Setup
  public void setUp() {
    Storage adapter = switch (storage) {
      case "memory" -> MemoryStorage.create();
      case "postgresql" -> JdbcStorage.postgres(pool = BenchmarkDatabase.create("review_summary"));
      default -> throw new IllegalArgumentException("storage is memory or postgresql, was " + storage);
    };
    meadow = Meadow.builder().storage(adapter).build();
    ProductId productId = ProductId.of("product-1");
    product = SummaryKey.product(productId);
    populate(adapter, productId, StoreId.of("store-1"));
    RatingSummary summary = meadow.reviews().rebuildSummary(product);
    if (summary.count() != reviews) {
      throw new IllegalStateException("the product has " + summary.count() + " reviews, not " + reviews);
    }
    if (pool != null) {
      BenchmarkDatabase.execute(pool, "VACUUM ANALYZE");
    }
  }

  @TearDown
  public void tearDown() {
    if (pool != null) {
      pool.close();
    }
  }

  @Benchmark
  public RatingSummary summary() {
    return meadow.reviews().summary(product);
  }

  /** Writes {@link #reviews} published reviews of one product, by as many users, in big transactions. */
  private void populate(Storage adapter, ProductId productId, StoreId storeId) {
    Ulids ids = Ulids.create(Clock.systemUTC());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String body = "Fits true to size and washes well.";
    String textHash = Hashing.sha256().hashString(body, StandardCharsets.UTF_8).toString();
    Verification unverified = new Verification(null, now, false, "no purchase of the product was found");
    Provenance provenance = new Provenance(Source.ORGANIC, unverified, Incentive.NONE, Relationship.NONE);
    for (int from = 0; from < reviews; from += BATCH) {
      int first = from;
      int last = Math.min(reviews, from + BATCH);
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
  }
}
