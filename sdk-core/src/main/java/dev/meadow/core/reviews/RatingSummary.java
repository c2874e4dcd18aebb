package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The published ratings of a product or store, kept up to date in the same transaction as every
 * change, and the honest statistics derived from them.
 *
 * @param key the product or store
 * @param count how many published reviews
 * @param sum the sum of their ratings
 * @param histogram how many of each rating, from 1 star (index 0) to 5 stars (index 4)
 * @param verifiedCount how many of them are verified purchases
 */
public record RatingSummary(SummaryKey key, long count, long sum, List<Long> histogram, long verifiedCount) {
  private static final double Z = 1.959964;

  public RatingSummary {
    requireNonNull(key, "key");
    histogram = List.copyOf(histogram);
    if (histogram.size() != 5) {
      throw new IllegalArgumentException("a histogram has 5 buckets, had " + histogram.size());
    }
  }

  /** Returns the summary of nothing reviewed yet. */
  public static RatingSummary empty(SummaryKey key) {
    return new RatingSummary(key, 0, 0, List.of(0L, 0L, 0L, 0L, 0L), 0);
  }

  /** Returns how many published reviews gave {@code stars} (1 to 5). */
  public long count(int stars) {
    if (stars < 1 || stars > 5) {
      throw new IllegalArgumentException("stars are 1 to 5, was " + stars);
    }
    return histogram.get(stars - 1);
  }

  /** Returns the plain mean rating, or 0 with no reviews. */
  public double mean() {
    return count == 0 ? 0 : (double) sum / count;
  }

  /**
   * Returns the Bayesian average: the mean pulled towards {@code priorMean} as if
   * {@code priorWeight} reviews of that rating came first, so three 5-star reviews do not
   * outrank three hundred 4.8s.
   */
  public double bayesianAverage(double priorMean, double priorWeight) {
    if (priorWeight < 0 || Double.isNaN(priorMean)) {
      throw new IllegalArgumentException("priorWeight must not be negative, priorMean must be a number");
    }
    double weight = priorWeight + count;
    return weight == 0 ? priorMean : (priorMean * priorWeight + sum) / weight;
  }

  /**
   * Returns the Wilson score lower bound (95%) of the share of 4- and 5-star reviews: a
   * pessimistic estimate that grows with the evidence. 0 with no reviews.
   */
  public double positiveLowerBound() {
    return wilsonLowerBound(count(4) + count(5), count);
  }

  /** Returns the Wilson score lower bound (95%) of {@code positive} successes in {@code total}. */
  public static double wilsonLowerBound(long positive, long total) {
    if (total <= 0) {
      return 0;
    }
    double p = (double) positive / total;
    double z2 = Z * Z;
    double centre = p + z2 / (2 * total);
    double margin = Z * Math.sqrt((p * (1 - p) + z2 / (4 * total)) / total);
    return Math.max(0, (centre - margin) / (1 + z2 / total));
  }
}
