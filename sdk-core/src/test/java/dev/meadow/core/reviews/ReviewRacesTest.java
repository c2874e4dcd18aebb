package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.ConflictException;
import dev.meadow.core.PageRequest;
import dev.meadow.core.Races;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.ReviewEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Eight threads racing on the same review or the same user's review: every count stays exact. */
class ReviewRacesTest {
  private static final int THREADS = 8;

  /** Runs {@code work} on {@value #THREADS} threads that start together; returns each thread's result in thread order. */
  private static <T> List<T> race(IntFunction<Callable<T>> work) throws Exception {
    return Races.run(THREADS, work);
  }

  private static <T> Object outcome(Callable<T> call) throws Exception {
    try {
      return call.call();
    } catch (ConflictException e) {
      return ConflictException.class;
    }
  }

  @Test
  void oneUsersRacingSubmits_storeOneReview_countedOnce() throws Exception {
    ReviewsFixture r = ReviewsFixture.create();
    UserId ann = r.user("ann");
    List<Object> outcomes = race(thread -> () -> outcome(() -> r.reviews.submit(ann,
        draft(OOLONG, thread % 5 + 1, "Thread " + thread + " says the oolong is floral"))));
    assertEquals(1, outcomes.stream().filter(Review.class::isInstance).count(), outcomes::toString);
    assertEquals(THREADS - 1, outcomes.stream().filter(ConflictException.class::equals).count());
    Review stored = (Review) outcomes.stream().filter(Review.class::isInstance).findFirst().orElseThrow();
    assertEquals(List.of(stored), r.reviews.list(SummaryKey.product(OOLONG), ReviewFilter.all(), ReviewSort.NEWEST,
        PageRequest.first()).items());
    assertEquals(1, r.reviews.summary(SummaryKey.product(OOLONG)).count());
    assertEquals(1, r.reviews.summary(SummaryKey.store(ReviewsFixture.TEA_SHOP)).count());
    assertEquals(stored.rating(), r.reviews.summary(SummaryKey.product(OOLONG)).sum());
    assertEquals(1, r.witness.outboxEvents().stream().filter(ReviewEvent.Submitted.class::isInstance).count());
    r.assertSummariesExact();
  }

  @Test
  void racingVotes_countExactlyTheAcknowledgedVotes() throws Exception {
    ReviewsFixture r = ReviewsFixture.create();
    Review review = r.review(r.user("ann"), OOLONG, 4);
    ReviewId id = review.id();
    int votesPerThread = 500;
    // Each thread casts, changes and withdraws votes of forty voters it shares with every other
    // thread, and of voters of its own, so that inserts, changes and deletes race on the same rows.
    List<long[]> acknowledged = race(thread -> () -> {
      Random random = new Random(thread);
      long[] counts = new long[2];
      for (int i = 0; i < votesPerThread; i++) {
        UserId voter = UserId.of(i % 2 == 0 ? "shared-" + random.nextInt(40) : "own-" + thread + "-" + random.nextInt(60));
        if (random.nextInt(10) == 0) {
          counts[1] += r.reviews.withdrawVote(voter, id) ? 1 : 0;
        } else {
          counts[0] += r.reviews.vote(voter, id, random.nextBoolean()) ? 1 : 0;
        }
      }
      return counts;
    });
    List<MeadowEvent> events = r.witness.outboxEvents();
    assertEquals(acknowledged.stream().mapToLong(c -> c[0]).sum(), events.stream().filter(ReviewEvent.Voted.class::isInstance).count(),
        "one Voted event per acknowledged vote");
    assertEquals(acknowledged.stream().mapToLong(c -> c[1]).sum(),
        events.stream().filter(ReviewEvent.VoteWithdrawn.class::isInstance).count(),
        "one VoteWithdrawn event per acknowledged withdrawal");

    Map<UserId, Boolean> replayed = new HashMap<>();
    for (MeadowEvent event : events) {
      if (event instanceof ReviewEvent.Voted voted) {
        replayed.put(voted.userId(), voted.helpful());
      } else if (event instanceof ReviewEvent.VoteWithdrawn withdrawn) {
        replayed.remove(withdrawn.userId());
      }
    }
    for (int thread = -1; thread < THREADS; thread++) {
      for (int n = 0; n < 60; n++) {
        UserId voter = UserId.of(thread < 0 ? "shared-" + n : "own-" + thread + "-" + n);
        assertEquals(Optional.ofNullable(replayed.get(voter)), r.reviews.voteOf(voter, id), voter::toString);
      }
    }
    long helpful = replayed.values().stream().filter(Boolean::booleanValue).count();
    long unhelpful = replayed.size() - helpful;
    Review counted = r.reload(review);
    assertEquals(List.of(helpful, unhelpful), List.of(counted.helpfulCount(), counted.unhelpfulCount()));
    assertEquals(RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful), counted.helpfulScore());
    assertEquals(counted, r.reviews.list(SummaryKey.product(OOLONG), ReviewFilter.all(), ReviewSort.MOST_HELPFUL,
        PageRequest.first()).items().get(0), "the listing shows the same counts");
  }
}
