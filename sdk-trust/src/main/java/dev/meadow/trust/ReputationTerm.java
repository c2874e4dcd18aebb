package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

/**
 * One signal's part of a {@link Reputation}: what was observed, how it was smoothed and weighed,
 * and what it added to the score.
 *
 * @param signal the signal
 * @param raw the observed share, 0 to 1; 0 when there are no observations
 * @param observations how many observations the share is of
 * @param weight the shop's weight of the signal
 * @param priorMean the shop's prior share
 * @param priorStrength how many observations the prior counts as
 * @param smoothed {@code (priorMean * priorStrength + raw * observations) / (priorStrength + observations)}
 * @param contribution {@code 100 * weight * smoothed / (sum of the weights)}, what it adds to the score
 */
public record ReputationTerm(ReputationSignal signal, double raw, long observations, double weight, double priorMean,
    double priorStrength, double smoothed, double contribution) {
  public ReputationTerm {
    requireNonNull(signal, "signal");
  }
}
