package dev.meadow.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UlidsTest {
  private static final Instant T = Instant.parse("2026-11-22T10:15:30.123Z");

  /** A clock the test moves by hand, backwards too. */
  private static final class HandClock extends Clock {
    final AtomicLong millis = new AtomicLong(T.toEpochMilli());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @Test
  void next_isWellFormedAndCarriesTheTime() {
    String id = Ulids.create(Clock.fixed(T, ZoneOffset.UTC)).next();
    assertEquals(26, id.length());
    assertTrue(Ulids.isValid(id), id);
    assertEquals(T.toEpochMilli(), Ulids.timestamp(id));
    assertTrue(id.chars().allMatch(c -> "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c) >= 0), "URL-safe alphabet");
  }

  @Test
  void next_isStrictlyIncreasingWithinOneMillisecond() {
    Ulids ids = Ulids.create(Clock.fixed(T, ZoneOffset.UTC));
    String previous = ids.next();
    for (int i = 0; i < 10_000; i++) {
      String next = ids.next();
      assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
      previous = next;
    }
  }

  @Test
  void next_staysIncreasingWhenTheClockStepsBack() {
    HandClock clock = new HandClock();
    Ulids ids = Ulids.create(clock);
    String before = ids.next();
    clock.millis.addAndGet(-5_000);
    String after = ids.next();
    assertTrue(after.compareTo(before) > 0);
    assertEquals(T.toEpochMilli(), Ulids.timestamp(after), "keeps the latest time seen");
  }

  @Test
  void next_carriesOverWhenTheRandomPartRunsOut() {
    // A random source that starts the 80 random bits at their maximum.
    Random maxed = new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public int nextInt(int bound) {
        return bound - 1;
      }

      @Override
      public long nextLong() {
        return -1L;
      }
    };
    Ulids ids = Ulids.create(Clock.fixed(T, ZoneOffset.UTC), maxed);
    String first = ids.next();
    String second = ids.next();
    assertTrue(second.compareTo(first) > 0);
    assertEquals(T.toEpochMilli() + 1, Ulids.timestamp(second));
  }

  @Test
  void next_isUniqueAcrossThreads() throws Exception {
    Ulids ids = Ulids.create(Clock.systemUTC());
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            assertTrue(seen.add(ids.next()));
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(40_000, seen.size());
  }

  @Test
  void encode_sortsLikeTheNumbers() {
    assertTrue(Ulids.encode(1, 0, 0).compareTo(Ulids.encode(2, 0, 0)) < 0);
    assertTrue(Ulids.encode(1, 0, -1L).compareTo(Ulids.encode(1, 1, 0)) < 0, "high bits outrank low bits");
    assertEquals("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", Ulids.encode((1L << 48) - 1, 0xFFFF, -1L));
    assertEquals("00000000000000000000000000", Ulids.encode(0, 0, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "01", "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A2", "01jd5z8y0q3e4n6v7w8x9y0z1a", "01JD5Z8Y0Q3E4N6V7W8X9Y0ZIU",
      "81JD5Z8Y0Q3E4N6V7W8X9Y0Z1A", "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1'", "01JD5Z8Y0Q3E4N6V7W8X9Y0Z\n1"})
  void check_rejectsMalformedIds(String value) {
    ValidationException e = assertThrows(ValidationException.class, () -> Ulids.check("groupId", value));
    assertTrue(e.names("groupId"));
    assertFalse(Ulids.isValid(value));
  }
}
