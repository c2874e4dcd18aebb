package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A declarative badge rule over named {@link Signal}s: comparisons combined with {@link #and} and
 * {@link #or}. Immutable.
 *
 * <pre>{@code
 * Rule topReviewer = Rule.atLeast(Signal.REVIEWS, 10)
 *     .and(Rule.atLeast(Signal.HELPFUL_LOWER_BOUND, 0.6))
 *     .and(Rule.atMost(Signal.UPHELD_REPORTS, 0));
 * Rule recent = Rule.atLeast(Signal.POSTS, 3).within(Duration.ofDays(30));
 * }</pre>
 */
public final class Rule {
  /** The longest time window a comparison counts within. */
  public static final Duration MAX_WINDOW = Duration.ofDays(3660);

  private enum Op { AT_LEAST, AT_MOST, AND, OR }

  private final Op op;
  private final @Nullable Signal signal;
  private final double bound;
  private final @Nullable Duration window;
  private final List<Rule> parts;

  private Rule(Op op, @Nullable Signal signal, double bound, @Nullable Duration window, List<Rule> parts) {
    this.op = op;
    this.signal = signal;
    this.bound = bound;
    this.window = window;
    this.parts = parts;
  }

  /**
   * Holds when {@code signal} is at least {@code bound}.
   *
   * @throws IllegalArgumentException if {@code bound} is not a finite number
   */
  public static Rule atLeast(Signal signal, double bound) {
    return compare(Op.AT_LEAST, signal, bound);
  }

  /**
   * Holds when {@code signal} is at most {@code bound}.
   *
   * @throws IllegalArgumentException if {@code bound} is not a finite number
   */
  public static Rule atMost(Signal signal, double bound) {
    return compare(Op.AT_MOST, signal, bound);
  }

  private static Rule compare(Op op, Signal signal, double bound) {
    requireNonNull(signal, "signal");
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException("a rule's bound must be finite, was " + bound);
    }
    return new Rule(op, signal, bound, null, List.of());
  }

  /**
   * Returns this comparison counting only what happened within {@code window} before the
   * evaluation. Only Meadow's counted signals have a window ({@link Signal#REVIEWS},
   * {@link Signal#VERIFIED_REVIEWS}, {@link Signal#POSTS}, {@link Signal#COMMENTS},
   * {@link Signal#CLEAN_CONVERSIONS}, ...; by the time the review, post, comment or order happened).
   *
   * @throws IllegalArgumentException if this is not a single comparison of a Meadow signal other
   *     than the derived {@link Signal#HELPFUL_LOWER_BOUND}, {@link Signal#FOLLOWERS} and
   *     {@link Signal#TENURE_DAYS}, or {@code window} is not positive and at most {@link #MAX_WINDOW}
   */
  public Rule within(Duration window) {
    requireNonNull(window, "window");
    if (signal == null || signal.host() || !Signals.windowed(signal)) {
      throw new IllegalArgumentException("only a comparison of a counted Meadow signal has a time window: " + this);
    }
    if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("a window must be positive and at most " + MAX_WINDOW + ", was " + window);
    }
    return new Rule(op, signal, bound, window, List.of());
  }

  /** Holds when this and {@code other} both hold. */
  public Rule and(Rule other) {
    requireNonNull(other, "other");
    return new Rule(Op.AND, null, 0, null, List.of(this, other));
  }

  /** Holds when this or {@code other} holds. */
  public Rule or(Rule other) {
    requireNonNull(other, "other");
    return new Rule(Op.OR, null, 0, null, List.of(this, other));
  }

  /** Returns every signal the rule reads. */
  Set<Signal> signals() {
    Set<Signal> found = new LinkedHashSet<>();
    collect(found);
    return found;
  }

  private void collect(Set<Signal> found) {
    if (signal != null) {
      found.add(signal);
    }
    parts.forEach(p -> p.collect(found));
  }

  /** Reads a signal's value for an evaluation, counted from {@code since} when it is not null. */
  interface Values {
    double value(Signal signal, @Nullable Instant since);
  }

  boolean holds(Values values, Instant now) {
    return switch (op) {
      case AT_LEAST -> values.value(signal(), since(now)) >= bound;
      case AT_MOST -> values.value(signal(), since(now)) <= bound;
      case AND -> parts.get(0).holds(values, now) && parts.get(1).holds(values, now);
      case OR -> parts.get(0).holds(values, now) || parts.get(1).holds(values, now);
    };
  }

  private Signal signal() {
    return requireNonNull(signal);
  }

  private @Nullable Instant since(Instant now) {
    return window == null ? null : now.minus(window);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rule r && r.op == op && java.util.Objects.equals(r.signal, signal)
        && Double.compare(r.bound, bound) == 0 && java.util.Objects.equals(r.window, window) && r.parts.equals(parts);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(op, signal, bound, window, parts);
  }

  @Override
  public String toString() {
    return switch (op) {
      case AT_LEAST, AT_MOST -> signal().name() + (op == Op.AT_LEAST ? " >= " : " <= ") + bound
          + (window == null ? "" : " within " + window);
      case AND, OR -> "(" + parts.get(0) + (op == Op.AND ? " and " : " or ") + parts.get(1) + ")";
    };
  }
}
