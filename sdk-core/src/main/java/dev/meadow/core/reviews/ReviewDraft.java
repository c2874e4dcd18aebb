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
 * @param sourceName the name of the source an imported review came from or a syndicated one is
 *     shown from, or {@code null}; optional, as {@link Provenance#sourceName()} says
 * @param incentive what the reviewer got for it
 * @param relationship how the reviewer is tied to the seller; Meadow records at least
 *     {@link Relationship#EMPLOYEE} for the store's own staff
 */
public record ReviewDraft(
    ProductId productId, StoreId storeId, @Nullable OrderId orderId, ReviewContent content, Source source,
    Incentive incentive, Relationship relationship, @Nullable String sourceName) {
  /**
   * Checks the draft and cleans the source's name.
   *
   * @throws dev.meadow.core.ValidationException naming {@code sourceName} if the name breaks a rule
   *     of {@link Provenance#sourceName()}
   */
  public ReviewDraft {
    requireNonNull(productId, "productId");
    requireNonNull(storeId, "storeId");
    requireNonNull(content, "content");
    requireNonNull(source, "source");
    requireNonNull(incentive, "incentive");
    requireNonNull(relationship, "relationship");
    sourceName = Provenance.sourceName(source, sourceName);
  }

  /** Returns a draft that names no source. */
  public ReviewDraft(
      ProductId productId, StoreId storeId, @Nullable OrderId orderId, ReviewContent content, Source source,
      Incentive incentive, Relationship relationship) {
    this(productId, storeId, orderId, content, source, incentive, relationship, null);
  }

  /** Returns an organic review with no incentive and no tie to the seller. */
  public static ReviewDraft of(ProductId productId, StoreId storeId, ReviewContent content) {
    return new ReviewDraft(productId, storeId, null, content, Source.ORGANIC, Incentive.NONE, Relationship.NONE);
  }

  /** Returns this draft reviewing one order. */
  public ReviewDraft withOrder(@Nullable OrderId order) {
    return new ReviewDraft(productId, storeId, order, content, source, incentive, relationship, sourceName);
  }

  /** Returns this draft with another source, naming none. */
  public ReviewDraft withSource(Source value) {
    return withSource(value, null);
  }

  /**
   * Returns this draft with another source and its name, such as
   * {@code withSource(Source.IMPORTED, "Old Shop Reviews")} or
   * {@code withSource(Source.SYNDICATED, "Trustpilot")}.
   *
   * @param value where the review comes from
   * @param name the source's name, 1 to {@value Provenance#MAX_SOURCE_NAME} characters of plain
   *     text, or {@code null} to name none; only imported and syndicated reviews name one
   * @throws dev.meadow.core.ValidationException naming {@code sourceName} if the name breaks a rule
   */
  public ReviewDraft withSource(Source value, @Nullable String name) {
    return new ReviewDraft(productId, storeId, orderId, content, value, incentive, relationship, name);
  }

  /** Returns this draft with an incentive. */
  public ReviewDraft withIncentive(Incentive value) {
    return new ReviewDraft(productId, storeId, orderId, content, source, value, relationship, sourceName);
  }

  /** Returns this draft with a relationship to the seller. */
  public ReviewDraft withRelationship(Relationship value) {
    return new ReviewDraft(productId, storeId, orderId, content, source, incentive, value, sourceName);
  }
}
