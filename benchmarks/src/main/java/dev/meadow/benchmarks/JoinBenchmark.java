package dev.meadow.benchmarks;

import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.memory.MemoryStorage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@code meadow.groups().join(...)} on {@link MemoryStorage}, one thread: a new
 * member (a transaction with a membership insert, the group's member count, the user's joined-groups limit, the group's activity tally and an outbox event), and a
 * repeated join of an existing member (the idempotent path, which changes nothing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JoinBenchmark {
  private Meadow meadow;
  private Group group;
  private UserId existing;
  private long next;

  /** A fresh storage each iteration, so the number of members stays within one iteration's joins. */
  @Setup(Level.Iteration)
  public void setUp() {
    meadow = Meadow.builder().storage(MemoryStorage.create()).build();
    group = meadow.groups().create(UserId.of("owner"), GroupDraft.of("Benchmark", "benchmark"));
    existing = UserId.of("member");
    meadow.groups().join(existing, group.id());
    next = 0;
  }

  @Benchmark
  public JoinResult joinNewMember() {
    return meadow.groups().join(UserId.of("user-" + next++), group.id());
  }

  @Benchmark
  public JoinResult joinExistingMember() {
    return meadow.groups().join(existing, group.id());
  }
}
