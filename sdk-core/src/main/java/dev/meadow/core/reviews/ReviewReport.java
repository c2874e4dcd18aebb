package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's report that a review is abusive; one per user and review. A report stays open until a
 * moderator decides on the review (approves or rejects it); then it is resolved and kept as
 * history, and no longer counts towards the threshold that holds the review.
 *
 * @param reviewId the review
 * @param reporter who reported it
 * @param reason why, plain text
 * @param at when
 * @param resolvedAt when a moderator's decision on the review resolved it, or {@code null} while
 *     it is open
 */
public record ReviewReport(ReviewId reviewId, UserId reporter, String reason, Instant at,
    @Nullable Instant resolvedAt) {
  public ReviewReport {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(reporter, "reporter");
    requireNonNull(reason, "reason");
    requireNonNull(at, "at");
  }

  /** Creates an open report. */
  public ReviewReport(ReviewId reviewId, UserId reporter, String reason, Instant at) {
    this(reviewId, reporter, reason, at, null);
  }

  /** Returns whether no moderator's decision has resolved the report yet. */
  public boolean open() {
    return resolvedAt == null;
  }
}
