package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.KNIT_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.SCARF;
import static dev.meadow.core.reviews.ReviewsFixture.SENCHA;
import static dev.meadow.core.reviews.ReviewsFixture.TEA_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rating summaries of products and stores: their numbers, and their exactness through every kind
 * of change (the fixture checks every summary against the published reviews after each one).
 */
class SummariesTest {
  private static final double EXACT = 1e-12;

  private final ReviewsFixture r = ReviewsFixture.create();

  @Test
  void nothingReviewed_isAllZero_andTheBayesianAverageIsThePrior() {
    RatingSummary summary = r.reviews.summary(SummaryKey.product(OOLONG));
    assertEquals(RatingSummary.empty(SummaryKey.product(OOLONG)), summary);
    assertEquals(0, summary.mean());
    assertEquals(4.0, r.reviews.bayesianAverage(summary));
    assertEquals(0, summary.positiveLowerBound());
  }

  @Test
  void aSummary_countsSumsAndHistograms_thePublishedRatings() {
    int[] ratings = {5, 5, 4, 1, 3};
    for (int i = 0; i < ratings.length; i++) {
      UserId author = r.user("writer-" + i);
      if (i < 2) {
        r.delivered(author, OOLONG);
      }
      r.review(author, OOLONG, ratings[i]);
    }
    RatingSummary summary = r.reviews.summary(SummaryKey.product(OOLONG));
    assertEquals(new RatingSummary(SummaryKey.product(OOLONG), 5, 18, List.of(1L, 0L, 1L, 1L, 2L), 2), summary);
    assertEquals(3.6, summary.mean(), EXACT);
    assertEquals((4.0 * 5 + 18) / 10, r.reviews.bayesianAverage(summary), EXACT);
    assertEquals(RatingSummary.wilsonLowerBound(3, 5), summary.positiveLowerBound(), EXACT);
    assertEquals(2, summary.count(5));
    assertEquals(0, summary.count(2));
  }

  @Test
  void aStoresSummary_addsUpItsProducts_andNoOtherStores() {
    UserId ann = r.user("ann");
    r.review(ann, OOLONG, 5);
    r.review(ann, SENCHA, 2);
    r.review(ann, SCARF, 1);
    assertEquals(new RatingSummary(SummaryKey.store(TEA_SHOP), 2, 7, List.of(0L, 1L, 0L, 0L, 1L), 0),
        r.reviews.summary(SummaryKey.store(TEA_SHOP)));
    assertEquals(new RatingSummary(SummaryKey.store(KNIT_SHOP), 1, 1, List.of(1L, 0L, 0L, 0L, 0L), 0),
        r.reviews.summary(SummaryKey.store(KNIT_SHOP)));
  }

  @Test
  void summaries_stayExact_throughEveryKindOfChange() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults().withReportThreshold(2));
    UserId mod = shop.user("mod");
    List<Review> written = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      UserId author = shop.user("writer-" + i);
      if (i % 2 == 0) {
        shop.delivered(author, OOLONG);
      }
      written.add(shop.review(author, OOLONG, i % 5 + 1));
    }
    Review held = shop.submit(shop.user("spammer"), draft(OOLONG, 5, "Mail spam@mail.example for more"));
    shop.emits(ReviewEvent.Published.class, () -> shop.reviews.approve(mod, held.id()));
    Review first = written.get(0);
    shop.edit(first, c -> c.withRating(5));
    shop.edit(first, c -> c.withBody("Now with a phone: 0207 946 0958"));
    shop.emits(ReviewEvent.Rejected.class, () -> shop.reviews.reject(mod, first.id(), "No phone numbers"));
    shop.edit(first, c -> c.withBody("Without the phone number now").withRating(2));
    shop.emits(ReviewEvent.Published.class, () -> shop.reviews.approve(mod, first.id()));
    shop.emits(ReviewEvent.Withdrawn.class, () -> shop.reviews.withdraw(written.get(1).author(), written.get(1).id()));
    ReviewId reported = written.get(2).id();
    shop.emits(ReviewEvent.Reported.class, () -> shop.reviews.report(shop.user("a"), reported, "Fake"));
    shop.emits(List.of(ReviewEvent.Reported.class, ReviewEvent.Held.class),
        () -> shop.reviews.report(shop.user("b"), reported, "Fake"));
    shop.emits(ReviewEvent.Published.class, () -> shop.reviews.approve(mod, reported));
    shop.emits(ReviewEvent.Voted.class, () -> shop.reviews.vote(shop.user("c"), reported, true));
    RatingSummary summary = shop.reviews.summary(SummaryKey.product(OOLONG));
    assertEquals(new RatingSummary(SummaryKey.product(OOLONG), 6, 20, List.of(1L, 1L, 1L, 1L, 2L), 3), summary);
  }

  @Test
  void rebuildSummary_countsReviewsThatArrivedWithoutTheService() {
    Review review = r.review(r.user("ann"), OOLONG, 4);
    Review imported = new Review(new ReviewId("01JD5Z8Y0Q3E4N6V7W8X9Y0Z1B"), OOLONG, TEA_SHOP, UserId.of("old-shop-42"),
        null, "product", 2, null, "Imported from the old shop", List.of(), java.util.Map.of(), null,
        review.provenance(), ReviewState.PUBLISHED, List.of(), "hash", 0, 0, 0, 0, review.createdAt(), null, 1);
    boolean inserted = r.meadow.storage().inTransaction(tx -> tx.reviews().insertReview(imported));
    assertTrue(inserted);
    assertEquals(1, r.reviews.summary(SummaryKey.product(OOLONG)).count(), "the stored summary knows nothing of it");
    RatingSummary rebuilt = r.reviews.rebuildSummary(SummaryKey.product(OOLONG));
    assertEquals(new RatingSummary(SummaryKey.product(OOLONG), 2, 6, List.of(0L, 1L, 0L, 1L, 0L), 0), rebuilt);
    assertEquals(rebuilt, r.reviews.summary(SummaryKey.product(OOLONG)));
  }

  @Test
  void theBayesianAverage_keepsAFewPerfectReviewsBelowManyNearlyPerfectOnes() {
    RatingSummary fewFives = new RatingSummary(SummaryKey.product(OOLONG), 3, 15, List.of(0L, 0L, 0L, 0L, 3L), 0);
    RatingSummary manyNearlyFives = new RatingSummary(SummaryKey.product(SENCHA), 300, 1440, List.of(0L, 0L, 0L, 60L, 240L), 0);
    assertTrue(fewFives.mean() > manyNearlyFives.mean());
    assertTrue(r.reviews.bayesianAverage(fewFives) < r.reviews.bayesianAverage(manyNearlyFives));
    assertEquals(35.0 / 8, r.reviews.bayesianAverage(fewFives), EXACT);
  }

  @Test
  void theBayesianAverage_followsTheShopsPrior() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults().withPrior(3.0, 10));
    shop.review(shop.user("ann"), OOLONG, 5);
    assertEquals((3.0 * 10 + 5) / 11, shop.reviews.bayesianAverage(shop.reviews.summary(SummaryKey.product(OOLONG))), EXACT);
    ReviewsFixture noPrior = ReviewsFixture.with(ReviewPolicy.defaults().withPrior(2.5, 0));
    assertEquals(2.5, noPrior.reviews.bayesianAverage(noPrior.reviews.summary(SummaryKey.product(OOLONG))), EXACT);
    noPrior.review(noPrior.user("ann"), OOLONG, 5);
    assertEquals(5.0, noPrior.reviews.bayesianAverage(noPrior.reviews.summary(SummaryKey.product(OOLONG))), EXACT);
  }

  @ParameterizedTest(name = "{0} of {1} → {2}")
  @CsvSource({"0, 0, 0", "1, 1, 0.206549", "5, 5, 0.565518", "0, 10, 0", "50, 100, 0.403832", "95, 100, 0.888250"})
  void theWilsonBound_isThe95PercentLowerBound(long positive, long total, double bound) {
    assertEquals(bound, RatingSummary.wilsonLowerBound(positive, total), 1e-6);
  }

  @Test
  void starsOutsideOneToFive_areNotASummaryBucket() {
    RatingSummary summary = RatingSummary.empty(SummaryKey.product(OOLONG));
    assertThrows(IllegalArgumentException.class, () -> summary.count(0));
    assertThrows(IllegalArgumentException.class, () -> summary.count(6));
  }
}
