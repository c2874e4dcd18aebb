package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Helpful votes: one per user and review, changeable, withdrawable, never the author's own. */
class VotesTest {
  private final ReviewsFixture r = ReviewsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId ben = r.user("ben");
  private final UserId cy = r.user("cy");
  private final Review review = r.review(ann, OOLONG, 4);

  private boolean vote(UserId voter, boolean helpful) {
    return r.emits(ReviewEvent.Voted.class, () -> r.reviews.vote(voter, review.id(), helpful));
  }

  private void assertCounts(long helpful, long unhelpful) {
    Review now = r.reload(review);
    assertEquals(List.of(helpful, unhelpful), List.of(now.helpfulCount(), now.unhelpfulCount()));
    assertEquals(RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful), now.helpfulScore());
  }

  @Test
  void aVote_countsAndMovesTheHelpfulScore() {
    assertTrue(vote(ben, true));
    assertCounts(1, 0);
    assertEquals(new ReviewEvent.Voted(r.witness.heard().get(1).id(), r.clock.instant(), review.id(), OOLONG, ben, true),
        r.witness.heard().get(1));
    assertEquals(Optional.of(true), r.reviews.voteOf(ben, review.id()));
    assertEquals(Optional.empty(), r.reviews.voteOf(cy, review.id()));
  }

  @Test
  void theSameVoteAgain_answersFalseAndChangesNothing() {
    vote(ben, false);
    assertFalse(r.changesNothing(() -> r.reviews.vote(ben, review.id(), false)));
    assertCounts(0, 1);
  }

  @Test
  void aChangedVote_movesFromOneCountToTheOther() {
    vote(ben, true);
    vote(cy, true);
    assertTrue(vote(ben, false));
    assertCounts(1, 1);
    assertTrue(vote(ben, true));
    assertCounts(2, 0);
    assertEquals(Optional.of(true), r.reviews.voteOf(ben, review.id()));
  }

  @Test
  void withdrawingAVote_takesItOutOfItsCount() {
    vote(ben, true);
    vote(cy, false);
    assertTrue(r.emits(ReviewEvent.VoteWithdrawn.class, () -> r.reviews.withdrawVote(cy, review.id())));
    assertCounts(1, 0);
    assertEquals(Optional.empty(), r.reviews.voteOf(cy, review.id()));
    assertFalse(r.changesNothing(() -> r.reviews.withdrawVote(cy, review.id())));
    assertTrue(r.emits(ReviewEvent.VoteWithdrawn.class, () -> r.reviews.withdrawVote(ben, review.id())));
    assertCounts(0, 0);
    assertTrue(vote(cy, true), "a withdrawn vote may be cast again");
    assertCounts(1, 0);
  }

  @Test
  void theHelpfulScore_isTheWilsonBoundOfEveryVote() {
    for (int i = 0; i < 7; i++) {
      vote(r.user("fan-" + i), true);
    }
    for (int i = 0; i < 3; i++) {
      vote(r.user("critic-" + i), false);
    }
    assertCounts(7, 3);
    assertEquals(0.3968, r.reload(review).helpfulScore(), 1e-4);
  }

  @Test
  void votes_doNotChangeTheRatingSummaries() {
    RatingSummary before = r.reviews.summary(SummaryKey.product(OOLONG));
    vote(ben, false);
    assertEquals(before, r.reviews.summary(SummaryKey.product(OOLONG)));
  }

  @Test
  void authorsAndAnonymousVisitors_doNotVote() {
    r.refuses(PermissionDeniedException.class, () -> r.reviews.vote(ann, review.id(), true));
    r.refuses(PermissionDeniedException.class, () -> r.reviews.vote(Actor.anonymous(), review.id(), true));
    r.refuses(PermissionDeniedException.class, () -> r.reviews.withdrawVote(Actor.anonymous(), review.id()));
  }

  @Test
  void onlyPublishedReviews_takeVotes() {
    Review held = r.submit(ben, draft(OOLONG, 2, "Write to ben@mail.example"));
    Review rejected = r.submit(cy, draft(OOLONG, 2, "Meh"));
    for (Review notPublished : List.of(held, rejected)) {
      r.refuses(ConflictException.class, () -> r.reviews.vote(ann, notPublished.id(), true));
    }
  }
}
