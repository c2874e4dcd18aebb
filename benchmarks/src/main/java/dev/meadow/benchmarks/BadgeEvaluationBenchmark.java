package dev.meadow.benchmarks;

import dev.meadow.core.Meadow;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.trust.Trust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;

/**
 * What Trust adds to one Meadow event in memory: a helpful (or, one in four, unhelpful) vote by a
 * new voter on a review, through {@code meadow.reviews().vote(...)} on {@code MemoryStorage}, with
 * Trust installed with the 16-badge {@link TrustCatalogue} (side A) and without Trust (side B), in
 * {@link PairedRounds}. With Trust, the vote's event is followed on the calling thread by Trust's
 * incremental evaluation: one transaction that reads the review back, rewrites its 10
 * contributions and evaluates the 12 (badge, subject) pairs whose rules read a review signal,
 * tenure or a host signal. The target is at most 20 µs per event, read as the per-round
 * difference of the two sides' times per vote.
 *
 * <p>Each side has its own Meadow with the same data, written in set-up through the same Meadow:
 * 50 authors with 10 reviews each of 10 products of one store (so the author's signals sum over
 * 10 reviews), the votes spread over the 500 reviews in turn.
 */
@State(Scope.Benchmark)
public class BadgeEvaluationBenchmark {
  static final int AUTHORS = 50;
  static final int REVIEWS_EACH = 10;

  /** How long each side runs in a round, in milliseconds. */
  @Param("100")
  public int sliceMillis = 100;

  private Side withTrust;
  private Side withoutTrust;
  private PairedRounds rounds;

  /** One Meadow with its reviews and its own stream of new voters. */
  static final class Side {
    final Meadow meadow;
    final List<Review> reviews = new ArrayList<>();
    private long next;

    Side(boolean trust) {
      Meadow.Builder builder = Meadow.builder().storage(MemoryStorage.create());
      if (trust) {
        builder.install(Trust.builder().badges(TrustCatalogue.badges())
            .signals((user, signal) -> TrustCatalogue.hostSignal(signal)));
      }
      meadow = builder.build();
      StoreId store = StoreId.of("store-1");
      for (int a = 0; a < AUTHORS; a++) {
        for (int p = 0; p < REVIEWS_EACH; p++) {
          reviews.add(meadow.reviews().submit(UserId.of("author-" + a), ReviewDraft.of(ProductId.of("product-" + p),
              store, ReviewContent.of(4, "Review " + p + " by author " + a + ": steeps well, keeps its taste"))));
        }
      }
    }

    /** One vote by a new voter on the next review. */
    boolean vote() {
      long n = next++;
      return meadow.reviews().vote(UserId.of("voter-" + n), reviews.get((int) (n % reviews.size())).id(), n % 4 != 0);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    withTrust = new Side(true);
    withoutTrust = new Side(false);
    rounds = new PairedRounds("BadgeEvaluationBenchmark.withVsWithoutTrust", "vote with Trust", this::voteWithTrust,
        "vote without Trust", this::voteWithoutTrust, Duration.ofMillis(sliceMillis));
  }

  @Setup(Level.Iteration)
  public void beginRound(IterationParams iteration) {
    rounds.begin(iteration);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.print(rounds.format());
    System.out.print(rounds.report().formatAddedCost("Trust's evaluation per vote", 20));
  }

  /** One round: a slice of votes with Trust and a slice without, in turns. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
  @Warmup(iterations = 10)
  @Measurement(iterations = 100)
  public void withVsWithoutTrust(Blackhole sink) {
    rounds.round(sink);
  }

  /** Side A: a vote through a Meadow with Trust. */
  boolean voteWithTrust() {
    return withTrust.vote();
  }

  /** Side B: the same vote through a Meadow without Trust. */
  boolean voteWithoutTrust() {
    return withoutTrust.vote();
  }

  /** The Meadow with Trust, for the smoke test. */
  Meadow meadowWithTrust() {
    return withTrust.meadow;
  }

  Review firstReviewWithTrust() {
    return withTrust.reviews.get(0);
  }
}
