package dev.meadow.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.meadow.core.GroupId;
import dev.meadow.core.Actor;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.modules.Cursors;
import java.security.SecureRandom;
import java.time.Duration;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Paging cursors: a signed cursor's encode-and-decode round trip against the baseline of one
 * HMAC-SHA256 over the same bytes (the least any signed cursor costs), the two measured side by
 * side in {@link PairedRounds} (the ratio is round trips per second over HMACs per second), and a
 * page of 20 group members read after a cursor through {@code meadow.groups().members(...)} on
 * in-memory storage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CursorBenchmark {
  private static final String LISTING = "group.members";
  private static final int MEMBERS = 1_000;

  private Cursors cursors;
  private HashFunction hmac;
  private String[] key;
  private byte[] keyBytes;
  private Meadow meadow;
  private GroupId groupId;
  private String middleCursor;
  private PairedRounds rounds;

  /** How long each side of {@link #cursorVsHmac} runs in a round, in milliseconds. */
  @Param("100")
  public int sliceMillis = 100;

  @Setup(Level.Trial)
  public void setUp() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    cursors = Cursors.withSecret(secret);
    hmac = Hashing.hmacSha256(secret);
    key = new String[] {"01JD6T1Q7W4J0M9K3F2A8B5C7D", Long.toString(1_795_326_530_854L), "user-000123"};
    keyBytes = (LISTING + '\u001f' + String.join("\u001f", key)).getBytes(UTF_8);

    meadow = Meadow.builder().cursorSecret(secret).build();
    Group group = meadow.groups().create(UserId.of("owner"), GroupDraft.of("Benchmark", "benchmark"));
    groupId = group.id();
    for (int i = 1; i < MEMBERS; i++) {
      meadow.groups().join(UserId.of(String.format("user-%06d", i)), groupId);
    }
    // Walk to the middle of the listing, a full page at a time.
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    for (int read = PageRequest.MAX_LIMIT; read <= MEMBERS / 2; read += PageRequest.MAX_LIMIT) {
      request = request.next(meadow.groups().members(Actor.ANONYMOUS, groupId, request));
    }
    middleCursor = request.cursor();
    rounds = new PairedRounds("CursorBenchmark.cursorVsHmac", "cursor round trip", this::cursorRoundTrip,
        "one HMAC-SHA256", this::hmacBaseline, Duration.ofMillis(sliceMillis));
  }

  @Setup(Level.Iteration)
  public void beginRound(IterationParams iteration) {
    rounds.begin(iteration);
  }

  @TearDown(Level.Trial)
  public void tearDown(BenchmarkParams benchmark) {
    if (benchmark.getBenchmark().endsWith(".cursorVsHmac")) {
      System.out.print(rounds.format());
    }
  }

  /** One round: a slice of cursor round trips and a slice of HMACs, in turns. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(1)
  @Warmup(iterations = 20)
  @Measurement(iterations = 100)
  public void cursorVsHmac(Blackhole sink) {
    rounds.round(sink);
  }

  /** Side A: encoding a cursor and decoding it again. */
  List<String> cursorRoundTrip() {
    return cursors.decode(LISTING, cursors.encode(LISTING, key), key.length);
  }

  /** Side B: one HMAC over the same bytes. */
  byte[] hmacBaseline() {
    return hmac.hashBytes(keyBytes).asBytes();
  }

  @Benchmark
  public Page<Membership> membersPageAfterCursor() {
    return meadow.groups().members(Actor.ANONYMOUS, groupId, PageRequest.of(20, middleCursor));
  }
}
