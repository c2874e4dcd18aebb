package dev.meadow.storage.jdbc;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Provenance;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A review being built for a test: valid defaults, each setter returning the fixture. */
final class ReviewFixture {
  private final ReviewId id;
  private final UserId author;
  private final ProductId product;
  private StoreId store = new StoreId("store-1");
  private @Nullable OrderId order;
  private String dedupeKey = "product";
  private int rating = 4;
  private @Nullable String title = "Good";
  private String body = "Fits well.";
  private List<String> media = List.of();
  private Map<String, String> attributes = Map.of();
  private @Nullable Boolean wouldRecommend;
  private Provenance provenance;
  private ReviewState state = ReviewState.PUBLISHED;
  private List<String> reasons = List.of();
  private String textHash;
  private long helpful;
  private long unhelpful;
  private double helpfulScore;
  private final Instant createdAt;

  ReviewFixture(String id, String author, String product, Instant createdAt) {
    this.id = new ReviewId(id);
    this.author = new UserId(author);
    this.product = new ProductId(product);
    this.createdAt = createdAt;
    this.provenance = unverified(createdAt);
    this.textHash = "hash-" + id;
  }

  /** Returns the provenance of an organic review whose author reported no purchase. */
  static Provenance unverified(Instant checkedAt) {
    return new Provenance(Source.ORGANIC, new Verification(null, checkedAt, false, "no purchase on record"),
        Incentive.NONE, Relationship.NONE);
  }

  /** Returns the provenance of an organic review of a delivered, verified purchase. */
  static Provenance verified(String product, Instant checkedAt) {
    Purchase purchase = new Purchase(new OrderId("order-" + product), new ProductId(product),
        checkedAt.minusSeconds(86_400), PurchaseState.DELIVERED);
    return new Provenance(Source.ORGANIC, new Verification(purchase, checkedAt, true, null), Incentive.NONE,
        Relationship.NONE);
  }

  ReviewFixture store(String value) {
    store = new StoreId(value);
    return this;
  }

  ReviewFixture order(String value, String key) {
    order = new OrderId(value);
    dedupeKey = key;
    return this;
  }

  ReviewFixture dedupeKey(String value) {
    dedupeKey = value;
    return this;
  }

  ReviewFixture rating(int value) {
    rating = value;
    return this;
  }

  ReviewFixture text(@Nullable String newTitle, String newBody, String hash) {
    title = newTitle;
    body = newBody;
    textHash = hash;
    return this;
  }

  ReviewFixture media(List<String> value) {
    media = value;
    return this;
  }

  ReviewFixture attributes(Map<String, String> value) {
    attributes = value;
    return this;
  }

  ReviewFixture wouldRecommend(@Nullable Boolean value) {
    wouldRecommend = value;
    return this;
  }

  ReviewFixture provenance(Provenance value) {
    provenance = value;
    return this;
  }

  ReviewFixture state(ReviewState value, List<String> why) {
    state = value;
    reasons = why;
    return this;
  }

  ReviewFixture votes(long helpfulVotes, long unhelpfulVotes, double score) {
    helpful = helpfulVotes;
    unhelpful = unhelpfulVotes;
    helpfulScore = score;
    return this;
  }

  Review build() {
    return new Review(id, product, store, author, order, dedupeKey, rating, title, body, media, attributes,
        wouldRecommend, provenance, state, reasons, textHash, helpful, unhelpful, helpfulScore, 0, createdAt, null, 1);
  }
}
