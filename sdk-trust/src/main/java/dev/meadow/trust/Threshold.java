package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One threshold of a trust level: a {@link Signal} of the user at least (an achievement, kept once
 * reached) or at most (conduct, such as upheld reports, whose breach demotes) a bound, optionally
 * counted within a time window. Immutable.
 *
 * <pre>{@code
 * Threshold reviews = Threshold.atLeast(Signal.REVIEWS, 3);
 * Threshold fair = Threshold.atMost(Signal.UPHELD_REPORTS, 1).within(Duration.ofDays(90));
 * }</pre>
 *
 * @param signal the signal compared
 * @param atMost {@code true} for "no more than {@code bound}", {@code false} for "at least {@code bound}"
 * @param bound the bound, a finite number
 * @param window the stretch of time counted before the evaluation, or {@code null} for all time
 */
public record Threshold(Signal signal, boolean atMost, double bound, @Nullable Duration window) {
  /**
   * Checks the threshold.
   *
   * @throws IllegalArgumentException if {@code bound} is not finite, or the window is not one
   *     {@link Rule#within} accepts for the signal
   */
  public Threshold {
    requireNonNull(signal, "signal");
    Rule comparison = atMost ? Rule.atMost(signal, bound) : Rule.atLeast(signal, bound);
    if (window != null) {
      comparison.within(window);
    }
  }

  /** Returns a threshold met when {@code signal} is at least {@code bound}. */
  public static Threshold atLeast(Signal signal, double bound) {
    return new Threshold(signal, false, bound, null);
  }

  /** Returns a threshold met when {@code signal} is at most {@code bound}. */
  public static Threshold atMost(Signal signal, double bound) {
    return new Threshold(signal, true, bound, null);
  }

  /**
   * Returns this threshold counting only what happened within {@code window} before the evaluation.
   *
   * @throws IllegalArgumentException as {@link Rule#within} does
   */
  public Threshold within(Duration window) {
    return new Threshold(signal, atMost, bound, requireNonNull(window, "window"));
  }

  /** Returns the threshold as the badge rule it is evaluated as. */
  Rule rule() {
    Rule comparison = atMost ? Rule.atMost(signal, bound) : Rule.atLeast(signal, bound);
    return window == null ? comparison : comparison.within(window);
  }

  /** Returns the threshold as a person reads it, such as {@code upheld_reports <= 1 within 90 days}. */
  @Override
  public String toString() {
    String number = bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    String within = window == null ? ""
        : window.toSeconds() % 86_400 == 0 ? " within " + window.toDays() + " days" : " within " + window;
    return signal.name() + (atMost ? " <= " : " >= ") + number + within;
  }
}
