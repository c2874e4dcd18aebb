package dev.meadow.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The rounds of a paired measurement ({@link PairedRounds}) and what they add up to: for each
 * round, side A's and side B's throughput and their ratio A / B; over the rounds, the median, the
 * quartiles, the smallest and the largest ratio, and each side's median throughput.
 *
 * <p>The ratio is taken round by round, between two slices measured back to back, and only then
 * summarised: a change in the machine's load between rounds moves both sides of a round together
 * and mostly leaves their ratio alone, where a ratio of two separately measured averages takes the
 * change in full.
 */
final class RatioReport {
  /** One round: each side's operations per second, and whether side A ran first. */
  record Round(double a, double b, boolean aFirst) {
    double ratio() {
      return a / b;
    }
  }

  /**
   * Median, quartiles and extremes of some figures. The quartiles interpolate linearly between
   * the closest ranks (R's default, "type 7", and NumPy's): of 1, 2, 3, 4 the median is 2.5, the
   * first quartile 1.75 and the third 3.25.
   */
  record Spread(double median, double q1, double q3, double min, double max) {
    static Spread of(double[] values) {
      if (values.length == 0) {
        throw new IllegalArgumentException("no values to summarise");
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      return new Spread(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), sorted[0],
          sorted[sorted.length - 1]);
    }

    /** The third quartile less the first: the range of the middle half of the figures. */
    double iqr() {
      return q3 - q1;
    }
  }

  private final String title;
  private final String nameA;
  private final String nameB;
  private final List<Round> rounds = new ArrayList<>();

  RatioReport(String title, String nameA, String nameB) {
    this.title = title;
    this.nameA = nameA;
    this.nameB = nameB;
  }

  void add(Round round) {
    rounds.add(round);
  }

  List<Round> rounds() {
    return List.copyOf(rounds);
  }

  Spread ratios() {
    return Spread.of(rounds.stream().mapToDouble(Round::ratio).toArray());
  }

  Spread sideA() {
    return Spread.of(rounds.stream().mapToDouble(Round::a).toArray());
  }

  Spread sideB() {
    return Spread.of(rounds.stream().mapToDouble(Round::b).toArray());
  }

  /**
   * The value at fraction {@code p} (0 to 1) of sorted figures, interpolating linearly between
   * the two closest ranks.
   */
  static double quantile(double[] sorted, double p) {
    double rank = (sorted.length - 1) * p;
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }

  /** The report as text: the ratio's median and spread, each side's throughput, and every round. */
  String format(String setting) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n== %s: %s (A) against %s (B)%n", title, nameA, nameB));
    out.append(String.format(Locale.ROOT, "   %s; %d cores%n", setting, Runtime.getRuntime().availableProcessors()));
    if (rounds.isEmpty()) {
      return out.append("   no measured rounds\n").toString();
    }
    Spread ratio = ratios();
    Spread a = sideA();
    Spread b = sideB();
    out.append(String.format(Locale.ROOT, "   ratio A/B of throughput, %d rounds: median %.3f×, interquartile %.3f–%.3f×"
        + " (IQR %.3f, %.1f%% of the median), min %.3f×, max %.3f×%n", rounds.size(), ratio.median(), ratio.q1(),
        ratio.q3(), ratio.iqr(), 100 * ratio.iqr() / ratio.median(), ratio.min(), ratio.max()));
    out.append(String.format(Locale.ROOT, "   A %s: median %,.1f ops/s (%s/op), interquartile %,.1f–%,.1f%n", nameA,
        a.median(), perOp(a.median()), a.q1(), a.q3()));
    out.append(String.format(Locale.ROOT, "   B %s: median %,.1f ops/s (%s/op), interquartile %,.1f–%,.1f%n", nameB,
        b.median(), perOp(b.median()), b.q1(), b.q3()));
    double[] aFirst = rounds.stream().filter(Round::aFirst).mapToDouble(Round::ratio).toArray();
    double[] bFirst = rounds.stream().filter(r -> !r.aFirst()).mapToDouble(Round::ratio).toArray();
    if (aFirst.length > 0 && bFirst.length > 0) {
      out.append(String.format(Locale.ROOT, "   median ratio by order: %.3f× in %d rounds A then B, %.3f× in %d rounds"
          + " B then A%n", Spread.of(aFirst).median(), aFirst.length, Spread.of(bFirst).median(), bFirst.length));
    }
    out.append("   rounds (A ops/s, B ops/s, ratio):");
    for (int i = 0; i < rounds.size(); i++) {
      Round round = rounds.get(i);
      out.append(i % 3 == 0 ? "\n    " : "  |  ");
      out.append(String.format(Locale.ROOT, "%s %,.0f %,.0f %.3f", round.aFirst() ? "AB" : "BA", round.a(), round.b(),
          round.ratio()));
    }
    return out.append('\n').toString();
  }

  /**
   * Each round's extra time per operation of side A over side B, in microseconds: {@code 1/A - 1/B}
   * of the round's throughputs, for a side A that does side B's work and more.
   */
  Spread addedMicros() {
    return Spread.of(rounds.stream().mapToDouble(r -> 1e6 / r.a() - 1e6 / r.b()).toArray());
  }

  /** The added time per operation of A over B (see {@link #addedMicros}), against a target in µs. */
  String formatAddedCost(String what, double targetMicros) {
    if (rounds.isEmpty()) {
      return "   no measured rounds\n";
    }
    Spread added = addedMicros();
    return String.format(Locale.ROOT, "   %s (A's time per operation less B's, per round): median %.2f µs,"
        + " interquartile %.2f–%.2f µs, min %.2f µs, max %.2f µs; target at most %.0f µs: %s%n", what, added.median(),
        added.q1(), added.q3(), added.min(), added.max(), targetMicros,
        added.median() <= targetMicros ? "met" : "missed");
  }

  private static String perOp(double opsPerSecond) {
    double nanos = 1e9 / opsPerSecond;
    return nanos < 10_000 ? String.format(Locale.ROOT, "%.1f ns", nanos)
        : String.format(Locale.ROOT, "%.1f µs", nanos / 1_000);
  }
}
