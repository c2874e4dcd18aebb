package dev.meadow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: reviews-imports
import dev.meadow.core.ConflictException;
import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.ContentModerators;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewAttribute;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewPage;
import dev.meadow.core.reviews.ReviewPolicy;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.Reviews;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.reviews.VerificationRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
// end snippet: reviews-imports
import dev.meadow.core.TestClock;
import dev.meadow.core.ValidationException;
import dev.meadow.core.reviews.DisclosureLabel;
import dev.meadow.core.reviews.ReviewState;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/reviews.md that are not in the quickstart's {@code ReadmeExamplesTest}. */
class ReviewsGuideTest {
  private final TestClock clock = TestClock.at("2026-05-01T09:00:00Z");
  private final ProductId shoes = ProductId.of("sku-trail-2");
  private final StoreId trailhead = StoreId.of("trailhead");
  private final UserId ada = UserId.of("ada");
  private final UserId bo = UserId.of("bo");

  /** The host's orders: ada paid for the shoes ten days ago, and they have not arrived yet. */
  final class Orders {
    Optional<Purchase> find(UserId user, ProductId product, @Nullable OrderId order) {
      if (!user.equals(ada) || !product.equals(shoes)) {
        return Optional.empty();
      }
      Instant paidAt = Clock.offset(clock, Duration.ofDays(-10)).instant();
      return Optional.of(new Purchase(OrderId.of("o-1001"), product, paidAt, PurchaseState.PAID));
    }
  }

  @Test
  @DisplayName("A rule of PAID verifies a paid purchase; a shopper who bought nothing is not verified")
  void verificationRule_paidCounts() {
    Orders orders = new Orders();
    // snippet: reviews-verification
    Meadow meadow = Meadow.builder()
        .clock(clock)
        .purchases(orders::find)                  // (UserId, ProductId, OrderId or null) -> Optional<Purchase>
        .reviewPolicy(ReviewPolicy.defaults()
            .withVerification(new VerificationRule(PurchaseState.PAID, false, Duration.ofDays(180))))
        .build();                                 // PAID or DELIVERED verifies; REFUNDED does not
    Reviews reviews = meadow.reviews();

    Review paid = reviews.submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(5, "Light and grippy.")));
    paid.verified();                              // true: ada's order is PAID, 10 days old
    paid.labels();                                // [VERIFIED_PURCHASE]
    Review other = reviews.submit(bo, ReviewDraft.of(shoes, trailhead, ReviewContent.of(2, "Too narrow for me.")));
    other.verified();                             // false: published all the same, without the label
    other.provenance().verification().reason();   // "no purchase of the product was found"
    // end snippet: reviews-verification
    assertTrue(paid.verified());
    assertEquals(List.of(DisclosureLabel.VERIFIED_PURCHASE), paid.labels());
    assertFalse(other.verified());
    assertEquals(ReviewState.PUBLISHED, other.state());
    assertEquals(List.of(), other.labels());
    assertEquals("no purchase of the product was found", other.provenance().verification().reason());

    Meadow strict = Meadow.builder().clock(clock).purchases(orders::find).build();
    assertFalse(strict.reviews().submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(5, "Light and grippy.")))
        .verified(), "the default rule asks for DELIVERED");
  }

  @Test
  @DisplayName("Repeating a vote, a withdrawal or a submission changes nothing")
  void repeats_changeNothing() {
    Meadow meadow = Meadow.builder().clock(clock).build();
    Reviews reviews = meadow.reviews();
    Review review = reviews.submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(4, "Grippy on wet rock.")));
    // snippet: reviews-repeats
    boolean voted = reviews.vote(bo, review.id(), true);          // true
    boolean same = reviews.vote(bo, review.id(), true);           // false: bo voted the same already
    boolean changed = reviews.vote(bo, review.id(), false);       // true: a vote may change
    boolean reported = reviews.report(bo, review.id(), "Spam");   // true
    boolean reportedAgain = reviews.report(bo, review.id(), "Spam");   // false: one report per user
    // Submitting a second review of the same product is a ConflictException (one per user and product),
    // until the author withdraws the first one:
    boolean withdrawn = reviews.withdraw(ada, review.id());       // true; false if withdrawn already
    Review revived = reviews.submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(5, "Better after a week.")));
    revived.id();                                                 // the same id as review.id(), history kept
    // end snippet: reviews-repeats
    assertTrue(voted);
    assertFalse(same);
    assertTrue(changed);
    assertTrue(reported);
    assertFalse(reportedAgain);
    assertTrue(withdrawn);
    assertEquals(review.id(), revived.id());
    assertEquals(5, revived.rating());
    assertThrows(ConflictException.class,
        () -> reviews.submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(1, "A second one."))));
    RatingSummary summary = reviews.summary(SummaryKey.product(shoes));
    assertEquals(1, summary.count());
    ReviewPage page = reviews.list(SummaryKey.product(shoes), ReviewFilter.all(), ReviewSort.NEWEST, PageRequest.first(5));
    assertEquals(List.of(revived.id()), page.items().stream().map(Review::id).toList());
    assertTrue(page.excludedRatings().isEmpty());
    assertEquals(Incentive.NONE, revived.provenance().incentive());
  }

  @Test
  @DisplayName("An imported or syndicated review records the name of its source, checked as plain text")
  void importedReview_namesItsSource() {
    Orders orders = new Orders();
    Meadow meadow = Meadow.builder().clock(clock).purchases(orders::find)
        .reviewPolicy(ReviewPolicy.defaults().withVerification(new VerificationRule(PurchaseState.PAID, false, null)))
        .build();
    Reviews reviews = meadow.reviews();
    // snippet: reviews-imported
    Review imported = reviews.submit(ada, ReviewDraft.of(shoes, trailhead, ReviewContent.of(4, "Two seasons and going."))
        .withSource(Source.IMPORTED, "Old Shop Reviews"));  // plain text, 1 to 100 characters
    imported.provenance().sourceName();           // "Old Shop Reviews"
    imported.labels();                            // [IMPORTED]: never verified, whatever ada bought
    Review unnamed = reviews.submit(bo, ReviewDraft.of(shoes, trailhead, ReviewContent.of(3, "Shown from elsewhere."))
        .withSource(Source.SYNDICATED));          // the name is optional
    unnamed.provenance().sourceName();            // null
    // end snippet: reviews-imported
    assertEquals("Old Shop Reviews", imported.provenance().sourceName());
    assertEquals(List.of(DisclosureLabel.IMPORTED), imported.labels());
    assertFalse(imported.verified());
    assertEquals(null, unnamed.provenance().sourceName());
    assertEquals(List.of(DisclosureLabel.SYNDICATED), unnamed.labels());
    assertEquals(imported, reviews.get(ada, imported.id()), "stored with its name");

    ReviewDraft draft = ReviewDraft.of(shoes, trailhead, ReviewContent.of(5, "Good shoes."));
    assertEquals("Trust\u00e9 \u8bc4\u4ef7", draft.withSource(Source.SYNDICATED, "  Truste\u0301 \u8bc4\u4ef7\n").sourceName(),
        "cleaned: NFC, trimmed");
    assertEquals("x".repeat(100), draft.withSource(Source.IMPORTED, "x".repeat(100)).sourceName());
    assertEquals(null, draft.withSource(Source.IMPORTED, "Old").withSource(Source.ORGANIC).sourceName(),
        "a new source drops the old one's name");
    assertEquals("Old", draft.withSource(Source.IMPORTED, "Old").withIncentive(Incentive.POINTS).withOrder(null)
        .sourceName());
    for (String bad : List.of("", "   ", "x".repeat(101), "bell\u0007", "half \ud83d")) {
      ValidationException e = assertThrows(ValidationException.class, () -> draft.withSource(Source.IMPORTED, bad), bad);
      assertTrue(e.names("sourceName") && e.violations().size() == 1, bad);
    }
    for (Source source : List.of(Source.ORGANIC, Source.INVITED)) {
      ValidationException e = assertThrows(ValidationException.class, () -> draft.withSource(source, "Old Shop"));
      assertTrue(e.names("sourceName") && e.violations().size() == 1, source.name());
    }
  }
}
