package dev.meadow.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewState;
import java.sql.SQLException;
import dev.meadow.trust.BackfillResult;
import dev.meadow.trust.HeldBadge;
import dev.meadow.trust.Reputation;
import dev.meadow.trust.ReputationTerm;
import dev.meadow.trust.Trust;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each benchmark method once, outside JMH, so that {@code mvn verify} catches a benchmark
 * that no longer measures what it says (JMH itself only reports such failures in its output).
 */
class BenchmarksTest {

  @Test
  void idBenchmark_returnsIncreasingMeadowIdsAndUuidStrings() {
    IdBenchmark benchmark = new IdBenchmark();
    String first = benchmark.meadowId();
    String second = benchmark.meadowId();
    assertEquals(26, first.length());
    assertTrue(second.compareTo(first) > 0, first + " then " + second);
    assertEquals(36, benchmark.uuidBaseline().length());
  }

  @Test
  void joinBenchmark_joinsNewMembersAndLeavesExistingOnesAlone() {
    JoinBenchmark benchmark = new JoinBenchmark();
    benchmark.setUp();
    assertEquals(JoinResult.JOINED, benchmark.joinNewMember());
    assertEquals(JoinResult.JOINED, benchmark.joinNewMember());
    assertEquals(JoinResult.ALREADY_MEMBER, benchmark.joinExistingMember());
  }

  @Test
  void cursorBenchmark_roundTripsKeysAndReadsAPageFromTheMiddle() {
    CursorBenchmark benchmark = new CursorBenchmark();
    benchmark.setUp();
    assertEquals(List.of("01JD6T1Q7W4J0M9K3F2A8B5C7D", "1795326530854", "user-000123"), benchmark.cursorRoundTrip());
    assertEquals(32, benchmark.hmacBaseline().length);
    List<String> page = benchmark.membersPageAfterCursor().items().stream()
        .map(Membership::userId).map(Object::toString).toList();
    assertEquals(20, page.size());
    assertEquals("user-000500", page.get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgresql"})
  void reviewSummaryBenchmark_readsTheSummariesOfBothProducts(String storage) {
    ReviewSummaryBenchmark benchmark = new ReviewSummaryBenchmark();
    benchmark.reviews = 20;
    benchmark.storage = storage;
    benchmark.setUp();
    try {
      RatingSummary small = benchmark.smallSummary();
      assertEquals(ReviewSummaryBenchmark.SMALL, small.count());
      assertEquals(30, small.sum());
      assertEquals(List.of(2L, 2L, 2L, 2L, 2L), small.histogram());
      RatingSummary large = benchmark.largeSummary();
      assertEquals(20, large.count());
      assertEquals(60, large.sum());
      assertEquals(List.of(4L, 4L, 4L, 4L, 4L), large.histogram());
    } finally {
      benchmark.tearDown();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgresql"})
  void reputationReadBenchmark_readsBothUsersReputationFromTheirTotals(String storage) {
    ReputationReadBenchmark benchmark = new ReputationReadBenchmark();
    benchmark.contributions = 50;
    benchmark.storage = storage;
    benchmark.setUp();
    try {
      // 10 review items: 9 published (5 verified, 12 helpful and 3 unhelpful votes), 1 rejected.
      Reputation large = benchmark.largeReputation();
      assertEquals(List.of(15L, 9L, 10L), large.breakdown().stream().map(ReputationTerm::observations).toList());
      assertEquals(List.of(12 / 15.0, 5 / 9.0, 9 / 10.0), large.breakdown().stream().map(ReputationTerm::raw).toList());
      // 2 review items, both published: 1 verified, 1 helpful and 1 unhelpful vote.
      Reputation small = benchmark.smallReputation();
      assertEquals(List.of(2L, 2L, 2L), small.breakdown().stream().map(ReputationTerm::observations).toList());
      assertEquals(List.of(0.5, 0.5, 1.0), small.breakdown().stream().map(ReputationTerm::raw).toList());
      assertEquals(large, benchmark.largeReputation(), "reading again changes nothing");
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void reviewSubmitBenchmark_meadowAndTheBaselineWriteTheSameRows() throws SQLException {
    ReviewSubmitBenchmark benchmark = new ReviewSubmitBenchmark();
    benchmark.setUp();
    try {
      Review review = benchmark.meadowSubmit();
      assertEquals(ReviewState.PUBLISHED, review.state());
      assertEquals(5, review.rating());
      assertEquals(1, benchmark.rows("meadow_reviews"));
      assertEquals(1, benchmark.rows("meadow_outbox"));
      assertEquals(2, benchmark.rows("meadow_review_summaries"));

      assertEquals(26, benchmark.jdbcBaseline().length());
      assertEquals(2, benchmark.rows("meadow_reviews"));
      assertEquals(2, benchmark.rows("meadow_outbox"));
      assertEquals(2, benchmark.rows("meadow_review_summaries"));
      RatingSummary summary = benchmark.productSummary();
      assertEquals(2, summary.count());
      assertEquals(5 + 4, summary.sum());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void badgeEvaluationBenchmark_votesWithAndWithoutTrustAndTrustAwardsBadges() {
    BadgeEvaluationBenchmark benchmark = new BadgeEvaluationBenchmark();
    benchmark.setUp();
    assertTrue(benchmark.voteWithTrust());
    assertTrue(benchmark.voteWithoutTrust());
    Trust trust = benchmark.meadowWithTrust().module(Trust.class);
    UserId author = benchmark.firstReviewWithTrust().author();
    List<String> held = trust.badges(author, PageRequest.first(100)).items().stream().map(HeldBadge::badgeId)
        .toList();
    assertEquals(List.of("first-review", "regular", "reviewer-bronze", "store-regular"), held);
  }

  @Test
  void badgeEvaluationPostgresBenchmark_trustAndTheBaselineAwardTheSameBadges() throws SQLException {
    BadgeEvaluationPostgresBenchmark benchmark = new BadgeEvaluationPostgresBenchmark();
    benchmark.setUp();
    try {
      Set<String> awarded = benchmark.awards();
      assertEquals(BadgeEvaluationPostgresBenchmark.AUTHORS * 6, awarded.size(), awarded.toString());
      assertEquals(0, benchmark.jdbcBaseline(), "steady state: nothing changes");
      benchmark.trustEvaluation();
      assertEquals(awarded, benchmark.awards());

      benchmark.forgetAwards();
      int changed = 0;
      for (int i = 0; i < benchmark.reviewCount(); i++) {
        changed += benchmark.jdbcBaseline();
      }
      assertEquals(awarded.size(), changed);
      assertEquals(awarded, benchmark.awards(), "the baseline awards what Trust awarded");

      benchmark.forgetAwards();
      for (int i = 0; i < benchmark.reviewCount(); i++) {
        benchmark.trustEvaluation();
      }
      assertEquals(awarded, benchmark.awards(), "Trust's evaluation, handed the events, awards again");
    } finally {
      benchmark.tearDown();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgresql"})
  void trustBackfillBenchmark_goesThroughEveryUserAndChangesNothing(String storage) {
    TrustBackfillBenchmark benchmark = new TrustBackfillBenchmark();
    benchmark.users = 250;
    benchmark.storage = storage;
    benchmark.setUp();
    try {
      BackfillResult result = benchmark.backfillAll();
      assertEquals(250, result.users());
      assertEquals(0, result.awarded() + result.revoked());
    } finally {
      benchmark.tearDown();
    }
  }
}
