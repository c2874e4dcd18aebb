package dev.meadow.webhooks;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff with jitter, and how many attempts
 * there are in all.
 *
 * <p>After failed attempt {@code n} (from 1), the next waits {@code min(initialDelay × multiplier^(n−1),
 * maxDelay)}, scaled by a random factor in {@code [1 − jitter, 1 + jitter)} so that deliveries that
 * failed together do not all come back together. After attempt {@code maxAttempts} fails, the
 * delivery becomes a dead letter.
 *
 * <p>{@link #standard()} follows the spirit of the Standard Webhooks example schedule: 10 attempts
 * over about three days (5 s, 25 s, about 2 min, 10 min, 52 min, 4.3 h, 21.7 h, then 24 h twice:
 * 3.1 days before jitter).
 *
 * @param maxAttempts attempts in all, 1 to 100
 * @param initialDelay the wait after the first failure; positive
 * @param multiplier how much each wait grows, 1 to 100
 * @param maxDelay the longest wait before jitter; at least {@code initialDelay}, at most 30 days
 * @param jitter the random share of each wait, 0 (none) to 1
 */
public record RetrySchedule(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
    double jitter) {
  /**
   * Checks the schedule.
   *
   * @throws IllegalArgumentException naming the value out of range
   */
  public RetrySchedule {
    requireNonNull(initialDelay, "initialDelay");
    requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 100, was " + maxAttempts);
    }
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
    }
    if (!(multiplier >= 1 && multiplier <= 100)) {
      throw new IllegalArgumentException("multiplier must be 1 to 100, was " + multiplier);
    }
    if (maxDelay.compareTo(initialDelay) < 0 || maxDelay.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException("maxDelay must be initialDelay to 30 days, was " + maxDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be 0 to 1, was " + jitter);
    }
  }

  /** Returns Meadow's default: 10 attempts, from 5 seconds growing fivefold to at most 24 hours, ±20% jitter. */
  public static RetrySchedule standard() {
    return new RetrySchedule(10, Duration.ofSeconds(5), 5, Duration.ofHours(24), 0.2);
  }

  /** Returns this schedule with another number of attempts. */
  public RetrySchedule withMaxAttempts(int maxAttempts) {
    return new RetrySchedule(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
  }

  /** Returns the wait before jitter after failed attempt {@code attempt}, from 1. */
  public Duration nominalDelay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
    return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
  }

  /** Returns the wait after failed attempt {@code attempt}, from 1, with jitter drawn from {@code random}. */
  public Duration delay(int attempt, RandomGenerator random) {
    requireNonNull(random, "random");
    long nominal = nominalDelay(attempt).toMillis();
    double factor = 1 - jitter + 2 * jitter * random.nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(nominal * factor)));
  }

  /** Returns whether attempt {@code attempt} was the last one. */
  public boolean exhaustedAfter(int attempt) {
    return attempt >= maxAttempts;
  }
}
