package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.SCARF;
import static dev.meadow.core.reviews.ReviewsFixture.SENCHA;
import static dev.meadow.core.reviews.ReviewsFixture.TEA_SHOP;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import dev.meadow.core.events.SocialEvent;
import dev.meadow.core.modules.Cursors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Listing reviews: every published rating shows by default, each sort orders with ties newest
 * first, cursors page without repeats or gaps, and filters report what they leave out.
 */
class ListingTest {
  private static final SummaryKey OOLONG_REVIEWS = SummaryKey.product(OOLONG);

  private final ReviewsFixture r = ReviewsFixture.create();
  /** Written a minute apart, oldest first: ratings 3, 1, 5, 3, 4, 1, 5, 2; every third verified; some voted on. */
  private final List<Review> written = new ArrayList<>();

  ListingTest() {
    int[] ratings = {3, 1, 5, 3, 4, 1, 5, 2};
    for (int i = 0; i < ratings.length; i++) {
      r.clock.advance(Duration.ofMinutes(1));
      UserId author = r.user("writer-" + i);
      if (i % 3 == 0) {
        r.delivered(author, OOLONG);
      }
      written.add(r.review(author, OOLONG, ratings[i]));
    }
    vote(1, true, true, true);
    vote(4, true, true, true);
    vote(6, true, false);
    vote(2, true, false, false);
  }

  private void vote(int index, boolean... helpful) {
    for (int i = 0; i < helpful.length; i++) {
      boolean up = helpful[i];
      UserId voter = r.user("voter-" + i);
      r.emits(ReviewEvent.Voted.class, () -> r.reviews.vote(voter, written.get(index).id(), up));
    }
  }

  private List<Review> stored() {
    return written.stream().map(r::reload).toList();
  }

  private static Comparator<Review> order(ReviewSort sort) {
    Comparator<Review> newestFirst = Comparator.comparing(Review::id).reversed();
    return switch (sort) {
      case NEWEST -> newestFirst;
      case HIGHEST -> Comparator.comparingInt(Review::rating).reversed().thenComparing(newestFirst);
      case LOWEST -> Comparator.comparingInt(Review::rating).thenComparing(newestFirst);
      case MOST_HELPFUL -> Comparator.comparingDouble(Review::helpfulScore).reversed().thenComparing(newestFirst);
    };
  }

  private ReviewPage first(ReviewFilter filter, ReviewSort sort) {
    return r.reviews.list(OOLONG_REVIEWS, filter, sort, PageRequest.first(100));
  }

  @ParameterizedTest
  @EnumSource(ReviewSort.class)
  void everySort_ordersAsItSays_withTiesNewestFirst(ReviewSort sort) {
    List<Review> expected = stored().stream().sorted(order(sort)).toList();
    assertEquals(expected, first(ReviewFilter.all(), sort).items());
  }

  @Test
  void theSorts_reallyHaveTies() {
    List<Review> reviews = stored();
    assertEquals(4, reviews.stream().filter(x -> x.helpfulScore() == 0).count(), "four without votes tie at zero");
    assertEquals(reviews.get(1).helpfulScore(), reviews.get(4).helpfulScore(), "two with three helpful votes tie");
    assertEquals(List.of(1, 1, 3, 3, 5, 5),
        reviews.stream().map(Review::rating).filter(x -> x != 2 && x != 4).sorted().toList());
  }

  @ParameterizedTest
  @EnumSource(ReviewSort.class)
  void cursors_pageThroughEveryReviewOnce(ReviewSort sort) {
    for (int size : List.of(1, 2, 3, 7, 8)) {
      assertEquals(first(ReviewFilter.all(), sort).items(), r.listAll(OOLONG_REVIEWS, ReviewFilter.all(), sort, size),
          "pages of " + size);
    }
  }

  @Test
  void theDefaultListing_showsEveryPublishedRating_oneStarIncluded() {
    ReviewPage page = first(ReviewFilter.all(), ReviewSort.HIGHEST);
    assertEquals(Set.of(1, 2, 3, 4, 5), Set.copyOf(page.items().stream().map(Review::rating).toList()));
    assertEquals(2, page.items().stream().filter(x -> x.rating() == 1).count());
    assertEquals(Set.of(), page.excludedRatings());
    assertFalse(page.narrowed());
    for (ReviewSort sort : ReviewSort.values()) {
      assertEquals(written.size(), r.listAll(OOLONG_REVIEWS, ReviewFilter.all(), sort, 3).size(), sort::toString);
    }
  }

  @Test
  void aNewReview_whilePaging_doesNotRepeatOrSkip() {
    ReviewPage page = r.reviews.list(OOLONG_REVIEWS, ReviewFilter.all(), ReviewSort.NEWEST, PageRequest.first(3));
    r.clock.advance(Duration.ofMinutes(1));
    r.review(r.user("latecomer"), OOLONG, 1);
    List<Review> rest = new ArrayList<>(page.items());
    PageRequest next = PageRequest.first(3).next(page.page());
    while (true) {
      ReviewPage more = r.reviews.list(OOLONG_REVIEWS, ReviewFilter.all(), ReviewSort.NEWEST, next);
      rest.addAll(more.items());
      if (!more.page().hasNext()) {
        break;
      }
      next = next.next(more.page());
    }
    assertEquals(stored().stream().sorted(order(ReviewSort.NEWEST)).toList(), rest);
  }

  @Test
  void votesOnTheLastReviewShown_doNotMoveTheNextPage() {
    ReviewPage page = r.reviews.list(OOLONG_REVIEWS, ReviewFilter.all(), ReviewSort.MOST_HELPFUL, PageRequest.first(3));
    List<Review> expected = stored().stream().sorted(order(ReviewSort.MOST_HELPFUL)).toList();
    assertEquals(expected.subList(0, 3), page.items());
    Review last = page.items().get(2);
    for (int i = 0; i < 5; i++) {
      UserId voter = r.user("late-voter-" + i);
      r.emits(ReviewEvent.Voted.class, () -> r.reviews.vote(voter, last.id(), false));
    }
    ReviewPage next = r.reviews.list(OOLONG_REVIEWS, ReviewFilter.all(), ReviewSort.MOST_HELPFUL,
        PageRequest.of(100, page.page().nextCursor()));
    assertEquals(expected.subList(3, expected.size()),
        next.items().stream().filter(x -> !x.id().equals(last.id())).toList(), "the rest, with the moved review where it went");
  }

  @Test
  void aRatingEditOfTheLastReviewShown_doesNotMoveTheNextPage() {
    ReviewPage page = r.reviews.list(OOLONG_REVIEWS, ReviewFilter.all(), ReviewSort.HIGHEST, PageRequest.first(3));
    List<Review> expected = stored().stream().sorted(order(ReviewSort.HIGHEST)).toList();
    Review last = page.items().get(2);
    r.edit(last, c -> c.withRating(1));
    ReviewPage next = r.reviews.list(OOLONG_REVIEWS, ReviewFilter.all(), ReviewSort.HIGHEST,
        PageRequest.of(100, page.page().nextCursor()));
    List<Review> rest = expected.subList(3, expected.size()).stream().map(r::reload).toList();
    assertEquals(rest, next.items().stream().filter(x -> !x.id().equals(last.id())).toList());
  }

  @Test
  void heldRejectedAndWithdrawnReviews_areNotListed() {
    r.submit(r.user("holder"), draft(OOLONG, 1, "Mail me at holder@mail.example"));
    r.submit(r.user("rejected"), draft(OOLONG, 1, "Bad"));
    Review gone = written.get(0);
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(gone.author(), gone.id()));
    List<Review> listed = first(ReviewFilter.all(), ReviewSort.NEWEST).items();
    assertEquals(written.size() - 1, listed.size());
    assertTrue(listed.stream().allMatch(x -> x.state() == ReviewState.PUBLISHED));
  }

  @Test
  void aStoresListing_showsItsProductsOnly() {
    UserId ann = r.user("ann");
    Review sencha = r.review(ann, SENCHA, 4);
    r.review(ann, SCARF, 4);
    List<Review> listed = r.listAll(SummaryKey.store(TEA_SHOP), ReviewFilter.all(), ReviewSort.NEWEST, 4);
    assertEquals(written.size() + 1, listed.size());
    assertEquals(sencha, listed.get(0));
    assertTrue(listed.stream().allMatch(x -> x.storeId().equals(TEA_SHOP)));
  }

  // ---- filters ----

  private void assertFiltered(ReviewFilter filter, Predicate<Review> shown, Set<Integer> excluded) {
    for (ReviewSort sort : ReviewSort.values()) {
      ReviewPage page = first(filter, sort);
      assertEquals(stored().stream().filter(shown).sorted(order(sort)).toList(), page.items(), sort::toString);
      assertEquals(excluded, page.excludedRatings());
      assertEquals(List.copyOf(new java.util.TreeSet<>(excluded)), List.copyOf(page.excludedRatings()), "sorted");
      assertTrue(page.narrowed());
      assertEquals(page.items(), r.listAll(OOLONG_REVIEWS, filter, sort, 2), "paged alike");
    }
  }

  @Test
  void aRatingFilter_showsThoseRatings_andReportsTheOthers() {
    assertFiltered(ReviewFilter.all().withRatings(Set.of(5, 4)), x -> x.rating() >= 4, Set.of(1, 2, 3));
    assertFiltered(ReviewFilter.all().withRatings(Set.of(1)), x -> x.rating() == 1, Set.of(2, 3, 4, 5));
  }

  @Test
  void theVerifiedFilter_showsVerifiedPurchasesOnly() {
    assertFiltered(ReviewFilter.all().onlyVerified(), Review::verified, Set.of());
    assertEquals(3, first(ReviewFilter.all().onlyVerified(), ReviewSort.NEWEST).items().size());
  }

  @Test
  void theMediaFilter_showsReviewsWithMediaOnly() {
    Review plain = written.get(3);
    r.edit(plain, c -> c.withMedia(List.of("https://cdn.example/cup.jpg")));
    assertFiltered(ReviewFilter.all().onlyWithMedia(), Review::hasMedia, Set.of());
    assertEquals(1, first(ReviewFilter.all().onlyWithMedia(), ReviewSort.NEWEST).items().size());
  }

  @Test
  void theStyleLabelFilter_showsReviewersWhoGiveThemselvesTheLabel() {
    for (int i : List.of(0, 5, 6)) {
      UserId author = written.get(i).author();
      r.emits(SocialEvent.LabelsChanged.class, () -> r.meadow.labels().assign(author, List.of("petite", "vintage")));
    }
    Set<UserId> petite = Set.of(written.get(0).author(), written.get(5).author(), written.get(6).author());
    assertFiltered(ReviewFilter.all().withStyleLabel("petite"), x -> petite.contains(x.author()), Set.of());
    assertFiltered(ReviewFilter.all().withStyleLabel("Petite"), x -> petite.contains(x.author()), Set.of());
    assertFiltered(ReviewFilter.all().withStyleLabel("minimalist"), x -> false, Set.of());
    assertFiltered(ReviewFilter.all().withStyleLabel("vintage").withRatings(Set.of(1, 2, 3)).onlyVerified(),
        x -> petite.contains(x.author()) && x.rating() <= 3 && x.verified(), Set.of(4, 5));
    assertEquals(List.of(written.get(0).id()), first(ReviewFilter.all().withStyleLabel("vintage")
        .withRatings(Set.of(1, 2, 3)).onlyVerified(), ReviewSort.NEWEST).items().stream().map(Review::id).toList());
  }

  @Test
  void aCursor_namesItsListingAlikeInEveryJvm_ratingsInAscendingOrder() {
    // Immutable sets iterate in an order that differs from JVM to JVM; the listing name must not.
    for (List<Integer> ratings : List.of(List.of(2, 1), List.of(5, 4), List.of(5, 3, 1), List.of(4, 2, 1), List.of(5, 4, 3, 2))) {
      ReviewFilter filter = ReviewFilter.all().withRatings(new LinkedHashSet<>(ratings));
      List<Integer> ascending = ratings.stream().sorted().toList();
      List<Review> shown = stored().stream().filter(x -> ratings.contains(x.rating())).toList();
      ReviewPage page = r.reviews.list(OOLONG_REVIEWS, filter, ReviewSort.LOWEST, PageRequest.first(shown.size() - 1));
      String listing = "reviews:PRODUCT:" + OOLONG + ":LOWEST:" + ascending + ":false:false:null";
      assertEquals(2, Cursors.withSecret(ReviewsFixture.CURSOR_SECRET).decode(listing, page.page().nextCursor(), 2).size(),
          ratings::toString);
    }
  }

}
