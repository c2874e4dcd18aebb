package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.MerchantReply;
import dev.meadow.core.reviews.Provenance;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.ReplyRevision;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewReport;
import dev.meadow.core.reviews.ReviewRevision;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.reviews.Verification;
import dev.meadow.core.spi.ReviewStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.ReviewStore}. */
public abstract class ReviewStoreContract extends StorageContract {
  private static final SummaryKey SKU_1 = SummaryKey.product(new ProductId("sku-1"));
  private static final SummaryKey STORE_1 = SummaryKey.store(new StoreId("store-1"));

  private Review stored(Review review) {
    assertTrue(is(tx -> tx.reviews().insertReview(review)));
    return review;
  }

  private Review stored(ReviewBuilder review) {
    return stored(review.build());
  }

  private void store(Consumer<ReviewStore> work) {
    tx(tx -> {
      work.accept(tx.reviews());
      return null;
    });
  }

  private Review find(ReviewId id) {
    return tx(tx -> tx.reviews().findReview(id)).orElseThrow();
  }

  private boolean update(Review next) {
    return is(tx -> tx.reviews().updateReview(next));
  }

  private List<Review> page(SummaryKey subject, ReviewFilter filter, ReviewSort sort, @Nullable Review after,
      int limit) {
    return tx(tx -> tx.reviews().listReviews(subject, filter, sort, after, limit));
  }

  /** Pages through a listing two reviews at a time. */
  private List<Review> listed(SummaryKey subject, ReviewFilter filter, ReviewSort sort) {
    return listed(subject, filter, sort, 2);
  }

  private List<Review> listed(SummaryKey subject, ReviewFilter filter, ReviewSort sort, int pageSize) {
    return pageThrough(pageSize, (Review after, int limit) -> page(subject, filter, sort, after, limit));
  }

  private List<Review> held() {
    return pageThrough(2, (Review after, int limit) ->
        tx(tx -> tx.reviews().listHeld(after == null ? null : after.id(), limit)));
  }

  private boolean hasText(String author, String textHash, @Nullable ReviewId except) {
    return is(tx -> tx.reviews().authorHasText(new UserId(author), textHash, except));
  }

  private int resolve(ReviewId review, Instant at) {
    return tx(tx -> tx.reviews().resolveReports(review, at));
  }

  private Optional<Boolean> vote(ReviewId review, String user) {
    return tx(tx -> tx.reviews().findVote(review, new UserId(user)));
  }

  private RatingSummary summary(SummaryKey key) {
    return tx(tx -> tx.reviews().findSummary(key));
  }

  private void labels(String user, String... labels) {
    tx(tx -> {
      tx.labels().replaceUserLabels(new UserId(user), List.of(labels));
      return null;
    });
  }

  /** Returns {@code review}'s next version with another body, edited a minute later. */
  private static Review edited(Review review, String body) {
    return reviewLike(review).body(body).editedAt(review.createdAt().plusSeconds(60)).version(review.version() + 1)
        .build();
  }

  /** Returns {@code review}'s next version in another state. */
  private static Review moved(Review review, ReviewState state) {
    return reviewLike(review).state(state).version(review.version() + 1).build();
  }

  /** The order each sort documents: its sort value, then newest (greatest id) first. */
  private static Comparator<Review> documentedOrder(ReviewSort sort) {
    Comparator<Review> newestFirst = Comparator.comparing(Review::id).reversed();
    return switch (sort) {
      case NEWEST -> newestFirst;
      case HIGHEST -> Comparator.comparingInt(Review::rating).reversed().thenComparing(newestFirst);
      case LOWEST -> Comparator.comparingInt(Review::rating).thenComparing(newestFirst);
      case MOST_HELPFUL -> Comparator.comparingDouble(Review::helpfulScore).reversed().thenComparing(newestFirst);
    };
  }

  private static List<Review> sorted(Collection<Review> reviews, ReviewSort sort, Predicate<Review> shown) {
    return reviews.stream().filter(shown).sorted(documentedOrder(sort)).toList();
  }

  /** Returns the summary of the published reviews among {@code reviews} that count in {@code key}. */
  private static RatingSummary expectedSummary(SummaryKey key, Collection<Review> reviews) {
    long[] histogram = new long[5];
    long count = 0;
    long sum = 0;
    long verified = 0;
    for (Review review : reviews) {
      boolean counts = key.kind() == SummaryKey.Kind.PRODUCT
          ? review.productId().value().equals(key.id())
          : review.storeId().value().equals(key.id());
      if (counts && review.state() == ReviewState.PUBLISHED) {
        histogram[review.rating() - 1]++;
        count++;
        sum += review.rating();
        verified += review.verified() ? 1 : 0;
      }
    }
    return new RatingSummary(key, count, sum, LongStream.of(histogram).boxed().toList(), verified);
  }

  // Reviews

  @Test
  @DisplayName("A review round-trips exactly, every field: Unicode text, media in order, attributes, provenance with a purchase, reasons, counts and score")
  void reviewRoundTrip() {
    Provenance provenance = new Provenance(Source.INVITED,
        new Verification(new Purchase(new OrderId("order-42"), new ProductId("sku-9"),
            Instant.parse("2026-02-01T10:11:12.345Z"), PurchaseState.REFUNDED),
            Instant.parse("2026-02-20T08:00:00.001Z"), false, "refunded — 已退款 💸"),
        Incentive.FREE_PRODUCT, Relationship.EMPLOYEE);
    Review review = stored(review("author ✍️", "sku-9").store("store-ü").order("order-42")
        .dedupeKey("sku-9/order-42").rating(4).title("Best oolong 🍵 — 最好的乌龙茶").body(AWKWARD_TEXT)
        .media("https://cdn.example/z.jpg", "https://cdn.example/a.jpg?w=640&h=480", "https://cdn.example/m.mp4")
        .attributes(Map.of("fit", "true_to_size", "comfort", "4", "couleur", "bleu été 💙"))
        .wouldRecommend(true).provenance(provenance).state(ReviewState.HELD)
        .reasons("links", "shouting ⚠️", "a").textHash("sha256:9f86d081884c7d65").counts(17, 4, 2)
        .createdAt(Instant.parse("2026-01-02T03:04:05.678Z")).editedAt(Instant.parse("2026-01-03T04:05:06.789Z"))
        .version(7));
    Review found = find(review.id());
    assertEquals(review, found);
    assertEquals(List.of("https://cdn.example/z.jpg", "https://cdn.example/a.jpg?w=640&h=480",
        "https://cdn.example/m.mp4"), found.media());
    assertEquals(List.of("links", "shouting ⚠️", "a"), found.reasons());
  }

  @Test
  @DisplayName("A review's optional fields round-trip as null, a recommendation as false, a provenance without a purchase, and empty lists and maps as empty")
  void reviewOptionalFields() {
    Review bare = stored(review("plain", "sku-1").title(null).order(null).wouldRecommend(null).editedAt(null)
        .provenance(noPurchase()).rating(1).body(""));
    Review notRecommended = stored(review("plain", "sku-2").wouldRecommend(false).state(ReviewState.REJECTED)
        .provenance(new Provenance(Source.IMPORTED, new Verification(null, T0, true, null), Incentive.OTHER,
            Relationship.AFFILIATE)));
    Review removed = stored(review("plain", "sku-3").state(ReviewState.REMOVED).provenance(verifiedPurchase("sku-3")));
    assertEquals(bare, find(bare.id()));
    assertEquals(notRecommended, find(notRecommended.id()));
    assertEquals(removed, find(removed.id()));
    assertTrue(tx(tx -> tx.reviews().findReview(newReviewId())).isEmpty());
  }

  @Test
  @DisplayName("The name of an imported or syndicated review's source round-trips exactly, awkward text and 100 characters"
      + " included; updateReview sets, changes and clears it, and a review without one reads back without one")
  void reviewSourceNameRoundTrip() {
    String awkward = "Old Shop 👗🌿 — 好看 · Crème brûlée \"quoted\" 'single'\n\t<b>bold</b> %_\\ '; DROP TABLE meadow_reviews; --";
    String longest = "🍵".repeat(50) + "名".repeat(50);
    Review imported = stored(review("importer", "sku-1").provenance(new Provenance(Source.IMPORTED,
        new Verification(null, T0, false, "imported reviews are never verified"), Incentive.NONE, Relationship.NONE,
        awkward)));
    Review syndicated = stored(review("importer", "sku-2").provenance(new Provenance(Source.SYNDICATED,
        new Verification(null, T0, false, null), Incentive.OTHER, Relationship.NONE, longest)));
    Review unnamed = stored(review("importer", "sku-3").provenance(new Provenance(Source.IMPORTED,
        new Verification(null, T0, false, null), Incentive.NONE, Relationship.NONE)));
    assertEquals(awkward, find(imported.id()).provenance().sourceName());
    assertEquals(imported, find(imported.id()));
    assertEquals(syndicated, find(syndicated.id()));
    assertEquals(100, find(syndicated.id()).provenance().sourceName().codePointCount(0, longest.length()));
    assertEquals(unnamed, find(unnamed.id()));
    assertNull(find(unnamed.id()).provenance().sourceName());
    assertEquals(List.of(imported), page(SummaryKey.product(new ProductId("sku-1")), ReviewFilter.all(),
        ReviewSort.NEWEST, null, 10), "listings read the name too");

    Review renamed = reviewLike(imported).provenance(new Provenance(Source.SYNDICATED,
        imported.provenance().verification(), Incentive.NONE, Relationship.NONE, "Trustpilot")).version(2).build();
    assertTrue(update(renamed));
    assertEquals(renamed, find(imported.id()));
    Review cleared = reviewLike(renamed).provenance(noPurchase()).version(3).build();
    assertTrue(update(cleared));
    assertNull(find(imported.id()).provenance().sourceName());
    assertEquals(cleared, find(imported.id()));
  }

  @Test
  @DisplayName("Helpful scores round-trip bit for bit")
  void helpfulScoresRoundTrip() {
    double[] scores = {0.0, 1.0, 0.1, 1.0 / 3, 0.9999999999999999, RatingSummary.wilsonLowerBound(1, 1),
        RatingSummary.wilsonLowerBound(123_456, 123_457), RatingSummary.wilsonLowerBound(2, 9),
        2.2250738585072014E-308};
    List<Review> reviews = new ArrayList<>();
    store(s -> {
      for (int i = 0; i < scores.length; i++) {
        Review review = review("scorer", "sku-" + i).helpfulScore(scores[i]).build();
        assertTrue(s.insertReview(review));
        reviews.add(review);
      }
    });
    for (int i = 0; i < scores.length; i++) {
      double found = find(reviews.get(i).id()).helpfulScore();
      assertEquals(Double.doubleToLongBits(scores[i]), Double.doubleToLongBits(found), "score " + scores[i]);
    }
  }

  @Test
  @DisplayName("A second review with a taken id is refused and the first is unchanged")
  void reviewIdIsUnique() {
    Review first = stored(review("first", "sku-1"));
    Review copy = review("second", "sku-2").build();
    Review sameId = new Review(first.id(), copy.productId(), copy.storeId(), copy.author(), null, copy.dedupeKey(), 1,
        null, "copy", List.of(), Map.of(), null, noPurchase(), ReviewState.PUBLISHED, List.of(), "copy", 0, 0, 0, 0,
        T0, null, 1);
    assertFalse(is(tx -> tx.reviews().insertReview(sameId)));
    assertEquals(first, find(first.id()));
    assertTrue(tx(tx -> tx.reviews().findReviewByKey(copy.author(), copy.productId(), copy.dedupeKey())).isEmpty());
  }

  @Test
  @DisplayName("One review per author, product and dedupe key, whatever its state: another under a taken key is refused, another key, product or author is not")
  void reviewKeyIsUnique() {
    Review original = stored(review("ann", "sku-1").dedupeKey("sku-1").state(ReviewState.REMOVED));
    Review again = review("ann", "sku-1").dedupeKey("sku-1").build();
    assertFalse(is(tx -> tx.reviews().insertReview(again)));
    assertTrue(tx(tx -> tx.reviews().findReview(again.id())).isEmpty());
    assertEquals(original, find(original.id()));
    stored(review("ann", "sku-1").order("order-2").dedupeKey("sku-1/order-2"));
    stored(review("ann", "sku-2").dedupeKey("sku-1"));
    stored(review("bob", "sku-1").dedupeKey("sku-1"));
  }

  @Test
  @DisplayName("Racing inserts under one author, product and dedupe key on 8 threads: exactly one is stored")
  void racingInsertsOfOneKey() throws Exception {
    List<Review> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(review("eager", "sku-1").body("Attempt " + i).build());
    }
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().insertReview(candidates.get(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    Review winner = candidates.get(won.indexOf(true));
    assertEquals(Optional.of(winner),
        tx(tx -> tx.reviews().findReviewByKey(new UserId("eager"), new ProductId("sku-1"), "sku-1")));
    assertEquals(List.of(winner), listed(SKU_1, ReviewFilter.all(), ReviewSort.NEWEST));
  }

  @Test
  @DisplayName("Racing inserts of one review id on 8 threads: exactly one is stored")
  void racingInsertsOfOneId() throws Exception {
    ReviewId id = newReviewId();
    List<Review> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Review other = review("author-" + i, "sku-1").build();
      candidates.add(new Review(id, other.productId(), other.storeId(), other.author(), null, other.dedupeKey(), 5,
          null, other.body(), List.of(), Map.of(), null, noPurchase(), ReviewState.PUBLISHED, List.of(), "text-" + i,
          0, 0, 0, 0, T0, null, 1));
    }
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().insertReview(candidates.get(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(candidates.get(won.indexOf(true)), find(id));
    assertEquals(1, listed(SKU_1, ReviewFilter.all(), ReviewSort.NEWEST).size());
  }

  @Test
  @DisplayName("findReviewByKey finds an author's review of a product under a dedupe key in any state, and nothing under another author, product or key")
  void findReviewByKey() {
    Review held = stored(review("ann 🌸", "sku-1").order("order-1").dedupeKey("sku-1/order-1")
        .state(ReviewState.HELD));
    Review removed = stored(review("ann 🌸", "sku-2").state(ReviewState.REMOVED));
    UserId ann = new UserId("ann 🌸");
    assertEquals(Optional.of(held),
        tx(tx -> tx.reviews().findReviewByKey(ann, new ProductId("sku-1"), "sku-1/order-1")));
    assertEquals(Optional.of(removed), tx(tx -> tx.reviews().findReviewByKey(ann, new ProductId("sku-2"), "sku-2")));
    assertTrue(tx(tx -> tx.reviews().findReviewByKey(ann, new ProductId("sku-1"), "sku-1")).isEmpty());
    assertTrue(tx(tx -> tx.reviews().findReviewByKey(ann, new ProductId("sku-2"), "sku-1/order-1")).isEmpty());
    assertTrue(tx(tx -> tx.reviews().findReviewByKey(new UserId("bob"), new ProductId("sku-1"), "sku-1/order-1"))
        .isEmpty());
    Review published = moved(held, ReviewState.PUBLISHED);
    assertTrue(update(published));
    assertEquals(Optional.of(published),
        tx(tx -> tx.reviews().findReviewByKey(ann, new ProductId("sku-1"), "sku-1/order-1")));
  }

  @Test
  @DisplayName("updateReview replaces content, provenance, state, reasons, text hash, edit time and version, and keeps id, product, store, author, order, dedupe key, counts, helpful score and creation time")
  void updateReviewReplacesContent() {
    Review original = stored(review("author", "sku-1").order("order-1").dedupeKey("sku-1/order-1").rating(5)
        .title("Before").body("Before body").media("https://cdn.example/1.jpg").attributes(Map.of("fit", "small"))
        .wouldRecommend(true).verified().textHash("before").counts(3, 1, 1));
    Instant editedAt = T0.plus(Duration.ofHours(2));
    Provenance changed = new Provenance(Source.INVITED, new Verification(null, editedAt, false, "refunded"),
        Incentive.DISCOUNT, Relationship.FAMILY);
    Review next = new Review(original.id(), new ProductId("sku-other"), new StoreId("store-other"),
        new UserId("impostor"), new OrderId("order-other"), "other-key", 2, "After 🌿", "After body\n第二行",
        List.of("https://cdn.example/b.jpg", "https://cdn.example/a.jpg"), Map.of("fit", "large", "comfort", "2"),
        false, changed, ReviewState.HELD, List.of("profanity", "links"), "after", 99, 98, 0.99, 97,
        T0.minusSeconds(60), editedAt, 2);
    assertTrue(update(next));
    Review expected = new Review(original.id(), original.productId(), original.storeId(), original.author(),
        original.orderId(), original.dedupeKey(), 2, "After 🌿", "After body\n第二行",
        List.of("https://cdn.example/b.jpg", "https://cdn.example/a.jpg"), Map.of("fit", "large", "comfort", "2"),
        false, changed, ReviewState.HELD, List.of("profanity", "links"), "after", 3, 1, original.helpfulScore(), 1,
        T0, editedAt, 2);
    assertEquals(expected, find(original.id()));
    assertEquals(Optional.of(expected), tx(tx -> tx.reviews().findReviewByKey(original.author(),
        original.productId(), "sku-1/order-1")), "the review keeps its key");
    assertTrue(tx(tx -> tx.reviews().findReviewByKey(new UserId("impostor"), new ProductId("sku-other"),
        "other-key")).isEmpty());
    Review cleared = reviewLike(expected).title(null).media().attributes(Map.of()).wouldRecommend(null)
        .provenance(noPurchase()).state(ReviewState.PUBLISHED).reasons().editedAt(null).version(3).build();
    assertTrue(update(cleared));
    assertEquals(cleared, find(original.id()), "optional fields can be cleared again");
  }

  @Test
  @DisplayName("updateReview with a stale or skipped version, or of an unknown review, changes nothing")
  void updateReviewNeedsNextVersion() {
    Review review = stored(review("author", "sku-1"));
    assertFalse(update(review), "version 1 again");
    assertFalse(update(edited(edited(review, "skipped"), "skipped")), "version 3");
    assertEquals(review, find(review.id()));
    Review unknown = review("nobody", "sku-1").build();
    assertFalse(update(edited(unknown, "x")));
    assertTrue(tx(tx -> tx.reviews().findReview(unknown.id())).isEmpty(), "an update never inserts");
    Review second = edited(review, "second");
    assertTrue(update(second));
    assertFalse(update(second), "the same version twice");
    assertTrue(update(edited(second, "third")));
    assertEquals("third", find(review.id()).body());
  }

  @Test
  @DisplayName("Racing edits of one version on 8 threads: exactly one wins, and its content is stored")
  void racingReviewUpdates() throws Exception {
    Review review = stored(review("author", "sku-1"));
    List<Boolean> won = race(8, thread -> update(edited(review, "Edit " + thread)));
    assertEquals(1, won.stream().filter(b -> b).count());
    Review stored = find(review.id());
    assertEquals("Edit " + won.indexOf(true), stored.body());
    assertEquals(2, stored.version());
  }

  @Test
  @DisplayName("An updated review moves with its state and rating: between the published listings and the held queue, and within the rating sorts")
  void updatedReviewsMove() {
    Review low = stored(review("ann", "sku-1").rating(2));
    Review high = stored(review("bob", "sku-1").rating(4));
    Review waiting = stored(review("cy", "sku-1").rating(3).state(ReviewState.HELD));
    assertEquals(List.of(high, low), listed(SKU_1, ReviewFilter.all(), ReviewSort.HIGHEST));
    assertEquals(List.of(waiting), held());

    Review raised = reviewLike(low).rating(5).version(2).build();
    Review approved = moved(waiting, ReviewState.PUBLISHED);
    Review withdrawn = moved(high, ReviewState.REMOVED);
    store(s -> {
      assertTrue(s.updateReview(raised));
      assertTrue(s.updateReview(approved));
      assertTrue(s.updateReview(withdrawn));
    });
    assertEquals(List.of(raised, approved), listed(SKU_1, ReviewFilter.all(), ReviewSort.HIGHEST));
    assertEquals(List.of(approved, raised), listed(SKU_1, ReviewFilter.all(), ReviewSort.LOWEST));
    assertEquals(List.of(approved, raised), listed(STORE_1, ReviewFilter.all(), ReviewSort.NEWEST));
    assertEquals(List.of(raised), listed(SKU_1, ReviewFilter.all().withRatings(Set.of(5)), ReviewSort.NEWEST));
    assertEquals(List.of(), held());
    Review heldAgain = moved(raised, ReviewState.HELD);
    assertTrue(update(heldAgain));
    assertEquals(List.of(heldAgain), held());
    assertEquals(List.of(approved), listed(SKU_1, ReviewFilter.all(), ReviewSort.MOST_HELPFUL));
  }

  // Counts

  @Test
  @DisplayName("adjustReviewCounts adds its deltas, negative ones too, sets the helpful score to the Wilson lower bound, returns the review as stored and changes nothing else")
  void adjustReviewCounts() {
    Review review = stored(review("author", "sku-1").title("Kept").verified().version(3));
    Optional<Review> first = tx(tx -> tx.reviews().adjustReviewCounts(review.id(), 5, 2, 1));
    Review expected = reviewLike(review).counts(5, 2, 1).build();
    assertEquals(Optional.of(expected), first);
    assertEquals(RatingSummary.wilsonLowerBound(5, 7), first.orElseThrow().helpfulScore(), 0.0);
    Optional<Review> second = tx(tx -> tx.reviews().adjustReviewCounts(review.id(), -2, 1, -1));
    expected = reviewLike(review).counts(3, 3, 0).build();
    assertEquals(Optional.of(expected), second);
    assertEquals(expected, find(review.id()));
    Optional<Review> none = tx(tx -> tx.reviews().adjustReviewCounts(review.id(), -3, -3, 0));
    assertEquals(0.0, none.orElseThrow().helpfulScore(), 0.0, "no votes score 0");
    assertEquals(reviewLike(review).counts(0, 0, 0).build(), find(review.id()));
    assertTrue(tx(tx -> tx.reviews().adjustReviewCounts(newReviewId(), 1, 1, 1)).isEmpty());
  }

  @Test
  @DisplayName("The helpful score replaces one given at insert as soon as the counts are adjusted")
  void adjustReviewCountsRecomputesScore() {
    Review review = stored(review("author", "sku-1").helpfulScore(0.75));
    Review adjusted = tx(tx -> tx.reviews().adjustReviewCounts(review.id(), 0, 0, 0)).orElseThrow();
    assertEquals(0.0, adjusted.helpfulScore(), 0.0);
    assertEquals(adjusted, find(review.id()));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent count adjustments on one review: every count equals the sum of its deltas, the helpful score matches them, and each call returns a distinct state")
  void concurrentCountAdjustments() throws Exception {
    Review review = stored(review("author", "sku-1"));
    List<List<Review>> seen = race(8, thread -> {
      List<Review> mine = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        boolean even = thread % 2 == 0;
        mine.add(tx(tx -> tx.reviews().adjustReviewCounts(review.id(), even ? 2 : 0, even ? 0 : 1, even ? 0 : 1))
            .orElseThrow());
      }
      return mine;
    });
    Review counted = find(review.id());
    assertEquals(400, counted.helpfulCount());
    assertEquals(200, counted.unhelpfulCount());
    assertEquals(200, counted.reportCount());
    assertEquals(RatingSummary.wilsonLowerBound(400, 600), counted.helpfulScore(), 0.0);
    List<Long> steps = new ArrayList<>();
    for (List<Review> mine : seen) {
      for (Review state : mine) {
        long votes = state.helpfulCount() + state.unhelpfulCount();
        assertEquals(RatingSummary.wilsonLowerBound(state.helpfulCount(), votes), state.helpfulScore(), 0.0,
            "a returned score matches its own counts");
        assertEquals(state.unhelpfulCount(), state.reportCount());
        steps.add(state.helpfulCount() / 2 + state.unhelpfulCount());
      }
    }
    steps.sort(null);
    assertEquals(LongStream.rangeClosed(1, 400).boxed().toList(), steps,
        "each adjustment returns the state right after it, none lost, none seen twice");
  }

  @Test
  @DisplayName("A review's place in MOST_HELPFUL follows its count adjustments")
  void mostHelpfulFollowsCounts() {
    Review first = stored(review("ann", "sku-1"));
    Review second = stored(review("bob", "sku-1"));
    Review third = stored(review("cy", "sku-1"));
    assertEquals(List.of(third, second, first), listed(SKU_1, ReviewFilter.all(), ReviewSort.MOST_HELPFUL));
    Review liked = tx(tx -> tx.reviews().adjustReviewCounts(first.id(), 9, 1, 0)).orElseThrow();
    Review mixed = tx(tx -> tx.reviews().adjustReviewCounts(third.id(), 3, 3, 0)).orElseThrow();
    assertEquals(List.of(liked, mixed, second), listed(SKU_1, ReviewFilter.all(), ReviewSort.MOST_HELPFUL));
    assertEquals(List.of(liked, mixed, second), listed(STORE_1, ReviewFilter.all(), ReviewSort.MOST_HELPFUL));
    Review disliked = tx(tx -> tx.reviews().adjustReviewCounts(first.id(), -9, 20, 0)).orElseThrow();
    assertEquals(List.of(mixed, second, disliked), listed(SKU_1, ReviewFilter.all(), ReviewSort.MOST_HELPFUL));
  }

  // Repeated text

  @Test
  @DisplayName("authorHasText finds an author's text hash in published, held and rejected reviews, not in removed ones or other authors', and skips the review named as the exception")
  void authorHasText() {
    Review published = stored(review("ann", "sku-1").textHash("h-published"));
    Review held = stored(review("ann", "sku-2").textHash("h-held").state(ReviewState.HELD));
    stored(review("ann", "sku-3").textHash("h-rejected").state(ReviewState.REJECTED));
    stored(review("ann", "sku-4").textHash("h-removed").state(ReviewState.REMOVED));
    stored(review("bob", "sku-1").textHash("h-bob"));
    assertTrue(hasText("ann", "h-published", null));
    assertTrue(hasText("ann", "h-held", null));
    assertTrue(hasText("ann", "h-rejected", null));
    assertFalse(hasText("ann", "h-removed", null));
    assertFalse(hasText("ann", "h-bob", null));
    assertTrue(hasText("bob", "h-bob", null));
    assertFalse(hasText("ann", "h-unknown", null));
    assertFalse(hasText("ann", "h-published", published.id()));
    assertTrue(hasText("ann", "h-published", held.id()));
    assertTrue(hasText("ann", "h-published", newReviewId()));

    Review repeat = stored(review("ann", "sku-5").textHash("h-published"));
    assertTrue(hasText("ann", "h-published", published.id()), "another review has the text");
    assertTrue(update(moved(published, ReviewState.REMOVED)));
    assertFalse(hasText("ann", "h-published", repeat.id()), "the removed review no longer counts");
    assertTrue(update(reviewLike(held).textHash("h-new").version(2).build()));
    assertFalse(hasText("ann", "h-held", null));
    assertTrue(hasText("ann", "h-new", null));
  }

  // Listings

  @Test
  @DisplayName("Only published reviews are listed: a product's under its product, a store's under the store that sold them")
  void listsPublishedReviewsOfSubject() {
    Review mine = stored(review("ann", "sku-1"));
    Review sameStore = stored(review("ann", "sku-2"));
    Review otherStore = stored(review("bob", "sku-1").store("store-2"));
    stored(review("cy", "sku-1").state(ReviewState.HELD));
    stored(review("dee", "sku-1").state(ReviewState.REJECTED));
    stored(review("eve", "sku-1").state(ReviewState.REMOVED));
    stored(review("fay", "sku-3").store("store-3"));
    for (ReviewSort sort : ReviewSort.values()) {
      assertEquals(List.of(otherStore, mine), listed(SKU_1, ReviewFilter.all(), sort), sort.name());
      assertEquals(List.of(sameStore, mine), listed(STORE_1, ReviewFilter.all(), sort), sort.name());
      assertEquals(List.of(otherStore), listed(SummaryKey.store(new StoreId("store-2")), ReviewFilter.all(), sort));
      assertEquals(List.of(sameStore), listed(SummaryKey.product(new ProductId("sku-2")), ReviewFilter.all(), sort));
      assertEquals(List.of(), listed(SummaryKey.product(new ProductId("sku-9")), ReviewFilter.all(), sort));
    }
    assertEquals(List.of(), listed(new SummaryKey(SummaryKey.Kind.STORE, "sku-1"), ReviewFilter.all(),
        ReviewSort.NEWEST), "a product id is not a store id");
    assertEquals(List.of(otherStore), page(SKU_1, ReviewFilter.all(), ReviewSort.NEWEST, null, 1));
  }

  @Test
  @DisplayName("Each sort orders by its value and breaks ties newest first: NEWEST by id, HIGHEST and LOWEST by rating, MOST_HELPFUL by helpful score")
  void sortOrders() {
    Review a = stored(review("a", "sku-1").rating(4).helpfulScore(0.2));
    Review b = stored(review("b", "sku-1").rating(5).helpfulScore(0.5));
    Review c = stored(review("c", "sku-1").rating(4).helpfulScore(0.5));
    Review d = stored(review("d", "sku-1").rating(2).helpfulScore(0.2));
    Review e = stored(review("e", "sku-1").rating(4).helpfulScore(0.0));
    assertEquals(List.of(e, d, c, b, a), page(SKU_1, ReviewFilter.all(), ReviewSort.NEWEST, null, 10));
    assertEquals(List.of(b, e, c, a, d), page(SKU_1, ReviewFilter.all(), ReviewSort.HIGHEST, null, 10));
    assertEquals(List.of(d, e, c, a, b), page(SKU_1, ReviewFilter.all(), ReviewSort.LOWEST, null, 10));
    assertEquals(List.of(c, b, d, a, e), page(SKU_1, ReviewFilter.all(), ReviewSort.MOST_HELPFUL, null, 10));
  }

  @Test
  @DisplayName("Every sort pages through keyset positions, with many ties, listing each published review exactly once in its documented order")
  void pagingWithTies() {
    int[] ratings = {5, 3, 5, 1, 4, 3, 5, 2, 3, 4, 1, 5, 3, 5};
    long[][] votes = {{0, 0}, {3, 1}, {1, 0}, {3, 1}, {0, 0}, {10, 2}, {1, 0}, {3, 1}, {0, 0}, {10, 2}, {2, 2},
        {3, 1}, {1, 0}, {0, 0}};
    List<Review> all = new ArrayList<>();
    store(s -> {
      for (int i = 0; i < ratings.length; i++) {
        ReviewBuilder builder = review("author-" + i, i % 3 == 2 ? "sku-2" : "sku-1").rating(ratings[i])
            .counts(votes[i][0], votes[i][1], 0);
        if (i % 5 == 4) {
          builder.state(ReviewState.HELD);
        }
        Review review = builder.build();
        assertTrue(s.insertReview(review));
        all.add(review);
      }
    });
    Predicate<Review> published = r -> r.state() == ReviewState.PUBLISHED;
    for (ReviewSort sort : ReviewSort.values()) {
      List<Review> ofProduct = sorted(all, sort, published.and(r -> r.productId().value().equals("sku-1")));
      List<Review> ofStore = sorted(all, sort, published);
      for (int pageSize : new int[] {1, 2, 5}) {
        assertEquals(ofProduct, listed(SKU_1, ReviewFilter.all(), sort, pageSize), sort + " by " + pageSize);
        assertEquals(ofStore, listed(STORE_1, ReviewFilter.all(), sort, pageSize), sort + " by " + pageSize);
      }
      assertEquals(ofStore, page(STORE_1, ReviewFilter.all(), sort, null, 1000));
    }
  }

  @Test
  @DisplayName("A page starts after the sort value and id of the after-review as given, even one that was never stored")
  void afterReviewMarksAPlace() {
    Review r1 = stored(review("r1", "sku-1").rating(3));
    Review r2 = stored(review("r2", "sku-1").rating(5));
    Review ghost = review("ghost", "sku-1").rating(3).helpfulScore(0.4).build();
    Review r3 = stored(review("r3", "sku-1").rating(3));
    Review r4 = stored(review("r4", "sku-1").rating(1));
    Review r5 = stored(review("r5", "sku-1").rating(3).helpfulScore(0.4));
    assertEquals(List.of(r2, r1), page(SKU_1, ReviewFilter.all(), ReviewSort.NEWEST, ghost, 10));
    assertEquals(List.of(r1, r4), page(SKU_1, ReviewFilter.all(), ReviewSort.HIGHEST, ghost, 10));
    assertEquals(List.of(r1, r2), page(SKU_1, ReviewFilter.all(), ReviewSort.LOWEST, ghost, 10));
    assertEquals(List.of(r4, r3, r2, r1), page(SKU_1, ReviewFilter.all(), ReviewSort.MOST_HELPFUL, ghost, 10));
    assertEquals(List.of(r1), page(SKU_1, ReviewFilter.all().withRatings(Set.of(3)), ReviewSort.HIGHEST, ghost, 10));
    assertEquals(List.of(r3, r1), page(SKU_1, ReviewFilter.all(), ReviewSort.LOWEST, r5, 2));
    Review r3AsOnceSeen = reviewLike(r3).rating(5).build();
    assertEquals(List.of(r2, r5, r3, r1, r4), page(SKU_1, ReviewFilter.all(), ReviewSort.HIGHEST, r3AsOnceSeen, 10),
        "the rating given, not the stored one, marks the place");
  }

  /** Stores reviews of sku-1 with every combination the filters look at; returns them in writing order. */
  private List<Review> filterFixture() {
    labels("ann", "minimal", "oolong");
    labels("bob", "vintage");
    labels("dee", "minimal");
    String[] authors = {"ann", "bob", "cy", "dee"};
    List<Review> all = new ArrayList<>();
    store(s -> {
      for (int i = 0; i < 20; i++) {
        ReviewBuilder builder = review(authors[i % 4], "sku-1").order("order-" + i).dedupeKey("sku-1/order-" + i)
            .rating(i % 5 + 1).counts(i % 3, i % 2, 0);
        if (i % 3 == 0) {
          builder.verified();
        }
        if (i % 7 == 3) {
          builder.provenance(new Provenance(Source.IMPORTED, verifiedPurchase("sku-1").verification(), Incentive.NONE,
              Relationship.NONE));
        }
        if (i % 2 == 1) {
          builder.media("https://cdn.example/" + i + ".jpg");
        }
        if (i == 17) {
          builder.state(ReviewState.HELD);
        }
        Review review = builder.build();
        assertTrue(s.insertReview(review));
        all.add(review);
      }
    });
    return all;
  }

  private void assertFilter(List<Review> all, ReviewFilter filter, Predicate<Review> shown) {
    Predicate<Review> published = r -> r.state() == ReviewState.PUBLISHED;
    for (ReviewSort sort : ReviewSort.values()) {
      List<Review> expected = sorted(all, sort, published.and(shown));
      assertEquals(expected, listed(SKU_1, filter, sort), sort + " with " + filter);
      assertEquals(expected, listed(STORE_1, filter, sort, 3), sort + " with " + filter);
    }
  }

  @Test
  @DisplayName("The ratings filter lists only the ratings asked for, in the sort's order")
  void ratingsFilter() {
    List<Review> all = filterFixture();
    for (Set<Integer> ratings : List.of(Set.of(1, 5), Set.of(3), Set.of(2, 3, 4), Set.of(1, 2, 3, 4, 5))) {
      assertFilter(all, ReviewFilter.all().withRatings(ratings), r -> ratings.contains(r.rating()));
    }
  }

  @Test
  @DisplayName("verifiedOnly lists only verified purchases; an imported review never counts as verified")
  void verifiedFilter() {
    List<Review> all = filterFixture();
    assertTrue(all.stream().anyMatch(r -> r.provenance().verification().verified() && !r.verified()));
    assertFilter(all, ReviewFilter.all().onlyVerified(), Review::verified);
  }

  @Test
  @DisplayName("withMedia lists only reviews with media")
  void mediaFilter() {
    assertFilter(filterFixture(), ReviewFilter.all().onlyWithMedia(), Review::hasMedia);
  }

  @Test
  @DisplayName("A style label filter lists reviewers whose labels include it, as their labels stand when listing")
  void styleLabelFilter() {
    List<Review> all = filterFixture();
    assertFilter(all, ReviewFilter.all().withStyleLabel("minimal"),
        r -> Set.of("ann", "dee").contains(r.author().value()));
    assertFilter(all, ReviewFilter.all().withStyleLabel("vintage"), r -> r.author().value().equals("bob"));
    assertFilter(all, ReviewFilter.all().withStyleLabel("unknown"), r -> false);
    labels("ann", "oolong");
    labels("cy", "minimal", "vintage");
    assertFilter(all, ReviewFilter.all().withStyleLabel("minimal"),
        r -> Set.of("cy", "dee").contains(r.author().value()));
  }

  @Test
  @DisplayName("Filters combine: a review is listed only when it meets every condition")
  void filtersCombine() {
    List<Review> all = filterFixture();
    assertFilter(all, ReviewFilter.all().withRatings(Set.of(2, 4, 5)).onlyVerified().withStyleLabel("minimal"),
        r -> Set.of(2, 4, 5).contains(r.rating()) && r.verified() && Set.of("ann", "dee").contains(r.author().value()));
    assertFilter(all, ReviewFilter.all().onlyWithMedia().withStyleLabel("vintage"),
        r -> r.hasMedia() && r.author().value().equals("bob"));
    assertFilter(all, ReviewFilter.all().withRatings(Set.of(1, 3)).onlyVerified().onlyWithMedia(),
        r -> Set.of(1, 3).contains(r.rating()) && r.verified() && r.hasMedia());
  }

  @Test
  @DisplayName("Held reviews are listed oldest first across products and stores, page through exactly once each, and leave the queue when they change state")
  void heldQueue() {
    Review first = stored(review("ann", "sku-1").state(ReviewState.HELD));
    Review published = stored(review("bob", "sku-1"));
    Review second = stored(review("cy", "sku-2").store("store-2").state(ReviewState.HELD));
    stored(review("dee", "sku-1").state(ReviewState.REJECTED));
    Review third = stored(review("eve", "sku-3").state(ReviewState.HELD));
    stored(review("fay", "sku-1").state(ReviewState.REMOVED));
    assertEquals(List.of(first, second, third), held());
    assertEquals(List.of(second, third), tx(tx -> tx.reviews().listHeld(first.id(), 10)));
    assertEquals(List.of(first), tx(tx -> tx.reviews().listHeld(null, 1)));
    Review approved = moved(second, ReviewState.PUBLISHED);
    Review flagged = moved(published, ReviewState.HELD);
    assertTrue(update(approved));
    assertTrue(update(flagged));
    assertEquals(List.of(first, flagged, third), held());
  }

  // Walking every review

  private List<Review> scanned(int pageSize) {
    return pageThrough(pageSize, (Review after, int limit) ->
        tx(tx -> tx.reviews().scanReviews(after == null ? null : after.id(), limit)));
  }

  /** Stores reviews in every state, across products and stores, inserted out of id order; returns them by id. */
  private List<Review> scanFixture() {
    List<ReviewId> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(newReviewId());
    }
    ReviewState[] states = ReviewState.values();
    List<Review> all = new ArrayList<>();
    for (int i : new int[] {3, 0, 6, 1, 5, 2, 4}) {
      all.add(stored(new ReviewBuilder(ids.get(i), new ProductId("sku-" + i % 3), new UserId("author-" + i))
          .store("store-" + i % 2).state(states[i % states.length])));
    }
    all.sort(Comparator.comparing(Review::id));
    return all;
  }

  @Test
  @DisplayName("scanReviews visits every review exactly once")
  void scanVisitsEveryReviewOnce() {
    List<Review> all = scanFixture();
    List<Review> scanned = scanned(2);
    assertNoRepeats(scanned);
    assertEquals(Set.copyOf(all), Set.copyOf(scanned));
  }

  @Test
  @DisplayName("scanReviews lists reviews in id order, not in the order they were inserted")
  void scanInIdOrder() {
    List<Review> all = scanFixture();
    assertEquals(all, tx(tx -> tx.reviews().scanReviews(null, 1000)));
  }

  @Test
  @DisplayName("scanReviews pages through keyset positions of any page size, starting after an id as given, even one never stored, and ends with a short page")
  void scanPages() {
    List<Review> all = scanFixture();
    for (int pageSize : new int[] {1, 2, 3, 7, 1000}) {
      assertEquals(all, scanned(pageSize), "pages of " + pageSize);
    }
    assertEquals(all.subList(3, 7), tx(tx -> tx.reviews().scanReviews(all.get(2).id(), 10)));
    assertEquals(all.subList(3, 5), tx(tx -> tx.reviews().scanReviews(all.get(2).id(), 2)));
    assertEquals(List.of(), tx(tx -> tx.reviews().scanReviews(all.get(6).id(), 10)));
    ReviewId later = newReviewId();
    assertEquals(List.of(), tx(tx -> tx.reviews().scanReviews(later, 10)), "an id after every review");
    ReviewId unstored = new ReviewId("00000000000000000000000000");
    assertEquals(all, tx(tx -> tx.reviews().scanReviews(unstored, 10)), "an id before every review");
  }

  @Test
  @DisplayName("scanReviews lists reviews in every state, as they are stored now, and a review keeps its place when it changes state")
  void scanAnyState() {
    List<Review> all = scanFixture();
    assertEquals(Set.of(ReviewState.values()), Set.copyOf(scanned(3).stream().map(Review::state).toList()));
    Review moved = moved(all.get(1), all.get(1).state() == ReviewState.HELD ? ReviewState.PUBLISHED : ReviewState.HELD);
    assertTrue(update(moved));
    List<Review> expected = new ArrayList<>(all);
    expected.set(1, moved);
    assertEquals(expected, scanned(2));
  }

  @Test
  @DisplayName("scanReviews takes limits from 0 to 1,000: 0 lists nothing, others throw IllegalArgumentException")
  void scanLimits() {
    ReviewId first = stored(review("author", "sku-1")).id();
    for (ReviewId after : java.util.Arrays.asList(null, first)) {
      assertEquals(List.of(), tx(tx -> tx.reviews().scanReviews(after, 0)));
      assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.reviews().scanReviews(after, -1)));
      assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.reviews().scanReviews(after, 1001)));
    }
    assertEquals(1, tx(tx -> tx.reviews().scanReviews(null, 1000)).size());
  }

  // Revisions

  @Test
  @DisplayName("Review revisions round-trip, list oldest first by number, one per number, separately per review")
  void reviewRevisions() {
    Review review = stored(review("author", "sku-1"));
    Review other = stored(review("author", "sku-2"));
    ReviewRevision first = new ReviewRevision(review.id(), 1, 5, null, "First 第一",
        List.of("https://cdn.example/b.jpg", "https://cdn.example/a.jpg"), Map.of("fit", "small", "comfort", "3"),
        null, T0);
    ReviewRevision second = new ReviewRevision(review.id(), 2, 3, "Title 🌿", AWKWARD_TEXT, List.of(), Map.of(),
        false, T0.plusSeconds(60));
    ReviewRevision third = new ReviewRevision(review.id(), 3, 1, "t", "b", List.of("https://cdn.example/c.jpg"),
        Map.of(), true, T0.plusSeconds(120));
    store(s -> {
      assertTrue(s.insertRevision(third));
      assertTrue(s.insertRevision(first));
      assertTrue(s.insertRevision(second));
    });
    ReviewRevision taken = new ReviewRevision(review.id(), 2, 4, null, "Again", List.of(), Map.of(), null, T0);
    assertFalse(is(tx -> tx.reviews().insertRevision(taken)));
    ReviewRevision ofOther = new ReviewRevision(other.id(), 1, 2, null, "Other", List.of(), Map.of(), null, T0);
    assertTrue(is(tx -> tx.reviews().insertRevision(ofOther)));
    assertEquals(List.of(first, second, third), tx(tx -> tx.reviews().listRevisions(review.id(), 10)));
    assertEquals(List.of(first, second), tx(tx -> tx.reviews().listRevisions(review.id(), 2)));
    assertEquals(List.of(ofOther), tx(tx -> tx.reviews().listRevisions(other.id(), 10)));
    assertEquals(List.of(), tx(tx -> tx.reviews().listRevisions(newReviewId(), 10)));
  }

  @Test
  @DisplayName("Racing inserts of one review revision number on 8 threads: exactly one is stored")
  void racingRevisions() throws Exception {
    Review review = stored(review("author", "sku-1"));
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().insertRevision(
        new ReviewRevision(review.id(), 1, 5, null, "Text " + thread, List.of(), Map.of(), null, T0))));
    assertEquals(1, won.stream().filter(b -> b).count());
    List<ReviewRevision> revisions = tx(tx -> tx.reviews().listRevisions(review.id(), 10));
    assertEquals(1, revisions.size());
    assertEquals("Text " + won.indexOf(true), revisions.get(0).body());
  }

  // Votes

  @Test
  @DisplayName("insertVote records one vote per review and user, true for helpful and false for unhelpful; a second vote is refused and leaves the first")
  void insertVote() {
    Review review = stored(review("author", "sku-1"));
    Review other = stored(review("author", "sku-2"));
    assertEquals(Optional.empty(), vote(review.id(), "fan"));
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), new UserId("fan"), true, T0)));
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), new UserId("critic 🧐"), false, T0)));
    assertFalse(is(tx -> tx.reviews().insertVote(review.id(), new UserId("fan"), false, T0.plusSeconds(1))));
    assertFalse(is(tx -> tx.reviews().insertVote(review.id(), new UserId("fan"), true, T0.plusSeconds(1))));
    assertEquals(Optional.of(true), vote(review.id(), "fan"));
    assertEquals(Optional.of(false), vote(review.id(), "critic 🧐"));
    assertEquals(Optional.empty(), vote(other.id(), "fan"), "votes are per review");
    assertTrue(is(tx -> tx.reviews().insertVote(other.id(), new UserId("fan"), false, T0)));
    assertEquals(Optional.of(false), vote(other.id(), "fan"));
    assertEquals(Optional.of(true), vote(review.id(), "fan"));
  }

  @Test
  @DisplayName("changeVote flips a vote, and refuses a missing vote or one that has the value already")
  void changeVote() {
    Review review = stored(review("author", "sku-1"));
    UserId fan = new UserId("fan");
    assertFalse(is(tx -> tx.reviews().changeVote(review.id(), fan, true, T0)));
    assertEquals(Optional.empty(), vote(review.id(), "fan"), "a change never inserts");
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), fan, true, T0)));
    assertFalse(is(tx -> tx.reviews().changeVote(review.id(), fan, true, T0.plusSeconds(1))));
    assertTrue(is(tx -> tx.reviews().changeVote(review.id(), fan, false, T0.plusSeconds(2))));
    assertEquals(Optional.of(false), vote(review.id(), "fan"));
    assertFalse(is(tx -> tx.reviews().changeVote(review.id(), fan, false, T0.plusSeconds(3))));
    assertTrue(is(tx -> tx.reviews().changeVote(review.id(), fan, true, T0.plusSeconds(4))));
    assertEquals(Optional.of(true), vote(review.id(), "fan"));
  }

  @Test
  @DisplayName("deleteVote deletes a vote of the value given, refuses a missing vote or one of the other value, and the user may vote again")
  void deleteVote() {
    Review review = stored(review("author", "sku-1"));
    UserId fan = new UserId("fan");
    assertFalse(is(tx -> tx.reviews().deleteVote(review.id(), fan, true)));
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), fan, true, T0)));
    assertFalse(is(tx -> tx.reviews().deleteVote(review.id(), fan, false)));
    assertEquals(Optional.of(true), vote(review.id(), "fan"));
    assertTrue(is(tx -> tx.reviews().deleteVote(review.id(), fan, true)));
    assertEquals(Optional.empty(), vote(review.id(), "fan"));
    assertFalse(is(tx -> tx.reviews().deleteVote(review.id(), fan, true)));
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), fan, false, T0.plusSeconds(1))));
    assertEquals(Optional.of(false), vote(review.id(), "fan"));
  }

  @Test
  @DisplayName("Racing votes of one user on one review on 8 threads: exactly one is recorded, with the winner's value")
  void racingVoteInserts() throws Exception {
    Review review = stored(review("author", "sku-1"));
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().insertVote(review.id(), new UserId("eager"),
        thread % 2 == 0, T0.plusMillis(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(Optional.of(won.indexOf(true) % 2 == 0), vote(review.id(), "eager"));
  }

  @Test
  @DisplayName("Racing changes of one vote to the same value on 8 threads: exactly one succeeds")
  void racingVoteChanges() throws Exception {
    Review review = stored(review("author", "sku-1"));
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), new UserId("fan"), true, T0)));
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().changeVote(review.id(), new UserId("fan"), false,
        T0.plusMillis(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(Optional.of(false), vote(review.id(), "fan"));
  }

  @Test
  @DisplayName("Racing deletions of one vote on 8 threads: exactly one succeeds")
  void racingVoteDeletes() throws Exception {
    Review review = stored(review("author", "sku-1"));
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), new UserId("fan"), false, T0)));
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().deleteVote(review.id(), new UserId("fan"), false)));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals(Optional.empty(), vote(review.id(), "fan"));
  }

  @Test
  @DisplayName("Racing changes and deletions of one helpful vote on 8 threads: exactly one succeeds and the vote shows which")
  void racingVoteChangesAndDeletes() throws Exception {
    Review review = stored(review("author", "sku-1"));
    assertTrue(is(tx -> tx.reviews().insertVote(review.id(), new UserId("fan"), true, T0)));
    List<Boolean> won = race(8, thread -> thread % 2 == 0
        ? is(tx -> tx.reviews().changeVote(review.id(), new UserId("fan"), false, T0.plusMillis(thread)))
        : is(tx -> tx.reviews().deleteVote(review.id(), new UserId("fan"), true)));
    assertEquals(1, won.stream().filter(b -> b).count());
    Optional<Boolean> expected = won.indexOf(true) % 2 == 0 ? Optional.of(false) : Optional.empty();
    assertEquals(expected, vote(review.id(), "fan"));
  }

  // Reports

  @Test
  @DisplayName("Reports round-trip and list oldest first, one per user and review; a second report by a user is refused and leaves the first")
  void reports() {
    Review review = stored(review("author", "sku-1"));
    Review other = stored(review("author", "sku-2"));
    ReviewReport late = new ReviewReport(review.id(), new UserId("zed"), "Spam 🚫 — 广告", T0.plusSeconds(120));
    ReviewReport early = new ReviewReport(review.id(), new UserId("amy"), AWKWARD_TEXT, T0);
    ReviewReport middle = new ReviewReport(review.id(), new UserId("mo"), "Off topic", T0.plusSeconds(60));
    store(s -> {
      assertTrue(s.insertReport(late));
      assertTrue(s.insertReport(early));
      assertTrue(s.insertReport(middle));
    });
    assertFalse(is(tx -> tx.reviews().insertReport(new ReviewReport(review.id(), new UserId("mo"), "Again",
        T0.minusSeconds(60)))));
    ReviewReport elsewhere = new ReviewReport(other.id(), new UserId("mo"), "Also here", T0);
    assertTrue(is(tx -> tx.reviews().insertReport(elsewhere)));
    assertEquals(List.of(early, middle, late), tx(tx -> tx.reviews().listReports(review.id(), 10)));
    assertEquals(List.of(early), tx(tx -> tx.reviews().listReports(review.id(), 1)));
    assertEquals(List.of(elsewhere), tx(tx -> tx.reviews().listReports(other.id(), 10)));
    assertEquals(List.of(), tx(tx -> tx.reviews().listReports(newReviewId(), 10)));
  }

  @Test
  @DisplayName("Racing reports by one user on one review on 8 threads: exactly one is recorded")
  void racingReports() throws Exception {
    Review review = stored(review("author", "sku-1"));
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().insertReport(
        new ReviewReport(review.id(), new UserId("angry"), "Reason " + thread, T0.plusMillis(thread)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    List<ReviewReport> reports = tx(tx -> tx.reviews().listReports(review.id(), 10));
    assertEquals(1, reports.size());
    assertEquals("Reason " + won.indexOf(true), reports.get(0).reason());
  }

  @Test
  @DisplayName("resolveReports resolves a review's open reports at the time given and keeps them listed; reports resolved before keep their time, other reviews' reports stay open, and it returns how many it resolved")
  void resolveReports() {
    Review review = stored(review("author", "sku-1"));
    Review other = stored(review("author", "sku-2"));
    ReviewReport before = new ReviewReport(review.id(), new UserId("amy"), "Spam", T0, T0.plusSeconds(10));
    ReviewReport first = new ReviewReport(review.id(), new UserId("bo"), "Rude", T0.plusSeconds(20));
    ReviewReport second = new ReviewReport(review.id(), new UserId("cy"), AWKWARD_TEXT, T0.plusSeconds(30));
    ReviewReport elsewhere = new ReviewReport(other.id(), new UserId("bo"), "Also rude", T0.plusSeconds(20));
    store(s -> {
      assertTrue(s.insertReport(before));
      assertTrue(s.insertReport(first));
      assertTrue(s.insertReport(second));
      assertTrue(s.insertReport(elsewhere));
    });
    assertEquals(List.of(before, first, second), tx(tx -> tx.reviews().listReports(review.id(), 10)),
        "a resolved report round-trips with its resolution time");
    Instant decided = T0.plusSeconds(60);
    assertEquals(2, resolve(review.id(), decided));
    assertEquals(List.of(before,
            new ReviewReport(review.id(), new UserId("bo"), "Rude", T0.plusSeconds(20), decided),
            new ReviewReport(review.id(), new UserId("cy"), AWKWARD_TEXT, T0.plusSeconds(30), decided)),
        tx(tx -> tx.reviews().listReports(review.id(), 10)));
    assertEquals(List.of(elsewhere), tx(tx -> tx.reviews().listReports(other.id(), 10)));
    assertEquals(0, resolve(review.id(), T0.plusSeconds(90)), "nothing open is left");
    assertEquals(0, resolve(newReviewId(), decided));
    assertFalse(is(tx -> tx.reviews().insertReport(new ReviewReport(review.id(), new UserId("bo"), "Again",
        T0.plusSeconds(120)))), "a resolved report still takes its reporter's one report");
  }

  @Test
  @DisplayName("resolveReports in a transaction that rolls back leaves the reports open")
  void resolveReportsRollsBack() {
    Review review = stored(review("author", "sku-1"));
    ReviewReport report = new ReviewReport(review.id(), new UserId("bo"), "Rude", T0);
    store(s -> assertTrue(s.insertReport(report)));
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      assertEquals(1, tx.reviews().resolveReports(review.id(), T0.plusSeconds(60)));
      throw new IllegalStateException("roll back");
    }));
    assertEquals(List.of(report), tx(tx -> tx.reviews().listReports(review.id(), 10)));
  }

  // Merchant replies

  @Test
  @DisplayName("A merchant reply round-trips exactly, with or without an edit time, and a second reply to a review is refused")
  void replies() {
    Review review = stored(review("author", "sku-1"));
    Review edited = stored(review("author", "sku-2"));
    MerchantReply reply = new MerchantReply(review.id(), new StoreId("store-1"), new UserId("staff ✨"), AWKWARD_TEXT,
        T0, null, 1);
    MerchantReply editedReply = new MerchantReply(edited.id(), new StoreId("store-1"), new UserId("staff"),
        "Thanks — 谢谢", T0, T0.plus(Duration.ofDays(2)), 3);
    assertTrue(is(tx -> tx.reviews().insertReply(reply)));
    assertTrue(is(tx -> tx.reviews().insertReply(editedReply)));
    assertFalse(is(tx -> tx.reviews().insertReply(new MerchantReply(review.id(), new StoreId("store-2"),
        new UserId("other"), "Second", T0.plusSeconds(1), null, 1))));
    assertEquals(Optional.of(reply), tx(tx -> tx.reviews().findReply(review.id())));
    assertEquals(Optional.of(editedReply), tx(tx -> tx.reviews().findReply(edited.id())));
    assertEquals(Optional.empty(), tx(tx -> tx.reviews().findReply(newReviewId())));
  }

  @Test
  @DisplayName("updateReply replaces author, body, edit time and version, and keeps store and creation time")
  void updateReplyReplacesText() {
    Review review = stored(review("author", "sku-1"));
    MerchantReply reply = new MerchantReply(review.id(), new StoreId("store-1"), new UserId("staff"), "First", T0,
        null, 1);
    assertTrue(is(tx -> tx.reviews().insertReply(reply)));
    Instant editedAt = T0.plus(Duration.ofHours(3));
    MerchantReply next = new MerchantReply(review.id(), new StoreId("store-9"), new UserId("manager 🧑‍💼"),
        "Second\n第二", T0.minusSeconds(5), editedAt, 2);
    assertTrue(is(tx -> tx.reviews().updateReply(next)));
    assertEquals(Optional.of(new MerchantReply(review.id(), new StoreId("store-1"), new UserId("manager 🧑‍💼"),
        "Second\n第二", T0, editedAt, 2)), tx(tx -> tx.reviews().findReply(review.id())));
  }

  @Test
  @DisplayName("updateReply with a stale or skipped version, or of a missing reply, changes nothing")
  void updateReplyNeedsNextVersion() {
    Review review = stored(review("author", "sku-1"));
    Review unanswered = stored(review("author", "sku-2"));
    MerchantReply reply = new MerchantReply(review.id(), new StoreId("store-1"), new UserId("staff"), "First", T0,
        null, 1);
    assertTrue(is(tx -> tx.reviews().insertReply(reply)));
    assertFalse(is(tx -> tx.reviews().updateReply(reply)), "version 1 again");
    assertFalse(is(tx -> tx.reviews().updateReply(new MerchantReply(review.id(), reply.storeId(), reply.author(),
        "Skipped", T0, T0, 3))), "version 3");
    assertEquals(Optional.of(reply), tx(tx -> tx.reviews().findReply(review.id())));
    assertFalse(is(tx -> tx.reviews().updateReply(new MerchantReply(unanswered.id(), reply.storeId(),
        reply.author(), "None", T0, T0, 2))));
    assertEquals(Optional.empty(), tx(tx -> tx.reviews().findReply(unanswered.id())), "an update never inserts");
  }

  @Test
  @DisplayName("Racing first replies to one review on 8 threads: exactly one is stored")
  void racingReplyInserts() throws Exception {
    Review review = stored(review("author", "sku-1"));
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().insertReply(new MerchantReply(review.id(),
        new StoreId("store-1"), new UserId("staff-" + thread), "Reply " + thread, T0, null, 1))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals("Reply " + won.indexOf(true), tx(tx -> tx.reviews().findReply(review.id())).orElseThrow().body());
  }

  @Test
  @DisplayName("Racing reply edits of one version on 8 threads: exactly one wins, and its text is stored")
  void racingReplyUpdates() throws Exception {
    Review review = stored(review("author", "sku-1"));
    MerchantReply reply = new MerchantReply(review.id(), new StoreId("store-1"), new UserId("staff"), "First", T0,
        null, 1);
    assertTrue(is(tx -> tx.reviews().insertReply(reply)));
    List<Boolean> won = race(8, thread -> is(tx -> tx.reviews().updateReply(new MerchantReply(review.id(),
        reply.storeId(), new UserId("staff-" + thread), "Edit " + thread, T0, T0.plusSeconds(thread), 2))));
    assertEquals(1, won.stream().filter(b -> b).count());
    MerchantReply stored = tx(tx -> tx.reviews().findReply(review.id())).orElseThrow();
    assertEquals("Edit " + won.indexOf(true), stored.body());
    assertEquals(2, stored.version());
  }

  @Test
  @DisplayName("Reply revisions round-trip, list oldest first by number, one per number, separately per review")
  void replyRevisions() {
    Review review = stored(review("author", "sku-1"));
    Review other = stored(review("author", "sku-2"));
    ReplyRevision first = new ReplyRevision(review.id(), 1, new UserId("staff ✨"), AWKWARD_TEXT, T0);
    ReplyRevision second = new ReplyRevision(review.id(), 2, new UserId("manager"), "Second", T0.plusSeconds(60));
    store(s -> {
      assertTrue(s.insertReplyRevision(second));
      assertTrue(s.insertReplyRevision(first));
    });
    assertFalse(is(tx -> tx.reviews().insertReplyRevision(new ReplyRevision(review.id(), 1, new UserId("x"), "Again",
        T0))));
    ReplyRevision ofOther = new ReplyRevision(other.id(), 1, new UserId("staff"), "Other", T0);
    assertTrue(is(tx -> tx.reviews().insertReplyRevision(ofOther)));
    assertEquals(List.of(first, second), tx(tx -> tx.reviews().listReplyRevisions(review.id(), 10)));
    assertEquals(List.of(first), tx(tx -> tx.reviews().listReplyRevisions(review.id(), 1)));
    assertEquals(List.of(ofOther), tx(tx -> tx.reviews().listReplyRevisions(other.id(), 10)));
    assertEquals(List.of(), tx(tx -> tx.reviews().listReplyRevisions(newReviewId(), 10)));
  }

  // Summaries

  @Test
  @DisplayName("The summary of a product or store never counted is all zero; a product and a store with the same id are different")
  void emptySummary() {
    assertEquals(RatingSummary.empty(SKU_1), summary(SKU_1));
    store(s -> s.adjustSummary(SKU_1, 4, true, 1));
    SummaryKey sameIdStore = new SummaryKey(SummaryKey.Kind.STORE, "sku-1");
    assertEquals(RatingSummary.empty(sameIdStore), summary(sameIdStore));
    assertEquals(1, summary(SKU_1).count());
  }

  @Test
  @DisplayName("adjustSummary counts and uncounts a rating: count, sum, its histogram bucket and, for a verified review, the verified count")
  void adjustSummary() {
    store(s -> {
      s.adjustSummary(SKU_1, 5, true, 1);
      s.adjustSummary(SKU_1, 5, false, 1);
      s.adjustSummary(SKU_1, 2, true, 1);
      s.adjustSummary(SKU_1, 1, false, 1);
    });
    assertEquals(new RatingSummary(SKU_1, 4, 13, List.of(1L, 1L, 0L, 0L, 2L), 2), summary(SKU_1));
    store(s -> {
      s.adjustSummary(SKU_1, 5, true, -1);
      s.adjustSummary(SKU_1, 1, false, -1);
      s.adjustSummary(SKU_1, 3, false, 1);
    });
    assertEquals(new RatingSummary(SKU_1, 3, 10, List.of(0L, 1L, 1L, 0L, 1L), 1), summary(SKU_1));
    store(s -> s.adjustSummary(STORE_1, 4, false, 1));
    assertEquals(new RatingSummary(STORE_1, 1, 4, List.of(0L, 0L, 0L, 1L, 0L), 0), summary(STORE_1));
    assertEquals(3, summary(SKU_1).count(), "summaries are separate");
  }

  @Test
  @DisplayName("adjustSummary throws IllegalArgumentException for a rating outside 1 to 5")
  void adjustSummaryChecksRating() {
    store(s -> s.adjustSummary(SKU_1, 3, false, 1));
    for (int rating : new int[] {0, 6, -1}) {
      assertThrows(IllegalArgumentException.class, () -> store(s -> s.adjustSummary(SKU_1, rating, false, 1)));
    }
    assertEquals(new RatingSummary(SKU_1, 1, 3, List.of(0L, 0L, 1L, 0L, 0L), 0), summary(SKU_1));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent adjustments of a summary nobody created before: count, sum, every bucket and the verified count equal the sums of the adjustments")
  void concurrentSummaryAdjustments() throws Exception {
    race(8, thread -> {
      for (int i = 0; i < 50; i++) {
        long delta = i % 5 == 4 ? -1 : 1;
        store(s -> s.adjustSummary(STORE_1, thread % 5 + 1, thread % 2 == 0, delta));
      }
      return null;
    });
    long[] histogram = new long[5];
    long verified = 0;
    for (int thread = 0; thread < 8; thread++) {
      histogram[thread % 5] += 30;
      verified += thread % 2 == 0 ? 30 : 0;
    }
    long sum = 0;
    for (int stars = 1; stars <= 5; stars++) {
      sum += stars * histogram[stars - 1];
    }
    assertEquals(new RatingSummary(STORE_1, 240, sum, LongStream.of(histogram).boxed().toList(), verified),
        summary(STORE_1));
  }

  @Test
  @DisplayName("computeSummary counts the published reviews of a product or store, and equals the summary kept up to date by adjustSummary through inserts, edits, state changes and vote counts")
  void computeSummaryMatchesAdjustments() {
    Map<ReviewId, Review> reviews = new HashMap<>();
    ReviewState[] states = {ReviewState.PUBLISHED, ReviewState.HELD, ReviewState.PUBLISHED, ReviewState.REJECTED,
        ReviewState.PUBLISHED, ReviewState.REMOVED};
    store(s -> {
      for (int i = 0; i < 18; i++) {
        ReviewBuilder builder = review("author-" + i, i % 3 == 0 ? "sku-2" : "sku-1")
            .store(i % 4 == 0 ? "store-2" : "store-1").rating(i * 7 % 5 + 1).state(states[i % states.length]);
        if (i % 2 == 0) {
          builder.verified();
        }
        Review review = builder.build();
        assertTrue(s.insertReview(review));
        reviews.put(review.id(), review);
        if (review.state() == ReviewState.PUBLISHED) {
          count(s, review, 1);
        }
      }
    });
    List<Review> written = new ArrayList<>(reviews.values());
    written.sort(Comparator.comparing(Review::id));
    store(s -> {
      for (Review review : written) {
        Review next = switch (review.state()) {
          case HELD -> moved(review, ReviewState.PUBLISHED);
          case PUBLISHED -> review.rating() == 3
              ? moved(review, ReviewState.REMOVED)
              : reviewLike(review).rating(6 - review.rating()).version(2).build();
          default -> null;
        };
        if (next != null) {
          assertTrue(s.updateReview(next));
          if (review.state() == ReviewState.PUBLISHED) {
            count(s, review, -1);
          }
          if (next.state() == ReviewState.PUBLISHED) {
            count(s, next, 1);
          }
          reviews.put(next.id(), next);
        }
        s.adjustReviewCounts(review.id(), 2, 1, 1);
      }
    });
    for (SummaryKey key : List.of(SKU_1, SummaryKey.product(new ProductId("sku-2")), STORE_1,
        SummaryKey.store(new StoreId("store-2")), SummaryKey.product(new ProductId("sku-9")))) {
      RatingSummary expected = expectedSummary(key, reviews.values());
      assertEquals(expected, tx(tx -> tx.reviews().computeSummary(key)), key.toString());
      assertEquals(expected, summary(key), key.toString());
    }
    assertTrue(expectedSummary(SKU_1, reviews.values()).count() > 3);
  }

  private static void count(ReviewStore store, Review review, long delta) {
    store.adjustSummary(SummaryKey.product(review.productId()), review.rating(), review.verified(), delta);
    store.adjustSummary(SummaryKey.store(review.storeId()), review.rating(), review.verified(), delta);
  }

  @Test
  @DisplayName("computeSummary neither reads nor changes the stored summary; replaceSummary replaces it and later adjustments build on it")
  void computeAndReplaceSummary() {
    Review five = stored(review("ann", "sku-1").rating(5).verified());
    stored(review("bob", "sku-1").rating(2));
    stored(review("cy", "sku-1").rating(4).state(ReviewState.HELD));
    RatingSummary drifted = new RatingSummary(SKU_1, 9, 40, List.of(1L, 0L, 0L, 0L, 8L), 9);
    store(s -> s.replaceSummary(drifted));
    RatingSummary computed = new RatingSummary(SKU_1, 2, 7, List.of(0L, 1L, 0L, 0L, 1L), 1);
    assertEquals(computed, tx(tx -> tx.reviews().computeSummary(SKU_1)));
    assertEquals(drifted, summary(SKU_1), "computing changes nothing");
    store(s -> s.replaceSummary(s.computeSummary(SKU_1)));
    assertEquals(computed, summary(SKU_1));
    store(s -> s.adjustSummary(SKU_1, five.rating(), five.verified(), -1));
    assertEquals(new RatingSummary(SKU_1, 1, 2, List.of(0L, 1L, 0L, 0L, 0L), 0), summary(SKU_1));
    RatingSummary fresh = new RatingSummary(STORE_1, 1, 3, List.of(0L, 0L, 1L, 0L, 0L), 0);
    store(s -> s.replaceSummary(fresh));
    assertEquals(fresh, summary(STORE_1), "a summary never stored can be replaced");
  }

  // Misuse and rollback

  @Test
  @DisplayName("Listings take limits from 0 to 1,000: 0 lists nothing, others throw IllegalArgumentException")
  void listingLimits() {
    Review review = stored(review("author", "sku-1"));
    stored(review("other", "sku-1").state(ReviewState.HELD));
    store(s -> {
      s.insertRevision(new ReviewRevision(review.id(), 1, 5, null, "b", List.of(), Map.of(), null, T0));
      s.insertReport(new ReviewReport(review.id(), new UserId("u"), "r", T0));
      s.insertReply(new MerchantReply(review.id(), new StoreId("store-1"), new UserId("staff"), "b", T0, null, 1));
      s.insertReplyRevision(new ReplyRevision(review.id(), 1, new UserId("staff"), "b", T0));
    });
    List<Consumer<Integer>> listings = new ArrayList<>();
    for (ReviewSort sort : ReviewSort.values()) {
      listings.add(limit -> assertEquals(List.of(), page(SKU_1, ReviewFilter.all(), sort, null, limit)));
    }
    listings.add(limit -> assertEquals(List.of(), tx(tx -> tx.reviews().listHeld(null, limit))));
    listings.add(limit -> assertEquals(List.of(), tx(tx -> tx.reviews().listRevisions(review.id(), limit))));
    listings.add(limit -> assertEquals(List.of(), tx(tx -> tx.reviews().listReports(review.id(), limit))));
    listings.add(limit -> assertEquals(List.of(), tx(tx -> tx.reviews().listReplyRevisions(review.id(), limit))));
    for (Consumer<Integer> listing : listings) {
      listing.accept(0);
      assertThrows(IllegalArgumentException.class, () -> listing.accept(-1));
      assertThrows(IllegalArgumentException.class, () -> listing.accept(1001));
    }
    assertEquals(List.of(review), page(SKU_1, ReviewFilter.all(), ReviewSort.NEWEST, null, 1000));
    assertEquals(1, tx(tx -> tx.reviews().listHeld(null, 1000)).size());
  }

  @Test
  @DisplayName("Null arguments throw NullPointerException")
  void nullArguments() {
    Review review = stored(review("author", "sku-1"));
    ReviewId id = review.id();
    UserId user = new UserId("u");
    ProductId product = review.productId();
    List<Consumer<ReviewStore>> calls = List.of(
        s -> s.insertReview(null),
        s -> s.findReview(null),
        s -> s.findReviewByKey(null, product, "sku-1"),
        s -> s.findReviewByKey(user, null, "sku-1"),
        s -> s.findReviewByKey(user, product, null),
        s -> s.updateReview(null),
        s -> s.adjustReviewCounts(null, 1, 1, 1),
        s -> s.authorHasText(null, "hash", null),
        s -> s.authorHasText(user, null, null),
        s -> s.listReviews(null, ReviewFilter.all(), ReviewSort.NEWEST, null, 10),
        s -> s.listReviews(SKU_1, null, ReviewSort.NEWEST, null, 10),
        s -> s.listReviews(SKU_1, ReviewFilter.all(), null, null, 10),
        s -> s.insertRevision(null),
        s -> s.listRevisions(null, 10),
        s -> s.findVote(null, user),
        s -> s.findVote(id, null),
        s -> s.insertVote(null, user, true, T0),
        s -> s.insertVote(id, null, true, T0),
        s -> s.insertVote(id, user, true, null),
        s -> s.changeVote(null, user, true, T0),
        s -> s.changeVote(id, null, true, T0),
        s -> s.changeVote(id, user, true, null),
        s -> s.deleteVote(null, user, true),
        s -> s.deleteVote(id, null, true),
        s -> s.insertReport(null),
        s -> s.listReports(null, 10),
        s -> s.resolveReports(null, T0),
        s -> s.resolveReports(id, null),
        s -> s.insertReply(null),
        s -> s.findReply(null),
        s -> s.updateReply(null),
        s -> s.insertReplyRevision(null),
        s -> s.listReplyRevisions(null, 10),
        s -> s.findSummary(null),
        s -> s.adjustSummary(null, 5, true, 1),
        s -> s.computeSummary(null),
        s -> s.replaceSummary(null));
    for (Consumer<ReviewStore> call : calls) {
      assertThrows(NullPointerException.class, () -> store(call));
    }
    assertEquals(review, find(id));
    assertEquals(Optional.empty(), vote(id, "u"));
    assertEquals(RatingSummary.empty(SKU_1), summary(SKU_1));
  }

  @Test
  @DisplayName("A transaction that throws undoes every review change: reviews, edits, counts, revisions, votes, reports, replies and summaries")
  void rollbackUndoesReviewChanges() {
    Review review = stored(review("ann", "sku-1").rating(4).textHash("h-ann"));
    Review waiting = stored(review("bob", "sku-1").state(ReviewState.HELD));
    MerchantReply reply = new MerchantReply(review.id(), new StoreId("store-1"), new UserId("staff"), "Thanks", T0,
        null, 1);
    RatingSummary kept = new RatingSummary(SKU_1, 1, 4, List.of(0L, 0L, 0L, 1L, 0L), 0);
    store(s -> {
      assertTrue(s.insertVote(review.id(), new UserId("fan"), true, T0));
      assertTrue(s.insertVote(review.id(), new UserId("critic"), false, T0));
      assertTrue(s.insertReply(reply));
      s.replaceSummary(kept);
    });
    Review inserted = review("cy", "sku-1").rating(1).textHash("h-cy").build();
    Review newcomerHeld = review("dee", "sku-2").state(ReviewState.HELD).build();
    Review answeredLater = review("eve", "sku-1").build();
    stored(answeredLater);
    assertThrows(IllegalStateException.class, () -> store(s -> {
      assertTrue(s.insertReview(inserted));
      assertTrue(s.insertReview(newcomerHeld));
      assertTrue(s.updateReview(reviewLike(review).rating(1).state(ReviewState.REMOVED).textHash("h-changed")
          .version(2).build()));
      assertTrue(s.updateReview(moved(waiting, ReviewState.PUBLISHED)));
      assertTrue(s.adjustReviewCounts(review.id(), 5, 5, 5).isPresent());
      assertTrue(s.insertRevision(new ReviewRevision(review.id(), 1, 4, null, "b", List.of(), Map.of(), null, T0)));
      assertTrue(s.insertVote(review.id(), new UserId("newcomer"), true, T0));
      assertTrue(s.changeVote(review.id(), new UserId("fan"), false, T0));
      assertTrue(s.deleteVote(review.id(), new UserId("critic"), false));
      assertTrue(s.insertReport(new ReviewReport(review.id(), new UserId("angry"), "r", T0)));
      assertTrue(s.updateReply(new MerchantReply(review.id(), reply.storeId(), new UserId("boss"), "Changed", T0,
          T0, 2)));
      assertTrue(s.insertReply(new MerchantReply(answeredLater.id(), reply.storeId(), reply.author(), "New", T0,
          null, 1)));
      assertTrue(s.insertReplyRevision(new ReplyRevision(review.id(), 1, reply.author(), "Thanks", T0)));
      s.adjustSummary(SKU_1, 1, false, 1);
      s.adjustSummary(STORE_1, 5, true, 1);
      s.replaceSummary(RatingSummary.empty(SKU_1));
      throw new IllegalStateException("work failed");
    }));
    assertEquals(review, find(review.id()));
    assertEquals(waiting, find(waiting.id()));
    assertTrue(tx(tx -> tx.reviews().findReview(inserted.id())).isEmpty());
    assertTrue(tx(tx -> tx.reviews().findReviewByKey(inserted.author(), inserted.productId(), inserted.dedupeKey()))
        .isEmpty());
    assertEquals(List.of(review), listed(SKU_1, ReviewFilter.all().withRatings(Set.of(4)), ReviewSort.HIGHEST));
    assertEquals(List.of(waiting), held());
    assertTrue(hasText("ann", "h-ann", null));
    assertFalse(hasText("ann", "h-changed", null));
    assertEquals(List.of(), tx(tx -> tx.reviews().listRevisions(review.id(), 10)));
    assertEquals(Optional.of(true), vote(review.id(), "fan"));
    assertEquals(Optional.of(false), vote(review.id(), "critic"));
    assertEquals(Optional.empty(), vote(review.id(), "newcomer"));
    assertEquals(List.of(), tx(tx -> tx.reviews().listReports(review.id(), 10)));
    assertEquals(Optional.of(reply), tx(tx -> tx.reviews().findReply(review.id())));
    assertEquals(Optional.empty(), tx(tx -> tx.reviews().findReply(answeredLater.id())));
    assertEquals(List.of(), tx(tx -> tx.reviews().listReplyRevisions(review.id(), 10)));
    assertEquals(kept, summary(SKU_1));
    assertEquals(RatingSummary.empty(STORE_1), summary(STORE_1));
    stored(inserted);
    stored(newcomerHeld);
  }
}
