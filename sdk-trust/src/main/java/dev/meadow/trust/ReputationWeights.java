package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

/**
 * How the shop weighs and smooths each {@link ReputationSignal}. Immutable; {@link #with} returns a
 * copy.
 *
 * <p>Each signal is a share {@code raw = positive / n} of {@code n} observations, smoothed as if
 * {@code priorStrength} observations at {@code priorMean} came first:
 * {@code smoothed = (priorMean * priorStrength + raw * n) / (priorStrength + n)}. A signal
 * contributes {@code 100 * weight * smoothed / (sum of the weights)}, and the score is the sum of
 * the contributions, 0 to 100. So a record of no observations scores the weighted prior, a thin
 * one stays near it, and a long one approaches its own shares.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>signal</th><th>weight</th><th>prior mean</th><th>prior strength</th></tr>
 *   <tr><td>HELPFUL_VOTES</td><td>3</td><td>0.5</td><td>10</td></tr>
 *   <tr><td>VERIFIED_REVIEWS</td><td>2</td><td>0.5</td><td>5</td></tr>
 *   <tr><td>GOOD_STANDING</td><td>3</td><td>0.8</td><td>10</td></tr>
 *   <tr><td>STORE_RATING</td><td>4</td><td>0.75</td><td>10</td></tr>
 *   <tr><td>STORE_VERIFIED_REVIEWS</td><td>2</td><td>0.5</td><td>10</td></tr>
 *   <tr><td>STORE_REPLIES</td><td>1</td><td>0.5</td><td>10</td></tr>
 *   <tr><td>STORE_GOOD_STANDING</td><td>3</td><td>0.9</td><td>20</td></tr>
 * </table>
 */
public final class ReputationWeights {
  /** The largest weight. */
  public static final double MAX_WEIGHT = 1000;
  /** The largest prior strength. */
  public static final double MAX_STRENGTH = 1_000_000;

  /**
   * One signal's weight and prior.
   *
   * @param weight how much it counts against the others, 0 to {@value ReputationWeights#MAX_WEIGHT}
   * @param priorMean the share a record of no observations is assumed to have, 0 to 1
   * @param priorStrength how many observations the prior counts as, more than 0 and at most
   *     {@value ReputationWeights#MAX_STRENGTH}
   */
  public record Weight(double weight, double priorMean, double priorStrength) {
    /**
     * Checks the weight.
     *
     * @throws IllegalArgumentException for a value out of range or not a number
     */
    public Weight {
      if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
        throw new IllegalArgumentException("a weight is 0 to " + MAX_WEIGHT + ", was " + weight);
      }
      if (!(priorMean >= 0 && priorMean <= 1)) {
        throw new IllegalArgumentException("a prior mean is 0 to 1, was " + priorMean);
      }
      if (!(priorStrength > 0 && priorStrength <= MAX_STRENGTH)) {
        throw new IllegalArgumentException("a prior strength is more than 0 and at most " + MAX_STRENGTH + ", was "
            + priorStrength);
      }
    }
  }

  private final Map<ReputationSignal, Weight> weights;

  private ReputationWeights(Map<ReputationSignal, Weight> weights) {
    this.weights = weights;
    for (boolean ofStore : new boolean[] {false, true}) {
      double total = weights.entrySet().stream().filter(e -> e.getKey().ofStore() == ofStore)
          .mapToDouble(e -> e.getValue().weight()).sum();
      if (total <= 0) {
        throw new IllegalArgumentException("the " + (ofStore ? "store" : "user") + " signals' weights are all 0");
      }
    }
  }

  /** Returns Meadow's defaults (see the table above). */
  public static ReputationWeights defaults() {
    Map<ReputationSignal, Weight> w = new EnumMap<>(ReputationSignal.class);
    w.put(ReputationSignal.HELPFUL_VOTES, new Weight(3, 0.5, 10));
    w.put(ReputationSignal.VERIFIED_REVIEWS, new Weight(2, 0.5, 5));
    w.put(ReputationSignal.GOOD_STANDING, new Weight(3, 0.8, 10));
    w.put(ReputationSignal.STORE_RATING, new Weight(4, 0.75, 10));
    w.put(ReputationSignal.STORE_VERIFIED_REVIEWS, new Weight(2, 0.5, 10));
    w.put(ReputationSignal.STORE_REPLIES, new Weight(1, 0.5, 10));
    w.put(ReputationSignal.STORE_GOOD_STANDING, new Weight(3, 0.9, 20));
    return new ReputationWeights(w);
  }

  /**
   * Returns these weights with {@code signal}'s replaced.
   *
   * @throws IllegalArgumentException for a value out of range, or if it leaves every user signal
   *     or every store signal weighing 0
   */
  public ReputationWeights with(ReputationSignal signal, double weight, double priorMean, double priorStrength) {
    requireNonNull(signal, "signal");
    Map<ReputationSignal, Weight> copy = new EnumMap<>(weights);
    copy.put(signal, new Weight(weight, priorMean, priorStrength));
    return new ReputationWeights(copy);
  }

  /** Returns a signal's weight and prior. */
  public Weight of(ReputationSignal signal) {
    return weights.get(requireNonNull(signal, "signal"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReputationWeights other && other.weights.equals(weights);
  }

  @Override
  public int hashCode() {
    return weights.hashCode();
  }

  @Override
  public String toString() {
    return "ReputationWeights" + weights;
  }
}
