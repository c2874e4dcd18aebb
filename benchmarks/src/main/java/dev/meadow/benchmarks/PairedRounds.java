package dev.meadow.benchmarks;

import java.time.Duration;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Measures two sides of a comparison, A (Meadow) and B (its baseline), side by side in one JVM on
 * the same data: a round runs A for one time slice and B for another, back to back, and the next
 * round runs B first and then A, so that neither side always comes first. Each round's ratio is A's
 * throughput over B's; {@link RatioReport} summarises the rounds.
 *
 * <p>It is driven by a JMH benchmark in {@code Mode.SingleShotTime}: one invocation of the
 * benchmark method is one round ({@link #round}), JMH's warm-up iterations are warm-up rounds, which
 * are run but not counted, and its measurement iterations are the counted rounds. The benchmark
 * calls {@link #begin} from an iteration-level {@code @Setup} and prints {@link #report} from its
 * trial-level {@code @TearDown}. The time JMH reports for an iteration is that of a whole round and
 * means nothing by itself; the ratio is in the report.
 *
 * <p>A slice calls its side's operation in batches and reads the clock between batches. The batch
 * doubles while one takes less than a hundredth of the slice, so reading the clock costs next to
 * nothing even for operations of a few nanoseconds, and a slice overruns its length by at most a
 * batch; the throughput is the operations done over the time they actually took. Every result goes
 * to JMH's {@link Blackhole}, so the JIT cannot drop the work.
 */
final class PairedRounds {
  /** One operation of a side; what it returns is consumed. */
  @FunctionalInterface
  interface Operation {
    Object run() throws Exception;
  }

  private static final int MAX_BATCH = 1 << 24;

  private final RatioReport report;
  private final Operation a;
  private final Operation b;
  private final long sliceNanos;
  private int batchA = 1;
  private int batchB = 1;
  private boolean measuring;
  private int warmUpRounds;
  private int measuredRounds;

  PairedRounds(String title, String nameA, Operation a, String nameB, Operation b, Duration slice) {
    if (slice.isNegative() || slice.isZero()) {
      throw new IllegalArgumentException("a slice must last some time, was " + slice);
    }
    this.report = new RatioReport(title, nameA, nameB);
    this.a = a;
    this.b = b;
    this.sliceNanos = slice.toNanos();
  }

  /** Notes whether JMH's next iteration is a warm-up round or a measured one. */
  void begin(IterationParams iteration) {
    measuring = iteration.getType() == IterationType.MEASUREMENT;
  }

  /** Runs one round: a slice of each side, A first in every other round and B first in the rest. */
  void round(Blackhole sink) {
    int index = measuring ? measuredRounds++ : warmUpRounds++;
    boolean aFirst = index % 2 == 0;
    double opsA;
    double opsB;
    try {
      if (aFirst) {
        opsA = sliceA(sink);
        opsB = sliceB(sink);
      } else {
        opsB = sliceB(sink);
        opsA = sliceA(sink);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("an operation of the comparison failed", e);
    }
    if (measuring) {
      report.add(new RatioReport.Round(opsA, opsB, aFirst));
    }
  }

  RatioReport report() {
    return report;
  }

  /** The report as text, with how the rounds were run. */
  String format() {
    return report.format(String.format(Locale.ROOT,
        "one JVM, alternating A B / B A, slices of %d ms a side, %d warm-up rounds not counted",
        sliceNanos / 1_000_000, warmUpRounds));
  }

  // Two copies of the same loop, one per side, so that the JIT sees one operation at each call site.

  private double sliceA(Blackhole sink) throws Exception {
    long start = System.nanoTime();
    long deadline = start + sliceNanos;
    long done = 0;
    long now = start;
    do {
      int batch = batchA;
      long batchStart = now;
      for (int i = 0; i < batch; i++) {
        sink.consume(a.run());
      }
      done += batch;
      now = System.nanoTime();
      if (now - batchStart < sliceNanos / 100 && batch < MAX_BATCH) {
        batchA = batch * 2;
      }
    } while (now < deadline);
    return done * 1e9 / (now - start);
  }

  private double sliceB(Blackhole sink) throws Exception {
    long start = System.nanoTime();
    long deadline = start + sliceNanos;
    long done = 0;
    long now = start;
    do {
      int batch = batchB;
      long batchStart = now;
      for (int i = 0; i < batch; i++) {
        sink.consume(b.run());
      }
      done += batch;
      now = System.nanoTime();
      if (now - batchStart < sliceNanos / 100 && batch < MAX_BATCH) {
        batchB = batch * 2;
      }
    } while (now < deadline);
    return done * 1e9 / (now - start);
  }
}
