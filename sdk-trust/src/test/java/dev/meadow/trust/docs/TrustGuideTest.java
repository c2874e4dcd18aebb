package dev.meadow.trust.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: trust-imports
import dev.meadow.core.Meadow;
import dev.meadow.core.groups.Taxonomy;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.trust.BackfillResult;
import dev.meadow.trust.Badge;
import dev.meadow.trust.BuiltInBadges;
import dev.meadow.trust.Grant;
import dev.meadow.trust.HeldBadge;
import dev.meadow.trust.Rule;
import dev.meadow.trust.Signal;
import dev.meadow.trust.Tier;
import dev.meadow.trust.Trust;
import dev.meadow.trust.TrustSignals;
import java.time.Duration;
import java.util.List;
// end snippet: trust-imports
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The examples of docs/trust-badges.md, run. */
class TrustGuideTest {
  private final Map<String, Long> ordersByUser = new java.util.concurrent.ConcurrentHashMap<>();

  private long orderCount(UserId user) {
    return ordersByUser.getOrDefault(user.value(), 0L);
  }

  @Test
  @DisplayName("The guide's catalogue, host signal and install award first-review and loyal-customer as it says")
  void guide() {
    // snippet: trust-catalogue
    Rule prolific = Rule.atLeast(Signal.REVIEWS, 3).within(Duration.ofDays(30))
        .or(Rule.atLeast(Signal.POSTS, 10));
    Badge regular = Badge.earned("regular", "Regular", prolific.and(Rule.atMost(Signal.UPHELD_REPORTS, 0)))
        .tier(Tier.SILVER)
        .grouping("community")
        .description("Writes often, and fairly")
        .revokedWhenRuleFails(true)
        .build();
    Badge loyal = Badge.earned("loyal-customer", "Loyal customer", Rule.atLeast(Signal.host("orders"), 10)).build();
    List<Badge> catalogue = List.of(regular, loyal,
        BuiltInBadges.firstReview().build(),
        BuiltInBadges.verifiedBuyerOfProduct().build(),
        BuiltInBadges.certifiedExpert().build());
    // end snippet: trust-catalogue

    // snippet: trust-signals
    TrustSignals signals = (user, signal) -> signal.equals("orders") ? orderCount(user) : 0;
    // end snippet: trust-signals

    // snippet: trust-install
    Meadow meadow = Meadow.builder()
        .taxonomy(Taxonomy.builder().category("tea", "Tea").category("oolong", "Oolong", "tea").build())
        .install(Trust.builder().badges(catalogue).signals(signals))   // experts are certified per category
        .build();
    Trust trust = meadow.module(Trust.class);
    // end snippet: trust-install

    UserId ann = UserId.of("ann");
    meadow.reviews().submit(ann, ReviewDraft.of(ProductId.of("oolong"), StoreId.of("tea-shop"),
        ReviewContent.of(5, "Lovely tea, would buy again")));

    // snippet: trust-list
    Page<HeldBadge> badges = trust.badges(ann, PageRequest.first());
    Page<HeldBadge> firstReviewers = trust.holders("first-review", PageRequest.first(50));
    // end snippet: trust-list
    assertEquals(List.of("first-review"), badges.items().stream().map(HeldBadge::badgeId).toList());
    assertEquals(1, firstReviewers.items().size());

    ordersByUser.put("ann", 12L);
    // snippet: trust-evaluate
    BackfillResult changed = trust.evaluate(ann);   // the shop's order count for ann changed
    // end snippet: trust-evaluate
    assertEquals(1, changed.awarded(), "loyal-customer, from the host's orders");

    // snippet: trust-grant
    Grant grant = Grant.of(ann, "certified-expert", UserId.of("staff-7"), "Tea sommelier certificate, 2024")
        .inDomain("oolong");
    boolean granted = trust.grant(grant);         // true: ann holds it now
    boolean again = trust.grant(grant);           // false: held already, nothing changes
    boolean revoked = trust.revoke(ann, "certified-expert", "oolong", "Certificate lapsed");
    // end snippet: trust-grant
    assertTrue(granted);
    assertFalse(again);
    assertTrue(revoked);

    // snippet: trust-backfill
    PageRequest page = PageRequest.first(100);
    while (true) {
      BackfillResult result = trust.backfill(page);   // one page of users, recomputed
      if (!result.hasNext()) {
        break;
      }
      page = PageRequest.of(100, result.nextCursor()); // store it to resume after a restart
    }
    // end snippet: trust-backfill
    assertEquals(List.of("first-review", "loyal-customer"),
        trust.badges(ann, PageRequest.first()).items().stream().map(HeldBadge::badgeId).toList());
  }
}
