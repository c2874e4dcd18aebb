package dev.meadow.trust;

import java.time.Duration;

/**
 * The badges Meadow knows how to award, for the shop to switch on by adding them to its
 * catalogue; each returns a builder, so the shop may rename, re-tier or re-describe it.
 *
 * <pre>{@code
 * List<Badge> catalogue = List.of(
 *     BuiltInBadges.firstReview().build(),
 *     BuiltInBadges.verifiedBuyerOfProduct().iconUrl("https://shop.example/badges/verified.svg").build(),
 *     BuiltInBadges.certifiedExpert().build());
 * }</pre>
 */
public final class BuiltInBadges {
  private BuiltInBadges() {}

  /** {@code verified-buyer-product}: a published review of a verified purchase, once per product. */
  public static Badge.Builder verifiedBuyerOfProduct() {
    return Badge.earned("verified-buyer-product", "Verified buyer", Rule.atLeast(Signal.VERIFIED_REVIEWS, 1))
        .per(Scope.PRODUCT).grouping("reviews").revokedWhenRuleFails(true)
        .description("Bought this product and reviewed it");
  }

  /** {@code verified-buyer-store}: a published review of a verified purchase from the store, once per store. */
  public static Badge.Builder verifiedBuyerOfStore() {
    return Badge.earned("verified-buyer-store", "Verified customer", Rule.atLeast(Signal.VERIFIED_REVIEWS, 1))
        .per(Scope.STORE).grouping("reviews").revokedWhenRuleFails(true)
        .description("Bought from this store and reviewed it");
  }

  /** {@code certified-expert}: granted by the shop, once per domain (a taxonomy category or a style label). */
  public static Badge.Builder certifiedExpert() {
    return Badge.granted("certified-expert", "Certified expert").per(Scope.DOMAIN).tier(Tier.GOLD)
        .grouping("expertise").description("Certified by the shop as an expert in this domain");
  }

  /** {@code first-review}: one published review. */
  public static Badge.Builder firstReview() {
    return Badge.earned("first-review", "First review", Rule.atLeast(Signal.REVIEWS, 1)).grouping("reviews")
        .description("Published a first review");
  }

  /**
   * {@code top-reviewer}: 10 published reviews, a helpful-vote lower bound of at least 0.6, no upheld
   * report; revoked when that stops holding.
   */
  public static Badge.Builder topReviewer() {
    return Badge.earned("top-reviewer", "Top reviewer", Rule.atLeast(Signal.REVIEWS, 10)
            .and(Rule.atLeast(Signal.HELPFUL_LOWER_BOUND, 0.6)).and(Rule.atMost(Signal.UPHELD_REPORTS, 0)))
        .tier(Tier.GOLD).grouping("reviews").revokedWhenRuleFails(true)
        .description("Many reviews that shoppers find helpful");
  }

  /** {@code helpful-reviewer}: 10 helpful votes and a helpful-vote lower bound of at least 0.5. */
  public static Badge.Builder helpfulReviewer() {
    return Badge.earned("helpful-reviewer", "Helpful reviewer", Rule.atLeast(Signal.HELPFUL_VOTES, 10)
            .and(Rule.atLeast(Signal.HELPFUL_LOWER_BOUND, 0.5)))
        .tier(Tier.SILVER).grouping("reviews").description("Reviews that shoppers find helpful");
  }

  /**
   * {@code active-member}: 3 posts or 10 comments in a group within 30 days, once per group;
   * revoked when the member falls quiet (at the next backfill).
   */
  public static Badge.Builder activeMember() {
    Duration month = Duration.ofDays(30);
    return Badge.earned("active-member", "Active member", Rule.atLeast(Signal.POSTS, 3).within(month)
            .or(Rule.atLeast(Signal.COMMENTS, 10).within(month)))
        .per(Scope.GROUP).grouping("community").revokedWhenRuleFails(true)
        .description("Posts and comments often in this group");
  }

  /** {@code station-favourite}: 20 likes received on posts and comments in a store's station, once per station. */
  public static Badge.Builder stationFavourite() {
    return Badge.earned("station-favourite", "Station favourite", Rule.atLeast(Signal.LIKES_RECEIVED, 20))
        .per(Scope.STATION).tier(Tier.SILVER).grouping("community")
        .description("Much liked in this store's station");
  }
}
