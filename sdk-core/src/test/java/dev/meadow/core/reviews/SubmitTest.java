package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.KNIT_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.SCARF;
import static dev.meadow.core.reviews.ReviewsFixture.SENCHA;
import static dev.meadow.core.reviews.ReviewsFixture.TEA_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.Meadow;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.OrderId;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Submitting reviews: what is stored, who may, how often, and the provenance recorded with it. */
class SubmitTest {
  private final ReviewsFixture r = ReviewsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId ben = r.user("ben");

  @Test
  void submit_publishesACleanReviewAndCountsItAtOnce() {
    Review review = r.submit(ann, draft(OOLONG, 4, "Floral and sweet, lovely in the afternoon"));
    assertEquals(ReviewState.PUBLISHED, review.state());
    assertEquals(List.of(), review.reasons());
    assertEquals(List.of(OOLONG, TEA_SHOP, ann, 4, "Floral and sweet, lovely in the afternoon"),
        List.of(review.productId(), review.storeId(), review.author(), review.rating(), review.body()));
    assertEquals(r.clock.instant(), review.createdAt());
    assertNull(review.editedAt());
    assertEquals(1, review.version());
    assertEquals(List.of(0L, 0L, 0L), List.of(review.helpfulCount(), review.unhelpfulCount(), review.reportCount()));
    assertEquals(review, r.reload(review));
    assertEquals(review, r.reviews.get(Actor.anonymous(), review.id()));
    assertEquals(new ReviewEvent.Submitted(r.witness.heard().get(0).id(), review.createdAt(), review.id(), OOLONG,
        TEA_SHOP, ann, 4, ReviewState.PUBLISHED, false, List.of()), r.witness.heard().get(0));
    assertEquals(1, r.reviews.summary(SummaryKey.product(OOLONG)).count());
    assertEquals(1, r.reviews.summary(SummaryKey.store(TEA_SHOP)).count());
  }

  @Test
  void submit_keepsTitleMediaAttributesAndRecommendation() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults().withAttributes(ReviewsFixture.ATTRIBUTES));
    ReviewContent content = new ReviewContent(5, "Warm", "Soft merino, no itch at all", List.of("https://Cdn.Example/a.jpg"),
        Map.of("warmth", "5", "fit", "true"), true);
    Review review = shop.submit(ann, ReviewDraft.of(SCARF, KNIT_SHOP, content));
    assertEquals(List.of("Warm", List.of("https://cdn.example/a.jpg"), List.of("fit", "warmth"), true),
        List.of(review.title(), review.media(), List.copyOf(review.attributes().keySet()), review.wouldRecommend()));
    assertEquals(Map.of("fit", "true", "warmth", "5"), review.attributes());
    assertTrue(review.hasMedia());
    assertEquals(content, ReviewContent.of(shop.reload(review)));
  }

  @Test
  void submit_refusesAnonymousVisitors() {
    r.refuses(PermissionDeniedException.class, () -> r.reviews.submit(Actor.anonymous(), draft(OOLONG, 5, "Lovely tea, would buy")));
  }

  @Test
  void aRejectedOrHeldReview_isShownToItsAuthorOnly() {
    Review rejected = r.submit(ann, draft(OOLONG, 5, "Good"));
    Review held = r.submit(ben, draft(OOLONG, 2, "Call me on +44 20 7946 0958 for a better price"));
    assertEquals(List.of(ReviewState.REJECTED, ReviewState.HELD), List.of(rejected.state(), held.state()));
    assertEquals(rejected, r.reviews.get(ann, rejected.id()));
    assertEquals(held, r.reviews.get(ben, held.id()));
    for (Actor other : List.of(Actor.anonymous(), ben, r.user("cy"))) {
      if (!other.equals(ben)) {
        r.refuses(NotFoundException.class, () -> r.reviews.get(other, held.id()));
      }
      r.refuses(NotFoundException.class, () -> r.reviews.get(other, rejected.id()));
    }
  }

  // ---- uniqueness ----

  @Test
  void perProduct_refusesASecondReviewOfTheSameProduct_whateverTheOrder() {
    r.review(ann, OOLONG, 4);
    r.refuses(ConflictException.class, () -> r.reviews.submit(ann, draft(OOLONG, 1, "Changed my mind about this tea")));
    r.refuses(ConflictException.class, () -> r.reviews.submit(ann,
        draft(OOLONG, 1, "Second bag was stale, sadly").withOrder(OrderId.of("order-2"))));
    r.review(ann, SENCHA, 5);
    r.review(ben, OOLONG, 3);
  }

  @Test
  void perProduct_aRejectedReviewStillHoldsTheUsersPlace() {
    Review rejected = r.submit(ann, draft(OOLONG, 5, "Nice"));
    assertEquals(ReviewState.REJECTED, rejected.state());
    r.refuses(ConflictException.class, () -> r.reviews.submit(ann, draft(OOLONG, 5, "Nice and floral, good value")));
  }

  @Test
  void perOrderLine_requiresAnOrder_andAllowsOneReviewPerOrder() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults().withUniqueness(Uniqueness.PER_ORDER_LINE));
    shop.rejects("orderId", () -> shop.reviews.submit(ann, draft(OOLONG, 4, "Floral and sweet, lovely")));
    Review first = shop.submit(ann, draft(OOLONG, 4, "First bag: floral and sweet").withOrder(OrderId.of("order-1")));
    Review second = shop.submit(ann, draft(OOLONG, 2, "Second bag: stale and flat").withOrder(OrderId.of("order-2")));
    assertEquals(List.of(OrderId.of("order-1"), OrderId.of("order-2")), List.of(first.orderId(), second.orderId()));
    assertNotEquals(first.dedupeKey(), second.dedupeKey());
    shop.refuses(ConflictException.class,
        () -> shop.reviews.submit(ann, draft(OOLONG, 1, "Same bag, worse now").withOrder(OrderId.of("order-1"))));
    shop.submit(ben, draft(OOLONG, 5, "Ben's bag, from his own order").withOrder(OrderId.of("order-1")));
    shop.submit(ann, draft(SENCHA, 5, "Sencha from the first order").withOrder(OrderId.of("order-1")));
    assertEquals(3, shop.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  // ---- provenance ----

  @Test
  void provenance_recordsSourceIncentiveAndRelationshipAsGiven() {
    Review review = r.submit(ann, draft(OOLONG, 5, "Sent to me to try, and I liked it")
        .withSource(Source.INVITED).withIncentive(Incentive.FREE_PRODUCT).withRelationship(Relationship.FAMILY));
    Provenance provenance = review.provenance();
    assertEquals(List.of(Source.INVITED, Incentive.FREE_PRODUCT, Relationship.FAMILY),
        List.of(provenance.source(), provenance.incentive(), provenance.relationship()));
    assertEquals(List.of(DisclosureLabel.INVITED, DisclosureLabel.RECEIVED_FREE_PRODUCT, DisclosureLabel.FAMILY_OF_SELLER),
        review.labels());
    assertEquals(provenance, r.reload(review).provenance());
  }

  @Test
  void provenance_ofAnOrganicUnpaidIndependentReview_hasNoLabels() {
    assertEquals(List.of(), r.review(ann, OOLONG, 4).labels());
  }

  @Test
  void labels_putVerificationFirst_thenSourceIncentiveAndRelationship() {
    r.delivered(ann, OOLONG);
    Review review = r.submit(ann, draft(OOLONG, 5, "Bought it, then got points for this review")
        .withSource(Source.INVITED).withIncentive(Incentive.POINTS).withRelationship(Relationship.AFFILIATE));
    assertEquals(List.of(DisclosureLabel.VERIFIED_PURCHASE, DisclosureLabel.INVITED, DisclosureLabel.RECEIVED_POINTS,
        DisclosureLabel.AFFILIATE_OF_SELLER), review.labels());
  }

  /** Every source, incentive and relationship, each alone on an otherwise plain draft, with the label it shows. */
  static Stream<Arguments> everyDisclosure() {
    Map<Object, List<DisclosureLabel>> labels = new LinkedHashMap<>();
    labels.put(Source.ORGANIC, List.of());
    labels.put(Source.INVITED, List.of(DisclosureLabel.INVITED));
    labels.put(Source.IMPORTED, List.of(DisclosureLabel.IMPORTED));
    labels.put(Source.SYNDICATED, List.of(DisclosureLabel.SYNDICATED));
    labels.put(Incentive.NONE, List.of());
    labels.put(Incentive.FREE_PRODUCT, List.of(DisclosureLabel.RECEIVED_FREE_PRODUCT));
    labels.put(Incentive.DISCOUNT, List.of(DisclosureLabel.RECEIVED_DISCOUNT));
    labels.put(Incentive.POINTS, List.of(DisclosureLabel.RECEIVED_POINTS));
    labels.put(Incentive.REFERRAL_REWARD, List.of(DisclosureLabel.RECEIVED_REFERRAL_REWARD));
    labels.put(Incentive.OTHER, List.of(DisclosureLabel.RECEIVED_INCENTIVE));
    labels.put(Relationship.NONE, List.of());
    labels.put(Relationship.EMPLOYEE, List.of(DisclosureLabel.EMPLOYEE_OF_SELLER));
    labels.put(Relationship.SELLER, List.of(DisclosureLabel.SELLER));
    labels.put(Relationship.FAMILY, List.of(DisclosureLabel.FAMILY_OF_SELLER));
    labels.put(Relationship.AFFILIATE, List.of(DisclosureLabel.AFFILIATE_OF_SELLER));
    assertEquals(Source.values().length + Incentive.values().length + Relationship.values().length, labels.size());
    return labels.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyDisclosure")
  void labels_discloseEverySourceIncentiveAndRelationship(Object provenance, List<DisclosureLabel> expected) {
    ReviewDraft plain = draft(OOLONG, 5, "Reviewed with some provenance");
    ReviewDraft drafted = provenance instanceof Source source ? plain.withSource(source)
        : provenance instanceof Incentive incentive ? plain.withIncentive(incentive)
        : plain.withRelationship((Relationship) provenance);
    assertEquals(expected, r.submit(ann, drafted).labels());
  }

  @Test
  void storeStaff_areRecordedAsEmployees_evenWhenTheyDeclareNoTie() {
    UserId clerk = r.hire(r.user("clerk"), TEA_SHOP);
    Review review = r.submit(clerk, draft(OOLONG, 5, "Our best oolong, honestly"));
    assertEquals(Relationship.EMPLOYEE, review.provenance().relationship());
    assertEquals(List.of(DisclosureLabel.EMPLOYEE_OF_SELLER), review.labels());
  }

  @Test
  void storeStaff_whoDeclareTheyAreTheSeller_stayTheSeller() {
    UserId owner = r.hire(r.user("owner"), TEA_SHOP);
    Review review = r.submit(owner, draft(OOLONG, 5, "I blend this one myself").withRelationship(Relationship.SELLER));
    assertEquals(Relationship.SELLER, review.provenance().relationship());
  }

  @Test
  void staffOfAnotherStore_reviewAsShoppers() {
    UserId knitter = r.hire(r.user("knitter"), KNIT_SHOP);
    Review review = r.submit(knitter, draft(OOLONG, 4, "Bought it next door, quite good"));
    assertEquals(Relationship.NONE, review.provenance().relationship());
    assertEquals(List.of(), review.labels());
  }

  // ---- the host's ports failing ----

  @Test
  void aFailingPurchaseVerifier_isReportedAsAnIntegrationFailure_andNothingIsStored() {
    IllegalStateException down = new IllegalStateException("order service unavailable");
    assertHostFailureStoresNothing("PurchaseVerifier", down, r::purchasesFail);
  }

  @Test
  void aFailingStaffDirectory_isReportedAsAnIntegrationFailure_andNothingIsStored() {
    IllegalStateException down = new IllegalStateException("staff directory unavailable");
    assertHostFailureStoresNothing("StoreStaff", down, r::staffFails);
  }

  @Test
  void aPurchaseVerifierAnsweringNull_isReportedAsAnIntegrationFailure_andNothingIsStored() {
    Meadow shop = Meadow.builder().purchases((user, product, order) -> null).build();
    IntegrationException e = assertThrows(IntegrationException.class,
        () -> shop.reviews().submit(ann, draft(OOLONG, 5, "Floral and sweet, lovely in the afternoon")));
    assertTrue(e.getMessage().contains("PurchaseVerifier answered null"), e.getMessage());
    assertEquals(0, shop.reviews().summary(SummaryKey.product(OOLONG)).count());
    assertEquals(List.of(), shop.reviews().list(SummaryKey.product(OOLONG), ReviewFilter.all(), ReviewSort.NEWEST,
        PageRequest.first()).items());
    assertEquals(List.of(), shop.outbox().claim(10, java.time.Duration.ofMinutes(1)));
  }

  private void assertHostFailureStoresNothing(String port, RuntimeException down,
      java.util.function.Consumer<RuntimeException> fail) {
    r.review(ben, OOLONG, 4);
    fail.accept(down);
    IntegrationException e = r.refuses(IntegrationException.class,
        () -> r.reviews.submit(ann, draft(OOLONG, 5, "Floral and sweet, lovely in the afternoon")));
    assertSame(down, e.getCause());
    assertTrue(e.getMessage().contains(port), e.getMessage());
    fail.accept(null);
    assertEquals(ReviewState.PUBLISHED, r.submit(ann, draft(OOLONG, 5, "Floral and sweet, lovely in the afternoon"))
        .state(), "the same submit succeeds once the host answers again");
  }
}
