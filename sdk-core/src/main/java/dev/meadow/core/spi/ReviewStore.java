package dev.meadow.core.spi;

import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.MerchantReply;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.ReplyRevision;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewReport;
import dev.meadow.core.reviews.ReviewRevision;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.SummaryKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reviews, their revisions, votes, reports, merchant replies and rating summaries. Each method
 * runs inside the transaction it was obtained from.
 *
 * <p>Uniqueness is the store's job, by unique keys: one review per id and per author, product and
 * {@link Review#dedupeKey()}; one vote and one report per review and user; one reply per review;
 * one revision per review (or reply) and number. Under concurrency exactly one of several racing
 * inserts of the same key succeeds, and compare-and-set updates succeed for exactly one racer.
 * Counts and summaries change only through the {@code adjust} methods, atomically, so concurrent
 * adjustments all count. Instants are stored at millisecond precision; lists and maps round-trip
 * exactly. Listing methods return at most {@code limit} items (0 to 1,000, else
 * {@code IllegalArgumentException}).
 */
public interface ReviewStore {
  /**
   * Inserts a review exactly as given, counts included.
   *
   * @return {@code false}, inserting nothing, if a review with the same id, or the same author,
   *     product and dedupe key, exists
   */
  boolean insertReview(Review review);

  /** Returns a review. */
  Optional<Review> findReview(ReviewId id);

  /** Returns an author's review of a product under a dedupe key, in any state. */
  Optional<Review> findReviewByKey(UserId author, ProductId productId, String dedupeKey);

  /**
   * Replaces a review's content, provenance, state, reasons, text hash, edit time and version
   * with {@code next}'s if the stored version is {@code next.version() - 1}. Its id, product,
   * store, author, order, dedupe key, counts, helpful score and creation time never change here.
   *
   * @return {@code false}, changing nothing, if there is no such review or its version differs
   */
  boolean updateReview(Review next);

  /**
   * Adds to a review's helpful, unhelpful and report counts atomically, then sets its helpful
   * score to the Wilson lower bound of the new counts
   * ({@link RatingSummary#wilsonLowerBound(long, long) wilsonLowerBound(helpful, helpful +
   * unhelpful)}).
   *
   * @return the review with its new counts, or empty if there is no such review
   */
  Optional<Review> adjustReviewCounts(ReviewId id, long helpfulDelta, long unhelpfulDelta, long reportsDelta);

  /**
   * Returns whether {@code author} has a review, other than {@code except}, in any state but
   * removed, whose {@link Review#textHash()} is {@code textHash}.
   */
  boolean authorHasText(UserId author, String textHash, @Nullable ReviewId except);

  /**
   * Lists the published reviews of a product or store that match {@code filter}, in
   * {@code sort} order, starting after the review {@code after} (null for the first page; the
   * store reads the after-review's sort value from it). Ties in the sort value go newest first.
   * A style label filter matches reviewers whose {@link LabelStore} labels include it.
   */
  List<Review> listReviews(SummaryKey subject, ReviewFilter filter, ReviewSort sort, @Nullable Review after, int limit);

  /** Lists held reviews, oldest first, starting after {@code after} (null for the first page). */
  List<Review> listHeld(@Nullable ReviewId after, int limit);

  /**
   * Walks every review, in any state, in id order: up to {@code limit} reviews whose id is
   * greater than {@code after} (every review for null), lowest id first, compared as
   * {@link ReviewId#compareTo} does. Paging on with the last id returned visits every review that
   * exists throughout the walk exactly once, and ends with a page shorter than {@code limit}; a
   * module uses it to account for reviews recorded before it was installed. Reads the primary key
   * in order, so a page costs the same however many reviews there are.
   *
   * @throws IllegalArgumentException unless {@code limit} is 0 to {@value Listings#MAX_LIMIT}
   */
  List<Review> scanReviews(@Nullable ReviewId after, int limit);

  /**
   * Inserts an earlier revision of a review.
   *
   * @return {@code false} if the review already has a revision with that number
   */
  boolean insertRevision(ReviewRevision revision);

  /** Lists a review's earlier revisions, oldest first. */
  List<ReviewRevision> listRevisions(ReviewId reviewId, int limit);

  /** Returns a user's vote on a review: {@code true} for helpful, {@code false} for unhelpful. */
  Optional<Boolean> findVote(ReviewId reviewId, UserId userId);

  /**
   * Records a user's vote.
   *
   * @return {@code false}, changing nothing, if the user has voted on the review
   */
  boolean insertVote(ReviewId reviewId, UserId userId, boolean helpful, Instant at);

  /**
   * Changes a user's vote from {@code !helpful} to {@code helpful}.
   *
   * @return {@code false}, changing nothing, if the user has no vote or it is {@code helpful}
   *     already
   */
  boolean changeVote(ReviewId reviewId, UserId userId, boolean helpful, Instant at);

  /**
   * Deletes a user's vote if it is {@code helpful}.
   *
   * @return {@code false} if there was no such vote
   */
  boolean deleteVote(ReviewId reviewId, UserId userId, boolean helpful);

  /**
   * Records a report.
   *
   * @return {@code false}, changing nothing, if the user has reported the review
   */
  boolean insertReport(ReviewReport report);

  /** Lists a review's reports, open and resolved, oldest first. */
  List<ReviewReport> listReports(ReviewId reviewId, int limit);

  /**
   * Resolves every open report of a review: sets its {@link ReviewReport#resolvedAt()} to
   * {@code at}, keeping the report. Reports resolved before keep their time.
   *
   * @return how many reports this call resolved
   */
  int resolveReports(ReviewId reviewId, Instant at);

  /**
   * Inserts a merchant reply.
   *
   * @return {@code false}, changing nothing, if the review has a reply
   */
  boolean insertReply(MerchantReply reply);

  /** Returns the reply to a review. */
  Optional<MerchantReply> findReply(ReviewId reviewId);

  /**
   * Replaces a reply's author, body, edit time and version with {@code next}'s if the stored
   * version is {@code next.version() - 1}.
   *
   * @return {@code false}, changing nothing, if there is no reply or its version differs
   */
  boolean updateReply(MerchantReply next);

  /**
   * Inserts an earlier revision of a reply.
   *
   * @return {@code false} if the reply already has a revision with that number
   */
  boolean insertReplyRevision(ReplyRevision revision);

  /** Lists a reply's earlier revisions, oldest first. */
  List<ReplyRevision> listReplyRevisions(ReviewId reviewId, int limit);

  /** Returns the summary of a product or store: all zero if nothing was ever counted. */
  RatingSummary findSummary(SummaryKey key);

  /**
   * Counts (delta 1) or uncounts (delta -1) one published rating in a summary, atomically,
   * creating the summary if needed: count, sum, the rating's histogram bucket and, for a
   * verified review, the verified count.
   *
   * @throws IllegalArgumentException if {@code rating} is not 1 to 5
   */
  void adjustSummary(SummaryKey key, int rating, boolean verified, long delta);

  /**
   * Computes a summary from scratch from the published reviews of the product or store, without
   * reading or changing the stored one.
   */
  RatingSummary computeSummary(SummaryKey key);

  /** Replaces the stored summary with {@code summary}. */
  void replaceSummary(RatingSummary summary);
}
