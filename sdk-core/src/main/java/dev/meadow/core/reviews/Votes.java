package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.ReviewStore;
import java.util.Optional;

/** The voting stage of reviews: shoppers' helpful and unhelpful votes, one per voter and review. */
final class Votes {
  private final ModuleContext context;

  Votes(ModuleContext context) {
    this.context = context;
  }

  boolean vote(Actor actor, ReviewId reviewId, boolean helpful) {
    requireNonNull(reviewId, "reviewId");
    UserId voter = Actors.signedIn(actor, "vote");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.published(reviews, reviewId);
      if (review.author().equals(voter)) {
        throw new PermissionDeniedException("authors do not vote on their own reviews");
      }
      Optional<Boolean> previous = reviews.findVote(reviewId, voter);
      if (previous.isPresent() && previous.get() == helpful) {
        return false;
      }
      boolean changed = previous.isPresent()
          ? reviews.changeVote(reviewId, voter, helpful, unit.now())
          : reviews.insertVote(reviewId, voter, helpful, unit.now());
      if (!changed) {
        return false;
      }
      long moved = previous.isPresent() ? 1 : 0;
      reviews.adjustReviewCounts(reviewId, helpful ? 1 : -moved, helpful ? -moved : 1, 0);
      unit.emit(new ReviewEvent.Voted(unit.newEventId(), unit.now(), reviewId, review.productId(), voter, helpful));
      return true;
    });
  }

  boolean withdrawVote(Actor actor, ReviewId reviewId) {
    requireNonNull(reviewId, "reviewId");
    UserId voter = Actors.signedIn(actor, "vote");
    return context.write(unit -> {
      ReviewStore reviews = unit.tx().reviews();
      Review review = Records.review(reviews, reviewId);
      Optional<Boolean> previous = reviews.findVote(reviewId, voter);
      if (previous.isEmpty() || !reviews.deleteVote(reviewId, voter, previous.get())) {
        return false;
      }
      reviews.adjustReviewCounts(reviewId, previous.get() ? -1 : 0, previous.get() ? 0 : -1, 0);
      unit.emit(new ReviewEvent.VoteWithdrawn(unit.newEventId(), unit.now(), reviewId, review.productId(), voter));
      return true;
    });
  }

  Optional<Boolean> voteOf(UserId user, ReviewId reviewId) {
    requireNonNull(user, "user");
    requireNonNull(reviewId, "reviewId");
    return context.read(tx -> {
      Records.review(tx.reviews(), reviewId);
      return tx.reviews().findVote(reviewId, user);
    });
  }
}
