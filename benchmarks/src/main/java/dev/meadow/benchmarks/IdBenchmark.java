package dev.meadow.benchmarks;

import dev.meadow.core.internal.Ulids;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
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
 * Generating one of Meadow's own ids (a monotonic ULID, as every group and event gets) against
 * the baseline of a random UUID in its string form, the two measured side by side in
 * {@link PairedRounds}: the ratio is Meadow's ids per second over the UUIDs per second.
 */
@State(Scope.Benchmark)
public class IdBenchmark {
  /** How long each side runs in a round, in milliseconds. */
  @Param("100")
  public int sliceMillis = 100;

  private final Ulids ulids = Ulids.create(Clock.systemUTC());
  private PairedRounds rounds;

  @Setup(Level.Trial)
  public void setUp() {
    rounds = new PairedRounds("IdBenchmark.meadowVsUuid", "Meadow id", this::meadowId, "random UUID",
        this::uuidBaseline, Duration.ofMillis(sliceMillis));
  }

  @Setup(Level.Iteration)
  public void beginRound(IterationParams iteration) {
    rounds.begin(iteration);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.print(rounds.format());
  }

  /** One round: a slice of Meadow ids and a slice of UUIDs, in turns. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(1)
  @Warmup(iterations = 20)
  @Measurement(iterations = 100)
  public void meadowVsUuid(Blackhole sink) {
    rounds.round(sink);
  }

  /** Side A. */
  String meadowId() {
    return ulids.next();
  }

  /** Side B. */
  String uuidBaseline() {
    return UUID.randomUUID().toString();
  }
}
