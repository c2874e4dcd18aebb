package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.ReviewStore;
import java.util.List;

/** The editing stage of reviews: the author's edits, withdrawals, and what a review said before. */
final class Editing {
  private final ModuleContext context;
  private final ReviewPolicy policy;
  private final Screening screening;

  Editing(ModuleContext context, ReviewPolicy policy, Screening screening) {
    this.context = context;
    this.policy = policy;
    this.screening = screening;
  }

  Review edit(Actor actor, ReviewId reviewId, ReviewContent content) {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(content, "content");
    UserId author = Actors.signedIn(actor, "edit reviews");
    screening.checkAttributes(content.attributes());
    Review current = context.read(tx -> Records.review(tx.reviews(), reviewId));
    if (!current.author().equals(author)) {
      throw new PermissionDeniedException("only the author edits review " + reviewId);
    }
    if (!policy.ratingEditable() && content.rating() != current.rating()) {
      throw ValidationException.of("rating", "rating_locked", "this shop does not let ratings change after submitting");
    }
    String hash = Screening.textHash(content);
    ModerationVerdict verdict = screening.moderate(author, current.productId(), content,
        context.read(tx -> tx.reviews().authorHasText(author, hash, reviewId)));
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.review(reviews, reviewId);
      if (review.state() == ReviewState.REMOVED) {
        throw new ConflictException("review " + reviewId + " was withdrawn");
      }
      Records.keepRevision(reviews, review);
      ModerationVerdict outcome = switch (review.state()) {
        case HELD -> verdict.and(new ModerationVerdict(ModerationVerdict.Outcome.HOLD, review.reasons()));
        case REJECTED -> verdict.and(ModerationVerdict.hold(Reviews.EDITED_AFTER_REJECTION));
        default -> verdict;
      };
      Review edited = Records.rewritten(review, content, review.provenance(), outcome, hash, unit.now());
      Records.save(reviews, edited);
      Records.count(unit, review, -1);
      Records.count(unit, edited, 1);
      unit.emit(new ReviewEvent.Edited(unit.newEventId(), unit.now(), reviewId, review.productId(), edited.rating(),
          edited.state(), edited.version()));
      return Records.review(reviews, reviewId);
    });
  }

  boolean withdraw(Actor actor, ReviewId reviewId) {
    requireNonNull(reviewId, "reviewId");
    UserId author = Actors.signedIn(actor, "withdraw reviews");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.review(reviews, reviewId);
      if (!review.author().equals(author)) {
        throw new PermissionDeniedException("only the author withdraws review " + reviewId);
      }
      if (review.state() == ReviewState.REMOVED) {
        return false;
      }
      Records.save(reviews, Records.withState(review, ReviewState.REMOVED, review.reasons()));
      Records.count(unit, review, -1);
      unit.emit(new ReviewEvent.Withdrawn(unit.newEventId(), unit.now(), reviewId, review.productId()));
      return true;
    });
  }

  List<ReviewRevision> revisions(Actor actor, ReviewId reviewId) {
    requireNonNull(actor, "actor");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      Records.visible(tx.reviews(), actor, reviewId);
      return tx.reviews().listRevisions(reviewId, Reviews.MAX_EDITS);
    });
  }
}
