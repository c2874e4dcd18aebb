package dev.meadow.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  @DisplayName("The standard schedule: 10 attempts, waits of 5 s growing fivefold up to 24 h, about three days in all")
  void standardSchedule() {
    RetrySchedule standard = RetrySchedule.standard();
    assertEquals(10, standard.maxAttempts());
    List<Duration> waits = IntStream.rangeClosed(1, 9).mapToObj(standard::nominalDelay).toList();
    assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(125), Duration.ofSeconds(625),
        Duration.ofSeconds(3125), Duration.ofSeconds(15625), Duration.ofSeconds(78125), Duration.ofHours(24),
        Duration.ofHours(24)), waits);
    Duration total = waits.stream().reduce(Duration.ZERO, Duration::plus);
    assertTrue(total.compareTo(Duration.ofDays(3)) > 0 && total.compareTo(Duration.ofHours(80)) < 0, total.toString());
    assertFalse(standard.exhaustedAfter(9));
    assertTrue(standard.exhaustedAfter(10));
  }

  @Test
  @DisplayName("Jitter scales each wait by a factor between 1 - jitter and 1 + jitter, drawn from the given random")
  void jitterBounds() {
    RetrySchedule standard = RetrySchedule.standard();
    assertEquals(Duration.ofSeconds(100), standard.delay(3, fixed(0.0)));
    assertEquals(Duration.ofSeconds(125), standard.delay(3, fixed(0.5)));
    assertEquals(Duration.ofMillis(149_950), standard.delay(3, fixed(0.999)));
    RetrySchedule none = new RetrySchedule(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(3), 0);
    assertEquals(Duration.ofSeconds(1), none.delay(1, fixed(0.9)));
    assertEquals(Duration.ofSeconds(2), none.delay(2, fixed(0.1)));
    assertEquals(Duration.ofSeconds(3), none.delay(3, fixed(0.1)), "capped at maxDelay");
  }
}
