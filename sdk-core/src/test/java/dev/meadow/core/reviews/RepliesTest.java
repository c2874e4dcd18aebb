package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.KNIT_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.TEA_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store's one public reply to a review: written by its staff only, edited with its history kept. */
class RepliesTest {
  private final ReviewsFixture r = ReviewsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId clerk = r.hire(r.user("clerk"), TEA_SHOP);
  private final UserId manager = r.hire(r.user("manager"), TEA_SHOP, KNIT_SHOP);
  private final Review review = r.review(ann, OOLONG, 2);

  private MerchantReply reply(UserId staff, String body) {
    return r.emits(ReviewEvent.Replied.class, () -> r.reviews.reply(staff, review.id(), body));
  }

  @Test
  void staffOfTheStore_reply() {
    MerchantReply reply = reply(clerk, "Sorry it was stale; we have sent a fresh bag");
    assertEquals(new MerchantReply(review.id(), TEA_SHOP, clerk, "Sorry it was stale; we have sent a fresh bag",
        r.clock.instant(), null, 1), reply);
    assertEquals(Optional.of(reply), r.reviews.replyTo(Actor.anonymous(), review.id()));
    assertEquals(new ReviewEvent.Replied(r.witness.heard().get(1).id(), r.clock.instant(), review.id(), OOLONG, TEA_SHOP,
        clerk, 1), r.witness.heard().get(1));
    assertEquals(List.of(), r.reviews.replyRevisions(Actor.anonymous(), review.id()));
    assertEquals(review, r.reload(review), "the review itself is untouched");
  }

  @Test
  void editingTheReply_keepsWhatItSaidBefore_andWhoWroteIt() {
    Instant first = r.clock.instant();
    reply(clerk, "Sorry it was stale");
    r.clock.advance(Duration.ofHours(1));
    Instant second = r.clock.instant();
    MerchantReply edited = reply(manager, "Sorry it was stale; a fresh bag is on its way");
    assertEquals(List.of(manager, first, second, 2L),
        List.of(edited.author(), edited.createdAt(), edited.editedAt(), edited.version()));
    r.clock.advance(Duration.ofHours(1));
    reply(clerk, "A fresh bag arrived, we hear: thank you for telling us");
    assertEquals(List.of(new ReplyRevision(review.id(), 1, clerk, "Sorry it was stale", first),
            new ReplyRevision(review.id(), 2, manager, "Sorry it was stale; a fresh bag is on its way", second)),
        r.reviews.replyRevisions(Actor.anonymous(), review.id()));
    assertEquals(3, r.reviews.replyTo(Actor.anonymous(), review.id()).orElseThrow().version());
  }

  @Test
  void onlyTheStoresStaff_reply() {
    UserId knitter = r.hire(r.user("knitter"), KNIT_SHOP);
    for (Actor outsider : List.of(ann, r.user("ben"), knitter, Actor.anonymous())) {
      r.refuses(PermissionDeniedException.class, () -> r.reviews.reply(outsider, review.id(), "We are sorry"));
    }
  }

  @Test
  void aFailingStaffDirectory_isReportedAsAnIntegrationFailure_andNoReplyIsStored() {
    IllegalStateException down = new IllegalStateException("staff directory unavailable");
    r.staffFails(down);
    IntegrationException e = r.refuses(IntegrationException.class,
        () -> r.reviews.reply(clerk, review.id(), "Sorry it was stale"));
    assertSame(down, e.getCause());
    r.staffFails(null);
    assertEquals(Optional.empty(), r.reviews.replyTo(Actor.anonymous(), review.id()));
    assertEquals(1, reply(clerk, "Sorry it was stale").version(), "the same reply succeeds once the host answers");
  }

  @Test
  void onlyPublishedReviews_getReplies() {
    Review held = r.submit(r.user("ben"), draft(OOLONG, 1, "Mail ben@mail.example about it"));
    r.refuses(ConflictException.class, () -> r.reviews.reply(clerk, held.id(), "Thank you"));
  }

  @Test
  void theReply_stopsAfterTheMostEditsAllowed() {
    for (int i = 0; i <= Reviews.MAX_EDITS; i++) {
      reply(clerk, "Reply number " + i);
    }
    r.refuses(ConflictException.class, () -> r.reviews.reply(clerk, review.id(), "One edit too many"));
    assertEquals(Reviews.MAX_EDITS, r.reviews.replyRevisions(Actor.anonymous(), review.id()).size());
  }

  @Test
  void theReply_toAHeldReview_isReadOnlyByThoseWhoMaySeeTheReview() {
    ReviewsFixture strict = ReviewsFixture.with(ReviewPolicy.defaults().withReportThreshold(1));
    UserId author = strict.user("ann");
    UserId staff = strict.hire(strict.user("clerk"), TEA_SHOP);
    Review answered = strict.review(author, OOLONG, 1);
    strict.emits(ReviewEvent.Replied.class, () -> strict.reviews.reply(staff, answered.id(), "Sorry to hear it"));
    strict.emits(ReviewEvent.Replied.class, () -> strict.reviews.reply(staff, answered.id(), "Sorry; a refund is on its way"));
    strict.emits(List.of(ReviewEvent.Reported.class, ReviewEvent.Held.class),
        () -> strict.reviews.report(strict.user("ben"), answered.id(), "Fake"));
    for (Actor other : List.of(strict.user("ben"), staff, Actor.anonymous())) {
      strict.refuses(NotFoundException.class, () -> strict.reviews.replyTo(other, answered.id()));
      strict.refuses(NotFoundException.class, () -> strict.reviews.replyRevisions(other, answered.id()));
    }
    assertEquals("Sorry; a refund is on its way", strict.reviews.replyTo(author, answered.id()).orElseThrow().body());
    assertEquals(1, strict.reviews.replyRevisions(author, answered.id()).size());
  }

  @Test
  void theReply_toAWithdrawnReview_isReadByNobody() {
    reply(clerk, "Sorry it was stale");
    reply(clerk, "Sorry it was stale; a fresh bag is on its way");
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, review.id()));
    for (Actor anyone : List.of(ann, clerk, Actor.anonymous())) {
      r.refuses(NotFoundException.class, () -> r.reviews.replyTo(anyone, review.id()));
      r.refuses(NotFoundException.class, () -> r.reviews.replyRevisions(anyone, review.id()));
    }
  }
}
