package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until a test moves it: tests move time, they never sleep. */
public final class TestClock extends Clock {
  private volatile Instant now;

  private TestClock(Instant start) {
    this.now = start;
  }

  /** Returns a clock standing at {@code instant}, an ISO-8601 UTC instant. */
  public static TestClock at(String instant) {
    return new TestClock(Instant.parse(instant));
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public void advance(Duration duration) {
    now = now.plus(requireNonNull(duration, "duration"));
  }

  /** Puts the clock at {@code instant}. */
  public void set(Instant instant) {
    now = requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("a TestClock is always UTC");
    }
    return this;
  }
}
