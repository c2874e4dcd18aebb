package dev.meadow.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.HostileInput;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.Witness;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.ports.ReputationSource;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.spi.Storage;
import dev.meadow.storage.jdbc.TestDatabase;
import dev.meadow.trust.jdbc.JdbcTrust;
import dev.meadow.trust.spi.TrustStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reputation through Meadow and Trust, on memory, H2 and PostgreSQL. */
@DisplayName("Reputation through Meadow and Trust")
class ReputationTest {
  private static final UserId ANN = UserId.of("ann");

  @Nested
  @DisplayName("in memory")
  class InMemory extends Reputations {
    @Override
    Storage storage() {
      return MemoryStorage.create();
    }
  }

  @Nested
  @DisplayName("on H2")
  class OnH2 extends Reputations {
    @Override
    Storage storage() {
      return TestDatabase.H2.kitStorage(List.of(new JdbcTrust()));
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class OnPostgres extends Reputations {
    @Override
    Storage storage() {
      return TestDatabase.POSTGRES.kitStorage(List.of(new JdbcTrust()));
    }
  }

  static void assertSums(Reputation reputation) {
    double sum = reputation.breakdown().stream().mapToDouble(ReputationTerm::contribution).sum();
    assertEquals(reputation.score(), sum, 1e-9, reputation.toString());
    assertTrue(reputation.score() >= 0 && reputation.score() <= 100, reputation.toString());
  }

  static ReputationTerm term(Reputation reputation, ReputationSignal signal) {
    return reputation.breakdown().stream().filter(t -> t.signal() == signal).findFirst().orElseThrow();
  }

  abstract static class Reputations {
    abstract Storage storage();

    Shop shop(UnaryOperator<Trust.Builder> configure) {
      return new Shop(storage(), List.of(), configure);
    }

    /** Ann writes {@code reviews} reviews, the first {@code verified} of verified purchases, each voted on. */
    static void activity(Shop shop, int reviews, int verified, int helpful, int unhelpful) {
      for (int i = 0; i < reviews; i++) {
        if (i < verified) {
          shop.buys("ann", "tea" + i);
        }
        Review review = shop.review("ann", "tea" + i);
        if (i == 0) {
          for (int v = 0; v < helpful + unhelpful; v++) {
            shop.meadow.reviews().vote(UserId.of("voter" + v), review.id(), v < helpful);
          }
        }
      }
    }

    @Test
    @DisplayName("A user's breakdown shows each signal's raw share, observations, weight, smoothing and contribution, summing to the score")
    void breakdownSumsToScore() {
      Shop shop = shop(trust -> trust);
      activity(shop, 4, 3, 6, 2);
      Reputation reputation = shop.trust.reputation(ANN);
      assertSums(reputation);
      assertEquals(List.of(ReputationSignal.HELPFUL_VOTES, ReputationSignal.VERIFIED_REVIEWS, ReputationSignal.GOOD_STANDING),
          reputation.breakdown().stream().map(ReputationTerm::signal).toList());
      ReputationTerm helpful = term(reputation, ReputationSignal.HELPFUL_VOTES);
      assertEquals(0.75, helpful.raw(), 1e-12);
      assertEquals(8, helpful.observations());
      assertEquals((0.5 * 10 + 6) / (10 + 8), helpful.smoothed(), 1e-12);
      assertEquals(100 * 3 * helpful.smoothed() / 8, helpful.contribution(), 1e-9);
      ReputationTerm verified = term(reputation, ReputationSignal.VERIFIED_REVIEWS);
      assertEquals(List.of(0.75, 4.0), List.of(verified.raw(), (double) verified.observations()));
      assertEquals(reputation, shop.trust.reputation(ANN), "reading again gives the same");
    }

    @Test
    @DisplayName("Smoothing keeps a thin record near the prior: two unhelpful votes move the score a little, twenty far")
    void smoothing() {
      Shop fresh = shop(trust -> trust);
      double prior = fresh.trust.reputation(ANN).score();
      assertEquals(100 * (3 * 0.5 + 2 * 0.5 + 3 * 0.8) / 8, prior, 1e-9, "no record scores the weighted priors");
      // one shop after another: on a database, each new shop starts from an emptied one
      Shop thin = shop(trust -> trust);
      activity(thin, 1, 0, 0, 2);
      double thinScore = thin.trust.reputation(ANN).score();
      Shop thick = shop(trust -> trust);
      activity(thick, 1, 0, 0, 20);
      double thickScore = thick.trust.reputation(ANN).score();
      assertTrue(prior - thinScore < 10, prior + " to " + thinScore);
      assertTrue(thinScore - thickScore > 5, thinScore + " to " + thickScore);
      assertEquals(0, term(thick.trust.reputation(ANN), ReputationSignal.HELPFUL_VOTES).raw());
    }

    @Test
    @DisplayName("The shop's weights and priors change the score: weighing helpful votes alone scores their smoothed share")
    void weights() {
      ReputationWeights onlyHelpful = ReputationWeights.defaults()
          .with(ReputationSignal.VERIFIED_REVIEWS, 0, 0.5, 5)
          .with(ReputationSignal.GOOD_STANDING, 0, 0.8, 10)
          .with(ReputationSignal.HELPFUL_VOTES, 1, 0.2, 2);
      Shop shop = shop(trust -> trust.reputation(onlyHelpful));
      activity(shop, 2, 0, 3, 1);
      Reputation reputation = shop.trust.reputation(ANN);
      assertEquals(100 * (0.2 * 2 + 3) / (2 + 4), reputation.score(), 1e-9);
      assertEquals(0, term(reputation, ReputationSignal.VERIFIED_REVIEWS).contribution());
      assertSums(reputation);
    }

    @Test
    @DisplayName("Reputation is deterministic: two Meadows fed the same under the same TestClock agree, and moving the clock changes nothing")
    void deterministic() {
      Shop one = shop(trust -> trust);
      activity(one, 3, 1, 4, 1);
      Reputation first = one.trust.reputation(ANN);
      one.clock.advance(Duration.ofDays(400));
      assertEquals(first, one.trust.reputation(ANN));
      Shop two = new Shop(MemoryStorage.create(), List.of());
      activity(two, 3, 1, 4, 1);
      assertEquals(first, two.trust.reputation(ANN));
    }

    @Test
    @DisplayName("A store's reputation weighs its rating, verified share, reply rate and upheld reports, summing to its score")
    void storeReputation() {
      Shop shop = shop(trust -> trust);
      double prior = shop.trust.storeReputation(Shop.TEA_SHOP).score();
      shop.buys("ann", "tea0");
      Review replied = shop.review("ann", "tea0");
      shop.review("bob", "tea1");
      shop.meadow.reviews().reply(UserId.of("owner"), replied.id(), "Thank you for the kind words");
      Reputation before = shop.trust.storeReputation(Shop.TEA_SHOP);
      assertSums(before);
      assertEquals(1.0, term(before, ReputationSignal.STORE_RATING).raw(), 1e-12, "two 5-star reviews");
      assertEquals(List.of(0.5, 2.0), List.of(term(before, ReputationSignal.STORE_VERIFIED_REVIEWS).raw(),
          (double) term(before, ReputationSignal.STORE_VERIFIED_REVIEWS).observations()));
      assertEquals(0.5, term(before, ReputationSignal.STORE_REPLIES).raw(), 1e-12);
      assertEquals(1.0, term(before, ReputationSignal.STORE_GOOD_STANDING).raw(), 1e-12);
      assertTrue(before.score() > prior, prior + " to " + before.score());
      shop.upholdReports(shop.review("cat", "tea2"));
      Reputation after = shop.trust.storeReputation(Shop.TEA_SHOP);
      ReputationTerm standing = term(after, ReputationSignal.STORE_GOOD_STANDING);
      assertEquals(List.of(2.0 / 3, 3.0), List.of(standing.raw(), (double) standing.observations()));
      assertTrue(after.score() < before.score());
      assertEquals(term(Reputation.of(ReputationWeights.defaults(), List.of(ReputationSignal.STORE_RATING),
          new double[] {0}, new long[] {0}), ReputationSignal.STORE_RATING).smoothed(),
          term(shop.trust.storeReputation(StoreId.of("elsewhere")), ReputationSignal.STORE_RATING).smoothed(),
          "a store with no reviews has the prior");
    }

    @Test
    @DisplayName("The ReputationSource port answers a seen user's score and 0 for a user Trust never saw")
    void reputationSource() {
      Shop shop = shop(trust -> trust);
      activity(shop, 2, 1, 1, 0);
      ReputationSource source = shop.trust.reputationSource();
      assertEquals(shop.trust.reputation(ANN).score(), source.reputationOf(ANN), 1e-12);
      assertEquals(0.0, source.reputationOf(UserId.of("stranger")));
    }

    @Test
    @DisplayName("Hostile ids to reputation, storeReputation and the port are refused naming the field, and nothing stored changes")
    void hostileInput() {
      Shop shop = shop(trust -> trust);
      activity(shop, 1, 1, 1, 0);
      Witness w = shop.witness;
      Supplier<Witness.Snapshot> stored = () -> w.snapshot((tx, world) -> {
        world.put("users", tx.store(TrustStore.class).users(null, 100));
        world.put("ann", tx.store(TrustStore.class).contributions("ann", null, 100));
        world.put("tea-shop", tx.store(TrustStore.class).storeTotal("reviews", "tea-shop"));
      });
      for (String bad : HostileInput.MALFORMED_HOST_IDS) {
        w.rejects("userId", () -> shop.trust.reputation(UserId.of(bad)), stored);
        w.rejects("userId", () -> shop.trust.reputationSource().reputationOf(UserId.of(bad)), stored);
        w.rejects("storeId", () -> shop.trust.storeReputation(StoreId.of(bad)), stored);
      }
      assertThrows(NullPointerException.class, () -> shop.trust.reputation(null));
    }
  }

  @Test
  @DisplayName("Weights refuse values out of range, and all-zero weights for users or stores, at once")
  void weightValidation() {
    ReputationWeights d = ReputationWeights.defaults();
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, ReputationWeights.MAX_WEIGHT + 1}) {
      assertThrows(IllegalArgumentException.class, () -> d.with(ReputationSignal.HELPFUL_VOTES, bad, 0.5, 1));
    }
    assertThrows(IllegalArgumentException.class, () -> d.with(ReputationSignal.HELPFUL_VOTES, 1, 1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> d.with(ReputationSignal.HELPFUL_VOTES, 1, 0.5, 0));
    assertThrows(IllegalArgumentException.class, () -> d.with(ReputationSignal.STORE_RATING, 0, 0.5, 1)
        .with(ReputationSignal.STORE_VERIFIED_REVIEWS, 0, 0.5, 1).with(ReputationSignal.STORE_REPLIES, 0, 0.5, 1)
        .with(ReputationSignal.STORE_GOOD_STANDING, 0, 0.5, 1));
    assertThrows(NullPointerException.class, () -> Trust.builder().reputation(null));
    assertThrows(IllegalArgumentException.class, () -> new Reputation(50, List.of()), "a score must sum its terms");
  }
}
