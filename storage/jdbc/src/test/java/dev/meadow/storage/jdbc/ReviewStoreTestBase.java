package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.MerchantReply;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.ReplyRevision;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewReport;
import dev.meadow.core.reviews.ReviewRevision;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.spi.ReviewStore;
import dev.meadow.storage.tck.Race;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC adapter's review store promises beyond the conformance kit, run against each real
 * database by a subclass: user values bound literally, listings assembled per sort and filter that
 * page exactly, the summary read as its one stored row, and counts adjusted by racing transactions.
 */
abstract class ReviewStoreTestBase extends DatabaseTestBase {
  static final String DROP_REVIEWS = "'; DROP TABLE meadow_reviews; --";
  static final ProductId JEANS = new ProductId("jeans");
  static final StoreId DENIM_CO = new StoreId("denim-co");

  ReviewFixture review(String author, String product) {
    return new ReviewFixture(newId(), author, product, T0);
  }

  <T> T inTransaction(Function<ReviewStore, T> work) {
    return storage.inTransaction(tx -> work.apply(tx.reviews()));
  }

  @Test
  @DisplayName("Review text, keys, attributes and labels shaped like SQL or LIKE wildcards are stored as given and"
      + " matched literally")
  void hostileValues_areStoredAndMatchedLiterally() {
    Review hostile = review(DROP_REVIEWS, "%").store("_").dedupeKey(DROP_REVIEWS)
        .text(DROP_REVIEWS, "100% \\ _cotton_ \"quoted\" 'single'", "%")
        .media(List.of("https://cdn.example/x?q=%27%3B--", "https://cdn.example/\\"))
        .attributes(Map.of("fit'; --", "100%", "_", "\\", "%", DROP_REVIEWS))
        .state(ReviewState.HELD, List.of(DROP_REVIEWS, "%"))
        .build();
    Review plain = review(DROP_REVIEWS, "a1").store("a").dedupeKey("a1").text(null, "plain", "a").build();
    assertTrue(this.<Boolean>inTransaction(store -> store.insertReview(hostile) && store.insertReview(plain)));
    assertEquals(hostile, inTransaction(store -> store.findReview(hostile.id())).orElseThrow());
    assertEquals(hostile, inTransaction(store -> store.findReviewByKey(hostile.author(), new ProductId("%"),
        DROP_REVIEWS)).orElseThrow());
    assertTrue(inTransaction(store -> store.findReviewByKey(hostile.author(), new ProductId("a_"), "a%")).isEmpty());
    assertTrue(this.<Boolean>inTransaction(store -> store.authorHasText(hostile.author(), "%", null)));
    assertFalse(this.<Boolean>inTransaction(store -> store.authorHasText(hostile.author(), "_", null)));
    assertEquals(List.of(hostile), inTransaction(store -> store.listHeld(null, 10)));

    Review published = review("bob", "%").store("_").text(DROP_REVIEWS, "ok", "b").build();
    storage.inTransaction(tx -> {
      tx.reviews().insertReview(published);
      tx.labels().replaceUserLabels(new UserId("bob"), List.of("petite-tall", DROP_REVIEWS));
      return null;
    });
    for (SummaryKey key : List.of(SummaryKey.product(new ProductId("%")), SummaryKey.store(new StoreId("_")))) {
      for (ReviewSort sort : ReviewSort.values()) {
        assertEquals(List.of(published), inTransaction(store -> store.listReviews(key, ReviewFilter.all()
            .withStyleLabel("petite-tall"), sort, null, 10)), key + " " + sort);
        assertEquals(List.of(), inTransaction(store -> store.listReviews(key, ReviewFilter.all()
            .withStyleLabel("petite"), sort, null, 10)), key + " " + sort + ": a label matches whole");
      }
    }
    assertEquals(List.of(), inTransaction(store -> store.listReviews(SummaryKey.product(new ProductId("a%")),
        ReviewFilter.all(), ReviewSort.NEWEST, null, 10)));

    ReviewRevision revision = new ReviewRevision(hostile.id(), 1, 2, DROP_REVIEWS, "%", List.of("_"),
        Map.of(DROP_REVIEWS, "%"), false, T0);
    ReviewReport report = new ReviewReport(hostile.id(), new UserId("%"), DROP_REVIEWS, T0);
    MerchantReply reply = new MerchantReply(hostile.id(), new StoreId("_"), new UserId(DROP_REVIEWS), DROP_REVIEWS,
        T0, null, 1);
    ReplyRevision replyRevision = new ReplyRevision(hostile.id(), 1, new UserId("%"), DROP_REVIEWS, T0);
    assertTrue(this.<Boolean>inTransaction(store -> store.insertRevision(revision) && store.insertReport(report)
        && store.insertReply(reply) && store.insertReplyRevision(replyRevision)
        && store.insertVote(hostile.id(), new UserId(DROP_REVIEWS), true, T0)));
    assertEquals(List.of(revision), inTransaction(store -> store.listRevisions(hostile.id(), 10)));
    assertEquals(List.of(report), inTransaction(store -> store.listReports(hostile.id(), 10)));
    assertEquals(reply, inTransaction(store -> store.findReply(hostile.id())).orElseThrow());
    assertEquals(List.of(replyRevision), inTransaction(store -> store.listReplyRevisions(hostile.id(), 10)));
    assertEquals(Boolean.TRUE, inTransaction(store -> store.findVote(hostile.id(), new UserId(DROP_REVIEWS)))
        .orElseThrow());
    assertTrue(inTransaction(store -> store.findVote(hostile.id(), new UserId("%"))).isEmpty());

    inTransaction(store -> {
      store.adjustSummary(SummaryKey.product(new ProductId(DROP_REVIEWS)), 3, true, 1);
      return null;
    });
    assertEquals(1, inTransaction(store -> store.findSummary(SummaryKey.product(new ProductId(DROP_REVIEWS))))
        .count());
    assertEquals(0, inTransaction(store -> store.findSummary(SummaryKey.product(new ProductId("%")))).count());
    assertEquals(1, inTransaction(store -> store.computeSummary(SummaryKey.product(new ProductId("%")))).count());
    assertEquals(3, TestDatabase.count(dataSource, "meadow_reviews"), "meadow_reviews is still there");
  }

  /*
   * 30 published reviews of one product, and 8 of another product of the same store, with every
   * rating, tied and distinct helpful scores, verified or not, with media or not, by reviewers with
   * and without a style label; beside them reviews that no listing shows (held, removed, another
   * store's). Every listing is paged 2, then 7, at a time and must equal the same reviews sorted in
   * Java.
   */
  @Test
  @DisplayName("Listings of a product's and a store's reviews page exactly in every sort, with every filter: no gap,"
      + " no repeat, ties newest first")
  void listings_pageExactlyInEverySortAndFilter() {
    List<Review> reviews = new ArrayList<>();
    for (int i = 0; i < 38; i++) {
      long helpful = i % 4;
      long unhelpful = i % 3;
      reviews.add(review("user-" + (i % 7), i < 30 ? JEANS.value() : "jacket").store(DENIM_CO.value())
          .dedupeKey("key-" + i).rating(1 + (i * 7) % 5)
          .media(i % 3 == 0 ? List.of("https://cdn.example/" + i + ".jpg") : List.of())
          .provenance(i % 2 == 0 ? ReviewFixture.verified(JEANS.value(), T0) : ReviewFixture.unverified(T0))
          .votes(helpful, unhelpful, RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful))
          .build());
    }
    List<Review> unlisted = List.of(
        review("user-1", JEANS.value()).store(DENIM_CO.value()).dedupeKey("held").rating(5)
            .state(ReviewState.HELD, List.of("links")).build(),
        review("user-2", JEANS.value()).store(DENIM_CO.value()).dedupeKey("removed").rating(1)
            .state(ReviewState.REMOVED, List.of()).build(),
        review("user-3", "shirt").store("other-store").rating(3).build());
    storage.inTransaction(tx -> {
      for (Review review : reviews) {
        assertTrue(tx.reviews().insertReview(review));
      }
      for (Review review : unlisted) {
        assertTrue(tx.reviews().insertReview(review));
      }
      tx.labels().replaceUserLabels(new UserId("user-2"), List.of("petite"));
      tx.labels().replaceUserLabels(new UserId("user-5"), List.of("petite", "tall"));
      return null;
    });
    Set<UserId> petite = Set.of(new UserId("user-2"), new UserId("user-5"));

    List<ReviewFilter> filters = List.of(ReviewFilter.all(), ReviewFilter.all().withRatings(Set.of(1, 5)),
        ReviewFilter.all().withRatings(Set.of(3)), ReviewFilter.all().onlyVerified(), ReviewFilter.all().onlyWithMedia(),
        ReviewFilter.all().withStyleLabel("petite"),
        ReviewFilter.all().withRatings(Set.of(1, 2, 5)).onlyVerified().onlyWithMedia().withStyleLabel("petite"));
    for (SummaryKey subject : List.of(SummaryKey.product(JEANS), SummaryKey.store(DENIM_CO))) {
      for (ReviewFilter filter : filters) {
        Predicate<Review> matches = r -> (subject.kind() == SummaryKey.Kind.STORE || r.productId().equals(JEANS))
            && filter.ratings().contains(r.rating()) && (!filter.verifiedOnly() || r.verified())
            && (!filter.withMedia() || r.hasMedia())
            && (filter.styleLabel() == null || petite.contains(r.author()));
        for (ReviewSort sort : ReviewSort.values()) {
          List<Review> expected = reviews.stream().filter(matches).sorted(order(sort)).toList();
          String listing = subject.kind() + " " + sort + " " + filter;
          assertFalse(expected.isEmpty(), listing);
          // Smaller pages first: a statement run again with a larger limit must not keep the first one's.
          assertEquals(expected, page(subject, filter, sort, 2), listing + ", pages of 2");
          assertEquals(expected, page(subject, filter, sort, 7), listing + ", pages of 7");
        }
      }
    }
  }

  static Comparator<Review> order(ReviewSort sort) {
    Comparator<Review> newest = Comparator.comparing(Review::id).reversed();
    return switch (sort) {
      case NEWEST -> newest;
      case HIGHEST -> Comparator.comparingInt(Review::rating).reversed().thenComparing(newest);
      case LOWEST -> Comparator.comparingInt(Review::rating).thenComparing(newest);
      case MOST_HELPFUL -> Comparator.comparingDouble(Review::helpfulScore).reversed().thenComparing(newest);
    };
  }

  List<Review> page(SummaryKey subject, ReviewFilter filter, ReviewSort sort, int size) {
    List<Review> all = new ArrayList<>();
    @Nullable Review after = null;
    while (true) {
      Review position = after;
      List<Review> page = inTransaction(store -> store.listReviews(subject, filter, sort, position, size));
      all.addAll(page);
      if (page.size() < size) {
        return all;
      }
      after = page.get(page.size() - 1);
    }
  }

  @Test
  @DisplayName("findSummary reads the stored summary, never the reviews; computeSummary reads the reviews, never the"
      + " stored summary")
  void findSummary_readsTheStoredRowOnly() {
    SummaryKey key = SummaryKey.product(JEANS);
    storage.inTransaction(tx -> {
      tx.reviews().insertReview(review("alice", JEANS.value()).rating(2).build());
      tx.reviews().adjustSummary(key, 5, true, 1);
      tx.reviews().adjustSummary(key, 5, false, 1);
      return null;
    });
    assertEquals(new RatingSummary(key, 2, 10, List.of(0L, 0L, 0L, 0L, 2L), 1),
        inTransaction(store -> store.findSummary(key)));
    RatingSummary computed = new RatingSummary(key, 1, 2, List.of(0L, 1L, 0L, 0L, 0L), 0);
    assertEquals(computed, inTransaction(store -> store.computeSummary(key)));
    inTransaction(store -> {
      store.replaceSummary(computed);
      return null;
    });
    assertEquals(computed, inTransaction(store -> store.findSummary(key)));
  }

  @Test
  @DisplayName("8 threads racing to vote on one review and count in a new summary: every adjustment counts once, and"
      + " the stored helpful score always matches the counts")
  void adjustmentsByRacingTransactions_allCount() throws Exception {
    Review review = review("alice", JEANS.value()).build();
    inTransaction(store -> store.insertReview(review));
    SummaryKey key = SummaryKey.store(DENIM_CO);
    Race.run(8, thread -> {
      for (int i = 0; i < 10; i++) {
        int n = i;
        storage.inTransaction(tx -> {
          tx.reviews().adjustReviewCounts(review.id(), n % 3 == 0 ? 0 : 1, n % 3 == 0 ? 1 : 0, 0);
          tx.reviews().adjustSummary(key, 1 + n % 5, n % 2 == 0, 1);
          return null;
        });
      }
      return null;
    });
    Review voted = inTransaction(store -> store.findReview(review.id())).orElseThrow();
    assertEquals(List.of(48L, 32L), List.of(voted.helpfulCount(), voted.unhelpfulCount()));
    assertEquals(RatingSummary.wilsonLowerBound(48, 80), voted.helpfulScore());
    assertEquals(new RatingSummary(key, 80, 8 * 30, List.of(16L, 16L, 16L, 16L, 16L), 40),
        inTransaction(store -> store.findSummary(key)));
  }
}
