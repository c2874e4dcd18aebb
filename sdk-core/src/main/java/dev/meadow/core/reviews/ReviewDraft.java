package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import org.jspecify.annotations.Nullable;

/**
 * A new review: what it is of, what it says, and what the host knows of where it came from.
 * Verification is never part of a draft: Meadow asks the host's
 * {@link dev.meadow.core.ports.PurchaseVerifier} itself.
 *
 * <pre>{@code
 * ReviewDraft draft = ReviewDraft.of(productId, storeId, ReviewContent.of(5, "Fits true to size"))
 *     .withIncentive(Incentive.FREE_PRODUCT);
 * }</pre>
 *
 * @param productId the product reviewed
 * @param storeId the store that sold it
 * @param orderId the order reviewed: required when the shop keeps one review per order line,
 *     optional otherwise (it then tells the verifier which purchase to check)
 * @param content what the reviewer wrote
 * @param source where the review comes from
 * @param incentive what the reviewer got for it
 * @param relationship how the reviewer is tied to the seller; Meadow records at least
 *     {@link Relationship#EMPLOYEE} for the store's own staff
 */
public record ReviewDraft(
    ProductId productId, StoreId storeId, @Nullable OrderId orderId, ReviewContent content, Source source,
    Incentive incentive, Relationship relationship) {
  public ReviewDraft {
    requireNonNull(productId, "productId");
    requireNonNull(storeId, "storeId");
    requireNonNull(content, "content");
    requireNonNull(source, "source");
    requireNonNull(incentive, "incentive");
    requireNonNull(relationship, "relationship");
  }

  /** Returns an organic review with no incentive and no tie to the seller. */
  public static ReviewDraft of(ProductId productId, StoreId storeId, ReviewContent content) {
    return new ReviewDraft(productId, storeId, null, content, Source.ORGANIC, Incentive.NONE, Relationship.NONE);
  }

  /** Returns this draft reviewing one order. */
  public ReviewDraft withOrder(@Nullable OrderId order) {
    return new ReviewDraft(productId, storeId, order, content, source, incentive, relationship);
  }

  /** Returns this draft with another source. */
  public ReviewDraft withSource(Source value) {
    return new ReviewDraft(productId, storeId, orderId, content, value, incentive, relationship);
  }

  /** Returns this draft with an incentive. */
  public ReviewDraft withIncentive(Incentive value) {
    return new ReviewDraft(productId, storeId, orderId, content, source, value, relationship);
  }

  /** Returns this draft with a relationship to the seller. */
  public ReviewDraft withRelationship(Relationship value) {
    return new ReviewDraft(productId, storeId, orderId, content, source, incentive, value);
  }
}
