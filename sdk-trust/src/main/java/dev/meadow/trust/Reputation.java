package dev.meadow.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's or store's reputation: a score from 0 to 100 and the terms it is the sum of.
 *
 * @param score the sum of the breakdown's contributions, 0 to 100
 * @param breakdown one term per signal, in {@link ReputationSignal} order
 */
public record Reputation(double score, List<ReputationTerm> breakdown) {
  /**
   * Checks the reputation.
   *
   * @throws IllegalArgumentException if the score is out of range or is not the sum of the
   *     contributions (within 1e-9)
   */
  public Reputation {
    breakdown = List.copyOf(breakdown);
    double sum = breakdown.stream().mapToDouble(ReputationTerm::contribution).sum();
    if (!(score >= 0 && score <= 100) || Math.abs(sum - score) > 1e-9) {
      throw new IllegalArgumentException("a score is 0 to 100 and the sum of its contributions, was " + score
          + " of " + sum);
    }
  }

  /** Computes a reputation from each signal's positive observations out of {@code n}. */
  static Reputation of(ReputationWeights weights, List<ReputationSignal> signals, double[] positive, long[] n) {
    double total = 0;
    for (ReputationSignal s : signals) {
      total += weights.of(s).weight();
    }
    List<ReputationTerm> terms = new ArrayList<>();
    double score = 0;
    for (int i = 0; i < signals.size(); i++) {
      ReputationWeights.Weight w = weights.of(signals.get(i));
      double raw = n[i] == 0 ? 0 : Math.max(0, Math.min(1, positive[i] / n[i]));
      double smoothed = (w.priorMean() * w.priorStrength() + raw * n[i]) / (w.priorStrength() + n[i]);
      double contribution = 100 * w.weight() * smoothed / total;
      terms.add(new ReputationTerm(signals.get(i), raw, n[i], w.weight(), w.priorMean(), w.priorStrength(), smoothed,
          contribution));
      score += contribution;
    }
    return new Reputation(Math.max(0, Math.min(100, score)), terms);
  }
}
