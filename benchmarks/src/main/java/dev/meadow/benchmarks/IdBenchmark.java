package dev.meadow.benchmarks;

import dev.meadow.core.internal.Ulids;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Generating one of Meadow's own ids (a monotonic ULID, as every group and event gets) against
 * the baseline of a random UUID in its string form.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdBenchmark {
  private final Ulids ulids = Ulids.create(Clock.systemUTC());

  @Benchmark
  public String meadowId() {
    return ulids.next();
  }

  @Benchmark
  public String uuidBaseline() {
    return UUID.randomUUID().toString();
  }
}
