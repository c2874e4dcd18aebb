package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a shop runs its reviews. Immutable; set once on the {@code Meadow} builder.
 *
 * <pre>{@code
 * ReviewPolicy policy = ReviewPolicy.defaults()
 *     .withUniqueness(Uniqueness.PER_ORDER_LINE)
 *     .withAttributes(List.of(ReviewAttribute.choice("fit", "Fit", "small", "true", "large")))
 *     .withModerators(List.of(ContentModerators.blockedWords(Set.of("scam"))));
 * }</pre>
 *
 * @param uniqueness one review per user and product, or per order line
 * @param ratingEditable whether an edit may change the star rating
 * @param verification when a review counts as a verified purchase
 * @param reportThreshold how many open abuse reports (made since a moderator last decided on the
 *     review) hold a published review for a moderator
 * @param priorMean the Bayesian average's prior mean rating, 1 to 5
 * @param priorWeight how many reviews the prior counts as, 0 or more
 * @param attributes the structured questions asked with every review; keys unique
 * @param moderators the moderation chain, run in order; every one runs
 */
public record ReviewPolicy(
    Uniqueness uniqueness,
    boolean ratingEditable,
    VerificationRule verification,
    int reportThreshold,
    double priorMean,
    double priorWeight,
    List<ReviewAttribute> attributes,
    List<ContentModerator> moderators) {
  /**
   * Checks the policy.
   *
   * @throws IllegalArgumentException if a number is out of range or attribute keys repeat
   */
  public ReviewPolicy {
    requireNonNull(uniqueness, "uniqueness");
    requireNonNull(verification, "verification");
    if (reportThreshold < 1) {
      throw new IllegalArgumentException("reportThreshold must be at least 1, was " + reportThreshold);
    }
    if (!(priorMean >= 1 && priorMean <= 5)) {
      throw new IllegalArgumentException("priorMean must be 1 to 5, was " + priorMean);
    }
    if (!(priorWeight >= 0 && priorWeight < 1e9)) {
      throw new IllegalArgumentException("priorWeight must be 0 or more, was " + priorWeight);
    }
    attributes = List.copyOf(attributes);
    moderators = List.copyOf(moderators);
    Set<String> keys = new HashSet<>();
    for (ReviewAttribute attribute : attributes) {
      if (!keys.add(attribute.key())) {
        throw new IllegalArgumentException("attribute key '" + attribute.key() + "' repeats");
      }
    }
  }

  /**
   * Returns the defaults: one review per user and product, editable ratings, the default
   * verification rule, 3 reports hold a review, a prior of 5 reviews of 4.0 stars, no attributes,
   * the default moderators.
   */
  public static ReviewPolicy defaults() {
    return new ReviewPolicy(Uniqueness.PER_PRODUCT, true, VerificationRule.defaults(), 3, 4.0, 5,
        List.of(), ContentModerators.defaults());
  }

  /** Returns this policy with another uniqueness. */
  public ReviewPolicy withUniqueness(Uniqueness value) {
    return new ReviewPolicy(value, ratingEditable, verification, reportThreshold, priorMean, priorWeight, attributes, moderators);
  }

  /** Returns this policy with ratings editable or not. */
  public ReviewPolicy withRatingEditable(boolean value) {
    return new ReviewPolicy(uniqueness, value, verification, reportThreshold, priorMean, priorWeight, attributes, moderators);
  }

  /** Returns this policy with another verification rule. */
  public ReviewPolicy withVerification(VerificationRule value) {
    return new ReviewPolicy(uniqueness, ratingEditable, value, reportThreshold, priorMean, priorWeight, attributes, moderators);
  }

  /** Returns this policy with another report threshold. */
  public ReviewPolicy withReportThreshold(int value) {
    return new ReviewPolicy(uniqueness, ratingEditable, verification, value, priorMean, priorWeight, attributes, moderators);
  }

  /** Returns this policy with another Bayesian prior. */
  public ReviewPolicy withPrior(double mean, double weight) {
    return new ReviewPolicy(uniqueness, ratingEditable, verification, reportThreshold, mean, weight, attributes, moderators);
  }

  /** Returns this policy with other structured attributes. */
  public ReviewPolicy withAttributes(List<ReviewAttribute> value) {
    return new ReviewPolicy(uniqueness, ratingEditable, verification, reportThreshold, priorMean, priorWeight, value, moderators);
  }

  /** Returns this policy with another moderation chain. */
  public ReviewPolicy withModerators(List<ContentModerator> value) {
    return new ReviewPolicy(uniqueness, ratingEditable, verification, reportThreshold, priorMean, priorWeight, attributes, value);
  }
}
