package dev.meadow.trust.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: levels-imports
import dev.meadow.core.Meadow;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ports.ReputationSource;
import dev.meadow.trust.LevelThresholds;
import dev.meadow.trust.Reputation;
import dev.meadow.trust.ReputationSignal;
import dev.meadow.trust.ReputationTerm;
import dev.meadow.trust.ReputationWeights;
import dev.meadow.trust.Signal;
import dev.meadow.trust.Threshold;
import dev.meadow.trust.Trust;
import dev.meadow.trust.TrustLevel;
import java.time.Duration;
import java.util.List;
// end snippet: levels-imports
import dev.meadow.core.ProductId;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/trust-levels-reputation.md, run. */
class LevelsReputationGuideTest {
  @Test
  @DisplayName("The guide's thresholds, gates, level 4, reputation and store reputation answer as it says")
  void guide() {
    // snippet: levels-install
    LevelThresholds levels = LevelThresholds.defaults()
        .with(1, List.of(Threshold.atLeast(Signal.REVIEWS, 1)));
    ReputationWeights weights = ReputationWeights.defaults()
        .with(ReputationSignal.HELPFUL_VOTES, 4, 0.5, 10);    // weight, prior mean, prior strength
    Meadow meadow = Meadow.builder()
        .install(Trust.builder()
            .levels(levels)
            .gate("post.links", 1)
            .gate("groups.create", 2)
            .reputation(weights))
        .build();
    Trust trust = meadow.module(Trust.class);
    // end snippet: levels-install
    UserId ann = UserId.of("ann");
    meadow.reviews().submit(ann, ReviewDraft.of(ProductId.of("oolong"), StoreId.of("tea-shop"),
        ReviewContent.of(5, "Floral and bright, brews three times")));

    // snippet: levels-level
    TrustLevel level = trust.level(ann);            // 1: her review met level 1's one threshold
    List<TrustLevel.Check> missing = level.missed(2);  // tenure_days >= 15, reviews >= 3, ...
    boolean links = trust.allows(ann, "post.links");      // true
    boolean groups = trust.allows(ann, "groups.create");  // false
    // end snippet: levels-level
    assertEquals(1, level.level());
    assertEquals("tenure_days >= 15", missing.get(0).threshold().toString());
    assertTrue(links);
    assertFalse(groups);

    // snippet: levels-four
    UserId staff = UserId.of("staff-7");
    boolean granted = trust.grantLevel4(ann, staff, "Runs the oolong group");   // true: level 4 now
    boolean again = trust.grantLevel4(ann, staff, "Runs the oolong group");     // false: nothing changes
    boolean revoked = trust.revokeLevel4(ann, staff, "Stepped down");           // true: level 1 again
    // end snippet: levels-four
    assertTrue(granted);
    assertFalse(again);
    assertTrue(revoked);
    assertEquals(1, trust.level(ann).level());

    // snippet: levels-reputation
    Reputation reputation = trust.reputation(ann);
    double score = reputation.score();                   // 0 to 100
    for (ReputationTerm term : reputation.breakdown()) { // the contributions sum to the score
      System.out.printf("%s: %.2f of %d, smoothed %.3f, adds %.2f%n",
          term.signal(), term.raw(), term.observations(), term.smoothed(), term.contribution());
    }
    Reputation shop = trust.storeReputation(StoreId.of("tea-shop"));
    ReputationSource authors = trust.reputationSource();  // for feeds: core's port, no trust types
    // end snippet: levels-reputation
    assertEquals(score, reputation.breakdown().stream().mapToDouble(ReputationTerm::contribution).sum(), 1e-9);
    assertEquals(4, shop.breakdown().size());
    assertEquals(score, authors.reputationOf(ann), 1e-12);
    assertEquals(Duration.ofDays(90), LevelThresholds.defaults().level2().get(4).window());
  }
}
