package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.SENCHA;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.OrderId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Verified purchases: what the host reports, the shop's rule, and what is recorded as evidence. */
class VerificationTest {
  private final ReviewsFixture r = ReviewsFixture.create();
  private final UserId ann = r.user("ann");

  private Review submit(ReviewsFixture shop, ReviewDraft draft) {
    return shop.submit(ann, draft);
  }

  private Review submit(ReviewsFixture shop) {
    return submit(shop, draft(OOLONG, 4, "Floral and sweet, lovely in the afternoon"));
  }

  @Test
  void aDeliveredPurchase_verifies_andIsKeptAsEvidence() {
    Purchase purchase = r.delivered(ann, OOLONG);
    Review review = submit(r);
    Verification verification = review.provenance().verification();
    assertEquals(purchase, verification.purchase());
    assertEquals(r.clock.instant(), verification.checkedAt());
    assertTrue(verification.verified());
    assertNull(verification.reason());
    assertTrue(review.verified());
    assertEquals(List.of(DisclosureLabel.VERIFIED_PURCHASE), review.labels());
    assertTrue(((ReviewEvent.Submitted) r.witness.heard().get(0)).verified());
    assertEquals(1, r.reviews.summary(SummaryKey.product(OOLONG)).verifiedCount());
  }

  @Test
  void noPurchase_doesNotVerify_andSaysSo() {
    Review review = submit(r);
    assertFalse(review.verified());
    assertNull(review.provenance().verification().purchase());
    assertEquals("no purchase of the product was found", review.provenance().verification().reason());
    assertEquals(0, r.reviews.summary(SummaryKey.product(OOLONG)).verifiedCount());
  }

  @ParameterizedTest(name = "rule {0}, purchase {1} → verified {2}")
  @CsvSource({
      "ORDERED, ORDERED, true", "ORDERED, PAID, true", "ORDERED, DELIVERED, true", "ORDERED, REFUNDED, false",
      "PAID, ORDERED, false", "PAID, PAID, true", "PAID, DELIVERED, true", "PAID, REFUNDED, false",
      "DELIVERED, ORDERED, false", "DELIVERED, PAID, false", "DELIVERED, DELIVERED, true", "DELIVERED, REFUNDED, false"})
  void theRule_needsTheMinimumState_andNoRefund(PurchaseState minimum, PurchaseState state, boolean verified) {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults()
        .withVerification(new VerificationRule(minimum, false, Duration.ofDays(365))));
    shop.bought(ann, OOLONG, "order-1", state, Duration.ofDays(3));
    Review review = submit(shop);
    assertEquals(verified, review.verified());
    if (!verified) {
      assertEquals(state == PurchaseState.REFUNDED ? "the purchase was refunded"
          : "the purchase is " + state + ", not yet " + minimum, review.provenance().verification().reason());
    }
  }

  @Test
  void aRefundedPurchase_verifies_whenTheShopAllowsIt() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults()
        .withVerification(new VerificationRule(PurchaseState.DELIVERED, true, Duration.ofDays(365))));
    shop.bought(ann, OOLONG, "order-1", PurchaseState.REFUNDED, Duration.ofDays(3));
    assertTrue(submit(shop).verified());
  }

  @Test
  void aPurchaseOfAnotherProduct_doesNotVerify() {
    r.bought(ann, SENCHA, "order-1", PurchaseState.DELIVERED, Duration.ofDays(3));
    Review review = submit(r, draft(OOLONG, 4, "Floral and sweet, lovely").withOrder(OrderId.of("order-1")));
    assertEquals(SENCHA, review.provenance().verification().purchase().productId());
    assertFalse(review.verified());
    assertEquals("the purchase is of another product", review.provenance().verification().reason());
  }

  @Test
  void theWindow_endsExactlyItsLengthAfterThePurchase() {
    r.bought(ann, OOLONG, "order-1", PurchaseState.DELIVERED, Duration.ZERO);
    r.clock.advance(Duration.ofDays(365));
    ReviewDraft draft = draft(OOLONG, 4, "A year on, still lovely");
    UserId ben = r.user("ben");
    r.bought(ben, OOLONG, "order-2", PurchaseState.DELIVERED, Duration.ofDays(365).plusMillis(1));
    assertTrue(r.submit(ann, draft).verified(), "on the last moment of the window");
    Review late = r.submit(ben, draft);
    assertFalse(late.verified(), "one millisecond later");
    assertEquals("the purchase is older than 365 days", late.provenance().verification().reason());
  }

  @Test
  void movingTheClockPastTheWindow_endsVerification() {
    r.delivered(ann, OOLONG);
    r.clock.advance(Duration.ofDays(400));
    assertFalse(submit(r).verified());
  }

  @Test
  void withoutAWindow_oldPurchasesVerify() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults()
        .withVerification(new VerificationRule(PurchaseState.DELIVERED, false, null)));
    shop.bought(ann, OOLONG, "order-1", PurchaseState.DELIVERED, Duration.ZERO);
    shop.clock.advance(Duration.ofDays(3650));
    assertTrue(submit(shop).verified());
  }

  @Test
  void aPurchaseDatedInTheFuture_doesNotVerify() {
    r.bought(ann, OOLONG, "order-1", PurchaseState.DELIVERED, Duration.ofMinutes(-5));
    Review review = submit(r);
    assertFalse(review.verified());
    assertEquals("the purchase is dated in the future", review.provenance().verification().reason());
  }

  @ParameterizedTest
  @EnumSource(value = Source.class, names = {"IMPORTED", "SYNDICATED"})
  void importedAndSyndicatedReviews_areNeverVerified(Source source) {
    Purchase purchase = r.delivered(ann, OOLONG);
    Review review = submit(r, draft(OOLONG, 5, "Brought over from the old shop").withSource(source));
    assertFalse(review.verified());
    assertEquals(purchase, review.provenance().verification().purchase(), "the evidence is still kept");
    assertEquals(source + " reviews are never verified", review.provenance().verification().reason());
    assertFalse(review.labels().contains(DisclosureLabel.VERIFIED_PURCHASE));
    assertFalse(((ReviewEvent.Submitted) r.witness.heard().get(0)).verified());
    assertEquals(0, r.reviews.summary(SummaryKey.product(OOLONG)).verifiedCount());
  }

  @Test
  void theHost_isAskedOnceAboutTheAuthorsPurchase_inTheOrderNamed() {
    r.review(r.user("ben"), SENCHA, 3);
    submit(r, draft(OOLONG, 4, "Floral and sweet, lovely").withOrder(OrderId.of("order-7")));
    assertEquals(List.of(new ReviewsFixture.Asked(UserId.of("ben"), SENCHA, null),
        new ReviewsFixture.Asked(ann, OOLONG, OrderId.of("order-7"))), r.asked());
  }

  @Test
  void verification_isNotAskedAgainOnEdit() {
    r.delivered(ann, OOLONG);
    Review review = submit(r);
    r.edit(review, c -> c.withBody("Floral, sweet, and still lovely"));
    assertEquals(1, r.asked().size());
    assertEquals(review.provenance(), r.reload(review).provenance());
  }
}
