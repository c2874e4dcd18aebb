package dev.meadow.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;

/** The arithmetic of {@link RatioReport} and the turns of {@link PairedRounds}. */
class RatioReportTest {
  private static final double EXACT = 1e-12;

  @Test
  void spread_ofAnOddCount_isTheMiddleFigureWithInterpolatedQuartiles() {
    RatioReport.Spread spread = RatioReport.Spread.of(new double[] {5, 1, 4, 2, 3});
    assertEquals(3, spread.median(), EXACT);
    assertEquals(2, spread.q1(), EXACT);
    assertEquals(4, spread.q3(), EXACT);
    assertEquals(1, spread.min(), EXACT);
    assertEquals(5, spread.max(), EXACT);
    assertEquals(2, spread.iqr(), EXACT);
  }

  @Test
  void spread_ofAnEvenCount_interpolatesBetweenTheClosestRanks() {
    RatioReport.Spread spread = RatioReport.Spread.of(new double[] {4, 3, 2, 1});
    assertEquals(2.5, spread.median(), EXACT);
    assertEquals(1.75, spread.q1(), EXACT);
    assertEquals(3.25, spread.q3(), EXACT);
    assertEquals(1.5, spread.iqr(), EXACT);
  }

  @Test
  void spread_ofOneFigure_isThatFigureThroughout() {
    RatioReport.Spread spread = RatioReport.Spread.of(new double[] {0.9});
    assertEquals(new RatioReport.Spread(0.9, 0.9, 0.9, 0.9, 0.9), spread);
  }

  @Test
  void addedMicros_isEachRoundsTimePerOperationOfALessB() {
    RatioReport report = new RatioReport("t", "with", "without");
    report.add(new RatioReport.Round(20_000, 50_000, true));   // 50 µs less 20 µs
    report.add(new RatioReport.Round(40_000, 100_000, false)); // 25 µs less 10 µs
    report.add(new RatioReport.Round(10_000, 12_500, true));   // 100 µs less 80 µs
    RatioReport.Spread added = report.addedMicros();
    assertEquals(20, added.median(), 1e-9);
    assertEquals(15, added.min(), 1e-9);
    assertEquals(30, added.max(), 1e-9);
    assertTrue(report.formatAddedCost("cost", 20).contains("median 20.00 µs"), report.formatAddedCost("cost", 20));
    assertTrue(report.formatAddedCost("cost", 20).contains(": met"));
    assertTrue(report.formatAddedCost("cost", 19).contains(": missed"));
  }

  @Test
  void report_takesTheRatioRoundByRoundBeforeTheMedian() {
    RatioReport report = new RatioReport("t", "a", "b");
    // The second round ran while the machine was twice as busy: the ratio per round ignores that.
    report.add(new RatioReport.Round(900, 1000, true));
    report.add(new RatioReport.Round(450, 500, false));
    report.add(new RatioReport.Round(1000, 1000, true));
    assertEquals(0.9, report.ratios().median(), EXACT);
    assertEquals(0.9, report.ratios().min(), EXACT);
    assertEquals(1.0, report.ratios().max(), EXACT);
    assertEquals(900, report.sideA().median(), EXACT);
    assertEquals(1000, report.sideB().median(), EXACT);
    String text = report.format("setting");
    assertTrue(text.contains("median 0.900×"), text);
    assertTrue(text.contains("0.950× in 2 rounds A then B, 0.900× in 1 rounds B then A"), text);
  }

  @Test
  void pairedRounds_alternateTheOrderAndCountOnlyMeasuredRounds() {
    StringBuilder order = new StringBuilder();
    PairedRounds rounds = new PairedRounds("t", "a", () -> order.append('A'), "b", () -> order.append('B'),
        Duration.ofMillis(2));
    Blackhole sink = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    rounds.begin(new IterationParams(IterationType.WARMUP, 1, TimeValue.NONE, 1));
    rounds.round(sink);
    rounds.begin(new IterationParams(IterationType.MEASUREMENT, 3, TimeValue.NONE, 1));
    List<Character> firsts = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      order.setLength(0);
      rounds.round(sink);
      firsts.add(order.charAt(0));
    }
    assertEquals(List.of('A', 'B', 'A'), firsts);
    List<RatioReport.Round> measured = rounds.report().rounds();
    assertEquals(3, measured.size());
    assertEquals(List.of(true, false, true), measured.stream().map(RatioReport.Round::aFirst).toList());
    assertTrue(measured.stream().allMatch(r -> r.a() > 0 && r.b() > 0), measured.toString());
    sink.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
  }
}
