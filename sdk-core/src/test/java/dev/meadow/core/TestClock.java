package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock that stands still until a test moves it: tests move time, they never sleep. */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private volatile Duration tick = Duration.ZERO;

  private TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Returns a clock standing at {@code instant}, an ISO-8601 UTC instant. */
  public static TestClock at(String instant) {
    return new TestClock(Instant.parse(instant));
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public void advance(Duration duration) {
    requireNonNull(duration, "duration");
    now.updateAndGet(t -> t.plus(duration));
  }

  /** Puts the clock at {@code instant}. */
  public void set(Instant instant) {
    now.set(requireNonNull(instant, "instant"));
  }

  /**
   * From now on, moves the clock forward by {@code tick} each time it is read, after the reading,
   * as if that much time passed between any two readings; {@code Duration.ZERO} stands it still
   * again.
   */
  public void tickOnEveryRead(Duration tick) {
    requireNonNull(tick, "tick");
    if (tick.isNegative()) {
      throw new IllegalArgumentException("tick must not be negative, was " + tick);
    }
    this.tick = tick;
  }

  @Override
  public Instant instant() {
    Duration step = tick;
    return step.isZero() ? now.get() : now.getAndUpdate(t -> t.plus(step));
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
