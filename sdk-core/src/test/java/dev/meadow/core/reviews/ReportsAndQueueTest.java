package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Abuse reports hold a review for a moderator at the shop's threshold; moderators approve or reject what is held. */
class ReportsAndQueueTest {
  private final ReviewsFixture r = ReviewsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId mod = r.user("mod");
  private final Review review = r.review(ann, OOLONG, 1);

  /** A shop whose first report holds a review. */
  private final ReviewsFixture strict = ReviewsFixture.with(ReviewPolicy.defaults().withReportThreshold(1));

  /** Returns ann's five-star review in the strict shop, held after one report. */
  private Review reportedInTheStrictShop() {
    Review reported = strict.review(ann, OOLONG, 5);
    strict.emits(List.of(ReviewEvent.Reported.class, ReviewEvent.Held.class),
        () -> strict.reviews.report(strict.user("ben"), reported.id(), "Fake"));
    return reported;
  }

  private boolean report(String reporter, String reason) {
    return r.emits(ReviewEvent.Reported.class, () -> r.reviews.report(r.user(reporter), review.id(), reason));
  }

  @Test
  void aReport_isRecordedOncePerUser() {
    assertTrue(report("ben", "Looks copied from another shop"));
    r.clock.advance(Duration.ofMinutes(1));
    assertTrue(report("cy", "Spam"));
    assertFalse(r.changesNothing(() -> r.reviews.report(UserId.of("ben"), review.id(), "Reporting again")));
    assertEquals(List.of(new ReviewReport(review.id(), UserId.of("ben"), "Looks copied from another shop", review.createdAt()),
        new ReviewReport(review.id(), UserId.of("cy"), "Spam", r.clock.instant())), r.reviews.reports(review.id()));
    assertEquals(2, r.reload(review).reportCount());
    assertEquals(ReviewState.PUBLISHED, r.reload(review).state());
  }

  /** Reports ann's review by {@code reporters}, the last of whom brings its open reports to the threshold and holds it. */
  private void reportUntilHeld(String... reporters) {
    for (int i = 0; i < reporters.length - 1; i++) {
      report(reporters[i], "Spam");
    }
    r.emits(List.of(ReviewEvent.Reported.class, ReviewEvent.Held.class),
        () -> r.reviews.report(r.user(reporters[reporters.length - 1]), review.id(), "Spam"));
  }

  @Test
  void reachingTheThreshold_holdsTheReview_andTakesItOutOfSummariesAndListings() {
    reportUntilHeld("ben", "cy", "dee");
    Review held = r.reload(review);
    assertEquals(ReviewState.HELD, held.state());
    assertEquals(List.of("reported by 3 users"), held.reasons());
    assertEquals(List.of("reported by 3 users"), ((ReviewEvent.Held) r.witness.heard().get(4)).reasons());
    assertEquals(0, r.reviews.summary(SummaryKey.product(OOLONG)).count());
    assertEquals(List.of(), r.reviews.list(SummaryKey.product(OOLONG), ReviewFilter.all(), ReviewSort.LOWEST,
        PageRequest.first()).items());
    assertEquals(List.of(held), r.reviews.held(PageRequest.first()).items());
    assertEquals(held, r.reviews.get(ann, review.id()), "its author still sees it");
    r.refuses(NotFoundException.class, () -> r.reviews.get(Actor.anonymous(), review.id()));
    r.refuses(ConflictException.class, () -> r.reviews.report(r.user("eve"), review.id(), "Spam"));
  }

  @Test
  void aThresholdOfOne_holdsAtTheFirstReport() {
    Review reported = reportedInTheStrictShop();
    assertEquals(ReviewState.HELD, strict.reload(reported).state());
    assertEquals(List.of("reported by 1 user"), strict.reload(reported).reasons());
  }

  @Test
  void anEdit_doesNotReleaseAReviewThatReportsHeld() {
    Review edited = strict.edit(reportedInTheStrictShop(), c -> c.withBody("Totally genuine, honest"));
    assertEquals(ReviewState.HELD, edited.state());
    assertEquals(List.of("reported by 1 user"), edited.reasons());
    assertEquals(0, strict.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  @Test
  void authorsAndAnonymousVisitors_doNotReport() {
    r.refuses(PermissionDeniedException.class, () -> r.reviews.report(ann, review.id(), "Mine"));
    r.refuses(PermissionDeniedException.class, () -> r.reviews.report(Actor.anonymous(), review.id(), "Spam"));
  }

  // ---- the queue ----

  @Test
  void approve_publishesAHeldReview_andCountsIt() {
    Review held = r.submit(r.user("ben"), draft(OOLONG, 2, "Mail ben@mail.example for the recipe"));
    assertTrue(r.emits(ReviewEvent.Published.class, () -> r.reviews.approve(mod, held.id())));
    Review published = r.reload(held);
    assertEquals(ReviewState.PUBLISHED, published.state());
    assertEquals(List.of(), published.reasons());
    assertEquals(held.version() + 1, published.version());
    assertEquals(new ReviewEvent.Published(r.witness.heard().get(2).id(), r.clock.instant(), held.id(), OOLONG, mod),
        r.witness.heard().get(2));
    assertEquals(2, r.reviews.summary(SummaryKey.product(OOLONG)).count());
    assertEquals(List.of(), r.reviews.held(PageRequest.first()).items());
  }

  @Test
  void approve_ofAReportedReview_bringsItBackToTheSummaries() {
    Review reported = reportedInTheStrictShop();
    strict.emits(ReviewEvent.Published.class, () -> strict.reviews.approve(mod, reported.id()));
    assertEquals(1, strict.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  @Test
  void reject_refusesAHeldReview_withAReasonItsAuthorSees() {
    UserId ben = r.user("ben");
    Review held = r.submit(ben, draft(OOLONG, 2, "Mail ben@mail.example for the recipe"));
    assertTrue(r.emits(ReviewEvent.Rejected.class, () -> r.reviews.reject(mod, held.id(), "No contact details, please")));
    Review rejected = r.reviews.get(ben, held.id());
    assertEquals(ReviewState.REJECTED, rejected.state());
    assertEquals(List.of("No contact details, please"), rejected.reasons());
    assertEquals(new ReviewEvent.Rejected(r.witness.heard().get(2).id(), r.clock.instant(), held.id(), OOLONG, mod,
        "No contact details, please"), r.witness.heard().get(2));
    r.refuses(NotFoundException.class, () -> r.reviews.get(ann, held.id()));
  }

  @Test
  void approveAndReject_ofAReviewThatIsNotHeld_answerFalseAndChangeNothing() {
    assertFalse(r.changesNothing(() -> r.reviews.approve(mod, review.id())));
    assertFalse(r.changesNothing(() -> r.reviews.reject(mod, review.id(), "Too late")));
    Review held = r.submit(r.user("ben"), draft(OOLONG, 2, "Mail ben@mail.example for the recipe"));
    r.emits(ReviewEvent.Rejected.class, () -> r.reviews.reject(mod, held.id(), "No"));
    assertFalse(r.changesNothing(() -> r.reviews.approve(mod, held.id())));
    assertFalse(r.changesNothing(() -> r.reviews.reject(mod, held.id(), "No again")));
  }

  @Test
  void theQueue_listsHeldReviewsOldestFirst_pageByPage() {
    List<Review> held = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      r.clock.advance(Duration.ofMinutes(1));
      held.add(r.submit(r.user("writer-" + i), draft(OOLONG, 3, "Ring me on 0207 946 095" + i)));
    }
    r.emits(ReviewEvent.Published.class, () -> r.reviews.approve(mod, held.get(2).id()));
    List<Review> listed = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    Page<Review> page;
    do {
      page = r.reviews.held(request);
      listed.addAll(page.items());
      request = page.hasNext() ? request.next(page) : request;
    } while (page.hasNext());
    assertEquals(List.of(held.get(0), held.get(1), held.get(3), held.get(4)), listed);
  }

  // ---- reports after a decision ----

  @Test
  void approve_resolvesTheOpenReports_soOnlyNewReportsCountTowardsTheThreshold() {
    reportUntilHeld("ben", "cy", "dee");
    r.clock.advance(Duration.ofHours(1));
    r.emits(ReviewEvent.Published.class, () -> r.reviews.approve(mod, review.id()));
    assertEquals(0, r.reload(review).reportCount());
    List<ReviewReport> history = r.reviews.reports(review.id());
    assertEquals(3, history.size(), "reports stay as history");
    assertTrue(history.stream().allMatch(report -> r.clock.instant().equals(report.resolvedAt())));
    assertFalse(history.stream().anyMatch(ReviewReport::open));

    assertTrue(report("eve", "Still spam"));
    assertEquals(ReviewState.PUBLISHED, r.reload(review).state(), "one new report does not hold it again");
    assertEquals(1, r.reload(review).reportCount());
    assertTrue(r.reviews.reports(review.id()).get(3).open());
    reportUntilHeld("fay", "gus");
    assertEquals(List.of("reported by 3 users"), r.reload(review).reasons());
  }

  @Test
  void reject_resolvesTheOpenReports_andKeepsThem() {
    Review reported = reportedInTheStrictShop();
    strict.emits(ReviewEvent.Rejected.class, () -> strict.reviews.reject(mod, reported.id(), "Fake indeed"));
    Review rejected = strict.reload(reported);
    assertEquals(0, rejected.reportCount());
    assertEquals(List.of(new ReviewReport(reported.id(), UserId.of("ben"), "Fake", reported.createdAt(),
        strict.clock.instant())), strict.reviews.reports(reported.id()));
  }
}
