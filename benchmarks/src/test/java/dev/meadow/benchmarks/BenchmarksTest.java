package dev.meadow.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.groups.Membership;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark method once, outside JMH, so that {@code mvn verify} catches a benchmark
 * that no longer measures what it says (JMH itself only reports such failures in its output).
 */
class BenchmarksTest {

  @Test
  void idBenchmark_returnsIncreasingMeadowIdsAndUuidStrings() {
    IdBenchmark benchmark = new IdBenchmark();
    String first = benchmark.meadowId();
    String second = benchmark.meadowId();
    assertEquals(26, first.length());
    assertTrue(second.compareTo(first) > 0, first + " then " + second);
    assertEquals(36, benchmark.uuidBaseline().length());
  }

  @Test
  void joinBenchmark_joinsNewMembersAndLeavesExistingOnesAlone() {
    JoinBenchmark benchmark = new JoinBenchmark();
    benchmark.setUp();
    assertEquals(JoinResult.JOINED, benchmark.joinNewMember());
    assertEquals(JoinResult.JOINED, benchmark.joinNewMember());
    assertEquals(JoinResult.ALREADY_MEMBER, benchmark.joinExistingMember());
  }

  @Test
  void cursorBenchmark_roundTripsKeysAndReadsAPageFromTheMiddle() {
    CursorBenchmark benchmark = new CursorBenchmark();
    benchmark.setUp();
    assertEquals(List.of("01JD6T1Q7W4J0M9K3F2A8B5C7D", "1795326530854", "user-000123"), benchmark.cursorRoundTrip());
    assertEquals(32, benchmark.hmacBaseline().length);
    List<String> page = benchmark.membersPageAfterCursor().items().stream()
        .map(Membership::userId).map(Object::toString).toList();
    assertEquals(20, page.size());
    assertEquals("user-000500", page.get(0));
  }
}
