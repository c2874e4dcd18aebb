package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authors edit their reviews, keeping every earlier version, and withdraw them. */
class EditAndWithdrawTest {
  private final ReviewsFixture r = ReviewsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId ben = r.user("ben");
  private final Review review = r.review(ann, OOLONG, 4);

  @Test
  void edit_replacesTheContent_andKeepsWhatItSaidBefore() {
    Instant written = review.createdAt();
    r.clock.advance(Duration.ofHours(2));
    Review edited = r.edit(review, c -> c.withRating(2).withTitle("Second bag was stale")
        .withBody("The second bag was stale").withMedia(List.of("https://cdn.example/bag.jpg")).withWouldRecommend(false));
    assertEquals(List.of(2, "Second bag was stale", "The second bag was stale", List.of("https://cdn.example/bag.jpg"), false),
        List.of(edited.rating(), edited.title(), edited.body(), edited.media(), edited.wouldRecommend()));
    assertEquals(r.clock.instant(), edited.editedAt());
    assertEquals(written, edited.createdAt());
    assertEquals(2, edited.version());
    assertEquals(review.provenance(), edited.provenance());
    assertEquals(new ReviewEvent.Edited(r.witness.heard().get(1).id(), r.clock.instant(), review.id(), OOLONG, 2,
        ReviewState.PUBLISHED, 2), r.witness.heard().get(1));
    assertEquals(List.of(new ReviewRevision(review.id(), 1, 4, null, review.body(), List.of(), Map.of(), null, written)),
        r.reviews.revisions(Actor.anonymous(), review.id()));
  }

  @Test
  void edit_historyKeepsEveryVersion_eachWithWhenItWasWritten() {
    Instant firstEdit = r.clock.instant().plusSeconds(60);
    r.clock.set(firstEdit);
    r.edit(review, c -> c.withBody("Second thoughts: quite floral"));
    r.clock.advance(Duration.ofDays(1));
    r.edit(review, c -> c.withBody("Third thoughts: very floral").withRating(5));
    List<ReviewRevision> revisions = r.reviews.revisions(ben, review.id());
    assertEquals(List.of(1, 2), revisions.stream().map(ReviewRevision::number).toList());
    assertEquals(List.of(review.body(), "Second thoughts: quite floral"), revisions.stream().map(ReviewRevision::body).toList());
    assertEquals(List.of(review.createdAt(), firstEdit), revisions.stream().map(ReviewRevision::writtenAt).toList());
    assertEquals(List.of(4, 4), revisions.stream().map(ReviewRevision::rating).toList());
    assertEquals(5, r.reload(review).rating());
  }

  @Test
  void edit_movesTheRatingInTheSummaries() {
    r.review(ben, OOLONG, 5);
    r.edit(review, c -> c.withRating(1));
    RatingSummary summary = r.reviews.summary(SummaryKey.product(OOLONG));
    assertEquals(List.of(1L, 0L, 0L, 0L, 1L), summary.histogram());
    assertEquals(6, summary.sum());
  }

  @Test
  void edit_keepsVotesAndReports() {
    r.emits(ReviewEvent.Voted.class, () -> r.reviews.vote(ben, review.id(), true));
    r.emits(ReviewEvent.Reported.class, () -> r.reviews.report(r.user("cy"), review.id(), "Looks copied"));
    Review edited = r.edit(review, c -> c.withBody("Floral and sweet, and still good"));
    assertEquals(List.of(1L, 0L, 1L), List.of(edited.helpfulCount(), edited.unhelpfulCount(), edited.reportCount()));
    assertTrue(review.helpfulScore() < edited.helpfulScore());
  }

  @Test
  void whenRatingsAreFixed_anEditMayChangeTheTextButNotTheRating() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults().withRatingEditable(false));
    Review fixed = shop.review(ann, OOLONG, 4);
    shop.rejects("rating", () -> shop.reviews.edit(ann, fixed.id(), ReviewContent.of(fixed).withRating(5)));
    Review edited = shop.edit(fixed, c -> c.withBody("Floral, sweet, and a fair price"));
    assertEquals(4, edited.rating());
  }

  @Test
  void edit_isForTheAuthorOnly() {
    r.refuses(PermissionDeniedException.class, () -> r.reviews.edit(ben, review.id(), ReviewContent.of(review)));
    r.refuses(PermissionDeniedException.class,
        () -> r.reviews.edit(Actor.anonymous(), review.id(), ReviewContent.of(review)));
  }

  @Test
  void edit_checksTheShopsAttributes() {
    r.rejects("attributes", () -> r.reviews.edit(ann, review.id(),
        ReviewContent.of(review).withAttributes(Map.of("fit", "true"))));
  }

  @Test
  void edit_stopsAfterTheMostEditsAllowed() {
    for (int i = 1; i <= Reviews.MAX_EDITS; i++) {
      int n = i;
      r.edit(review, c -> c.withBody("Edit number " + n + " of my notes"));
    }
    r.refuses(ConflictException.class, () -> r.reviews.edit(ann, review.id(),
        ReviewContent.of(review).withBody("One edit too many")));
    List<ReviewRevision> revisions = r.reviews.revisions(ann, review.id());
    assertEquals(Reviews.MAX_EDITS, revisions.size());
    assertEquals("Edit number " + (Reviews.MAX_EDITS - 1) + " of my notes", revisions.get(Reviews.MAX_EDITS - 1).body());
    r.assertSummariesExact();
  }

  @Test
  void revisions_ofAHeldReview_areForItsAuthorOnly() {
    Review held = r.edit(review, c -> c.withBody("Call +44 20 7946 0958 for a discount"));
    assertEquals(ReviewState.HELD, held.state());
    assertEquals(1, r.reviews.revisions(ann, review.id()).size());
    r.refuses(NotFoundException.class, () -> r.reviews.revisions(ben, review.id()));
    r.refuses(NotFoundException.class, () -> r.reviews.revisions(Actor.anonymous(), review.id()));
  }

  // ---- withdraw ----

  @Test
  void withdraw_hidesTheReviewFromEveryone_andTakesItOutOfTheSummaries() {
    r.review(ben, OOLONG, 2);
    assertTrue(r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id())));
    assertEquals(ReviewState.REMOVED, r.reload(review).state());
    for (Actor anyone : List.of(ann, ben, Actor.anonymous())) {
      r.refuses(NotFoundException.class, () -> r.reviews.get(anyone, review.id()));
      r.refuses(NotFoundException.class, () -> r.reviews.revisions(anyone, review.id()));
    }
    assertEquals(List.of(ben), r.reviews.list(SummaryKey.product(OOLONG), ReviewFilter.all(), ReviewSort.NEWEST,
        PageRequest.first()).items().stream().map(Review::author).toList());
    assertEquals(1, r.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  @Test
  void withdraw_twice_answersFalseAndChangesNothing() {
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    assertFalse(r.changesNothing(() -> r.reviews.withdraw(ann, review.id())));
  }

  @Test
  void withdraw_isForTheAuthorOnly_notTheSeller() {
    UserId clerk = r.hire(r.user("clerk"), ReviewsFixture.TEA_SHOP);
    for (Actor other : List.of(ben, clerk, Actor.anonymous())) {
      r.refuses(PermissionDeniedException.class, () -> r.reviews.withdraw(other, review.id()));
    }
  }

  @Test
  void aWithdrawnReview_cannotBeEditedVotedReportedOrAnswered() {
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    UserId clerk = r.hire(r.user("clerk"), ReviewsFixture.TEA_SHOP);
    r.refuses(ConflictException.class, () -> r.reviews.edit(ann, review.id(), ReviewContent.of(review).withBody("Back again")));
    r.refuses(ConflictException.class, () -> r.reviews.vote(ben, review.id(), true));
    r.refuses(ConflictException.class, () -> r.reviews.report(ben, review.id(), "Spam"));
    r.refuses(ConflictException.class, () -> r.reviews.reply(clerk, review.id(), "Thank you"));
  }

  @Test
  void withdraw_ofAHeldReview_leavesTheQueue() {
    Review held = r.submit(ben, draft(OOLONG, 1, "Mail me at ben@mail.example"));
    assertEquals(ReviewState.HELD, held.state());
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ben, held.id()));
    assertEquals(List.of(), r.reviews.held(PageRequest.first()).items());
    assertFalse(r.changesNothing(() -> r.reviews.approve(r.user("mod"), held.id())));
  }

  // ---- editing a held or rejected review ----

  @Test
  void edit_ofARejectedReview_waitsForAModerator_neverPublishesAtOnce() {
    UserId mod = r.user("mod");
    Review held = r.submit(ben, draft(OOLONG, 2, "Mail ben@mail.example for the recipe"));
    r.emits(ReviewEvent.Rejected.class, () -> r.reviews.reject(mod, held.id(), "No contact details, please"));
    Review edited = r.edit(held, c -> c.withBody("The recipe: two minutes at eighty degrees"));
    assertEquals(ReviewState.HELD, edited.state(), "clean text alone does not undo a rejection");
    assertEquals(List.of(Reviews.EDITED_AFTER_REJECTION), edited.reasons());
    assertEquals(1, r.reviews.summary(SummaryKey.product(OOLONG)).count(), "only ann's review counts");
    assertEquals(List.of(edited), r.reviews.held(PageRequest.first()).items());
    r.refuses(NotFoundException.class, () -> r.reviews.get(Actor.anonymous(), held.id()));
    r.emits(ReviewEvent.Published.class, () -> r.reviews.approve(mod, held.id()));
    assertEquals(2, r.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  @Test
  void edit_ofARejectedReview_thatModerationRejects_staysRejected() {
    Review rejected = r.submit(ben, draft(OOLONG, 5, "Nice"));
    assertEquals(ReviewState.REJECTED, rejected.state());
    Review edited = r.edit(rejected, c -> c.withBody("Nicer"));
    assertEquals(ReviewState.REJECTED, edited.state());
    assertTrue(edited.reasons().contains(Reviews.EDITED_AFTER_REJECTION), () -> edited.reasons().toString());
    assertEquals(List.of(), r.reviews.held(PageRequest.first()).items());
  }

  // ---- submitting again after a withdrawal ----

  @Test
  void submitAfterWithdraw_revivesTheSameReview_withItsHistoryKept() {
    r.emits(ReviewEvent.Voted.class, () -> r.reviews.vote(ben, review.id(), true));
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    Review withdrawn = r.reload(review);
    r.clock.advance(Duration.ofDays(3));
    Review revived = r.submit(ann, draft(OOLONG, 2, "Tried it again: the new harvest is flat"));
    assertEquals(review.id(), revived.id());
    assertEquals(List.of(ReviewState.PUBLISHED, 2, "Tried it again: the new harvest is flat"),
        List.of(revived.state(), revived.rating(), revived.body()));
    assertEquals(List.of(review.createdAt(), r.clock.instant(), withdrawn.version() + 1),
        List.of(revived.createdAt(), revived.editedAt(), revived.version()));
    assertEquals(1, revived.helpfulCount(), "votes stay with the review");
    assertEquals(revived, r.reload(review));
    assertEquals(revived, r.reviews.get(Actor.anonymous(), review.id()));
    assertEquals(List.of(new ReviewRevision(review.id(), 1, 4, null, review.body(), List.of(), Map.of(), null,
        review.createdAt())), r.reviews.revisions(Actor.anonymous(), review.id()));
    ReviewEvent.Submitted submitted = (ReviewEvent.Submitted) r.witness.heard().get(r.witness.heard().size() - 1);
    assertEquals(List.of(review.id(), ReviewState.PUBLISHED, 2),
        List.of(submitted.reviewId(), submitted.state(), submitted.rating()));
    RatingSummary summary = r.reviews.summary(SummaryKey.product(OOLONG));
    assertEquals(List.of(1L, 2L), List.of(summary.count(), summary.sum()));
  }

  @Test
  void submitAfterWithdraw_runsModerationAndVerificationAfresh() {
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    r.delivered(ann, OOLONG);
    Review revived = r.submit(ann, draft(OOLONG, 5, "Mail ann@mail.example and I will tell you more"));
    assertEquals(ReviewState.HELD, revived.state());
    assertTrue(revived.verified(), "the purchase is checked again");
    assertEquals(0, r.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  @Test
  void aRevivedReview_holdsTheUsersPlaceAgain() {
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    r.submit(ann, draft(OOLONG, 3, "Back again with a fairer view"));
    r.refuses(ConflictException.class, () -> r.reviews.submit(ann, draft(OOLONG, 1, "And once more, angrier")));
  }

  @Test
  void submitAfterWithdraw_stopsAfterTheMostEditsAllowed() {
    for (int i = 1; i < Reviews.MAX_EDITS; i++) {
      int n = i;
      r.edit(review, c -> c.withBody("Edit number " + n + " of my notes"));
    }
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    r.submit(ann, draft(OOLONG, 3, "The hundredth version of my notes"));
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    r.refuses(ConflictException.class, () -> r.reviews.submit(ann, draft(OOLONG, 3, "One version too many")));
  }
}
