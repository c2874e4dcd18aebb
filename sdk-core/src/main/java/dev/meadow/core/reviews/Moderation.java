package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.ReviewStore;
import java.util.List;

/**
 * The moderation stage of reviews: abuse reports, the queue of held reviews, and moderators'
 * decisions on them.
 */
final class Moderation {
  private final ModuleContext context;
  private final ReviewPolicy policy;

  Moderation(ModuleContext context, ReviewPolicy policy) {
    this.context = context;
    this.policy = policy;
  }

  boolean report(Actor actor, ReviewId reviewId, String reason) {
    requireNonNull(reviewId, "reviewId");
    UserId reporter = Actors.signedIn(actor, "report reviews");
    String why = PlainText.require("reason", reason, Reviews.MAX_REASON);
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.published(reviews, reviewId);
      if (review.author().equals(reporter)) {
        throw new PermissionDeniedException("authors do not report their own reviews");
      }
      if (!reviews.insertReport(new ReviewReport(reviewId, reporter, why, unit.now()))) {
        return false;
      }
      Review counted = reviews.adjustReviewCounts(reviewId, 0, 0, 1).orElseThrow();
      unit.emit(new ReviewEvent.Reported(unit.newEventId(), unit.now(), reviewId, review.productId(), reporter, why));
      if (counted.reportCount() >= policy.reportThreshold()) {
        long reports = counted.reportCount();
        List<String> reasons = List.of("reported by " + reports + (reports == 1 ? " user" : " users"));
        Records.save(reviews, Records.withState(Records.review(reviews, reviewId), ReviewState.HELD, reasons));
        Records.count(unit, review, -1);
        unit.emit(new ReviewEvent.Held(unit.newEventId(), unit.now(), reviewId, review.productId(), reasons));
      }
      return true;
    });
  }

  List<ReviewReport> reports(ReviewId reviewId) {
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      Records.review(tx.reviews(), reviewId);
      return tx.reviews().listReports(reviewId, 1000);
    });
  }

  Page<Review> held(PageRequest request) {
    requireNonNull(request, "request");
    String listing = "reviews.held";
    ReviewId after = context.cursors().position(listing, request, 1, parts -> ReviewId.of(parts.get(0)));
    List<Review> rows = context.read(tx -> {
      if (after != null && tx.reviews().findReview(after).isEmpty()) {
        throw Cursors.malformed();
      }
      return tx.reviews().listHeld(after, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing, r -> new String[] {r.id().value()});
  }

  boolean approve(UserId moderator, ReviewId reviewId) {
    requireNonNull(moderator, "moderator");
    requireNonNull(reviewId, "reviewId");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.review(reviews, reviewId);
      if (review.state() != ReviewState.HELD) {
        return false;
      }
      Review published = decide(unit, review, ReviewState.PUBLISHED, List.of());
      Records.count(unit, published, 1);
      unit.emit(new ReviewEvent.Published(unit.newEventId(), unit.now(), reviewId, review.productId(), moderator));
      return true;
    });
  }

  boolean reject(UserId moderator, ReviewId reviewId, String reason) {
    requireNonNull(moderator, "moderator");
    requireNonNull(reviewId, "reviewId");
    String why = PlainText.require("reason", reason, Reviews.MAX_REASON);
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.review(reviews, reviewId);
      if (review.state() != ReviewState.HELD) {
        return false;
      }
      decide(unit, review, ReviewState.REJECTED, List.of(why));
      unit.emit(new ReviewEvent.Rejected(unit.newEventId(), unit.now(), reviewId, review.productId(), moderator, why));
      return true;
    });
  }

  /**
   * Records a moderator's decision on a held review: its new state and reasons, and every open
   * report resolved and no longer counted.
   */
  private static Review decide(UnitOfWork unit, Review review, ReviewState state, List<String> reasons) {
    ReviewStore reviews = unit.tx().reviews();
    Review decided = Records.withState(review, state, reasons);
    Records.save(reviews, decided);
    int resolved = reviews.resolveReports(review.id(), unit.now());
    if (resolved > 0) {
      reviews.adjustReviewCounts(review.id(), 0, 0, -resolved);
    }
    return decided;
  }
}
