package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import java.time.Instant;

/**
 * A user's report that a review is abusive; one per user and review.
 *
 * @param reviewId the review
 * @param reporter who reported it
 * @param reason why, plain text
 * @param at when
 */
public record ReviewReport(ReviewId reviewId, UserId reporter, String reason, Instant at) {
  public ReviewReport {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(reporter, "reporter");
    requireNonNull(reason, "reason");
    requireNonNull(at, "at");
  }
}
