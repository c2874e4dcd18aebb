package dev.meadow.core.reviews;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.ReviewId;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.ReviewStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads and writes of reviews that several review stages share: finding a review as the
 * actor may see it, saving its next version, its revisions, and its place in the summaries.
 */
final class Records {

  static ReviewState state(ModerationVerdict verdict) {
    return switch (verdict.outcome()) {
      case PUBLISH -> ReviewState.PUBLISHED;
      case HOLD -> ReviewState.HELD;
      case REJECT -> ReviewState.REJECTED;
    };
  }

  /** Counts (1) or uncounts (-1) a review in its product's and store's summaries, if published. */
  static void count(UnitOfWork unit, Review review, long delta) {
    if (review.state() != ReviewState.PUBLISHED) {
      return;
    }
    ReviewStore reviews = unit.tx().reviews();
    reviews.adjustSummary(SummaryKey.product(review.productId()), review.rating(), review.verified(), delta);
    reviews.adjustSummary(SummaryKey.store(review.storeId()), review.rating(), review.verified(), delta);
  }

  static Review visible(ReviewStore reviews, Actor actor, ReviewId reviewId) {
    Review review = review(reviews, reviewId);
    boolean own = actor.user().map(review.author()::equals).orElse(false);
    if (review.state() == ReviewState.PUBLISHED || (own && review.state() != ReviewState.REMOVED)) {
      return review;
    }
    throw new NotFoundException("review", reviewId.value());
  }

  static Review published(ReviewStore reviews, ReviewId reviewId) {
    Review review = review(reviews, reviewId);
    if (review.state() != ReviewState.PUBLISHED) {
      throw new ConflictException("review " + reviewId + " is not published");
    }
    return review;
  }

  static Review review(ReviewStore reviews, ReviewId id) {
    return reviews.findReview(id).orElseThrow(() -> new NotFoundException("review", id.value()));
  }

  static void save(ReviewStore reviews, Review next) {
    if (!reviews.updateReview(next)) {
      throw new ConflictException("review " + next.id() + " changed meanwhile; try again");
    }
  }

  /** Keeps what a review says now as its next revision, before an edit or a revival replaces it. */
  static void keepRevision(ReviewStore reviews, Review review) {
    int number = reviews.listRevisions(review.id(), Reviews.MAX_EDITS + 1).size() + 1;
    if (number > Reviews.MAX_EDITS) {
      throw new ConflictException("review " + review.id() + " was edited " + Reviews.MAX_EDITS + " times, the most allowed");
    }
    if (!reviews.insertRevision(new ReviewRevision(review.id(), number, review.rating(), review.title(),
        review.body(), review.media(), review.attributes(), review.wouldRecommend(),
        review.editedAt() != null ? review.editedAt() : review.createdAt()))) {
      throw new ConflictException("review " + review.id() + " changed meanwhile; try again");
    }
  }

  /** Returns the next version of a review with new content, provenance and moderation outcome. */
  static Review rewritten(Review review, ReviewContent content, Provenance provenance,
      ModerationVerdict outcome, String hash, Instant now) {
    return new Review(review.id(), review.productId(), review.storeId(), review.author(), review.orderId(),
        review.dedupeKey(), content.rating(), content.title(), content.body(), content.media(), content.attributes(),
        content.wouldRecommend(), provenance, state(outcome), outcome.reasons().stream().distinct().toList(), hash,
        review.helpfulCount(), review.unhelpfulCount(), review.helpfulScore(), review.reportCount(),
        review.createdAt(), now, review.version() + 1);
  }

  static Review withState(Review review, ReviewState state, List<String> reasons) {
    return new Review(review.id(), review.productId(), review.storeId(), review.author(), review.orderId(),
        review.dedupeKey(), review.rating(), review.title(), review.body(), review.media(), review.attributes(),
        review.wouldRecommend(), review.provenance(), state, new ArrayList<>(reasons), review.textHash(),
        review.helpfulCount(), review.unhelpfulCount(), review.helpfulScore(), review.reportCount(),
        review.createdAt(), review.editedAt(), review.version() + 1);
  }
}
