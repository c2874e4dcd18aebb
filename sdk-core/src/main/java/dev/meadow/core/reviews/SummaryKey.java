package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.internal.HostIds;

/**
 * What a rating summary or review listing is of: a product or a store.
 *
 * @param kind product or store
 * @param id the product's or store's id, by the rules of {@link ProductId} or {@link StoreId}
 */
public record SummaryKey(Kind kind, String id) {
  /** The kinds of things reviews are summarised for. */
  public enum Kind {
    PRODUCT,
    STORE
  }

  /**
   * Checks the id.
   *
   * @throws ValidationException naming {@code productId} or {@code storeId} if the id breaks the
   *     rules of host ids
   */
  public SummaryKey {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    HostIds.check(kind == Kind.PRODUCT ? "productId" : "storeId", id);
  }

  /** Returns a product as a key. */
  public static SummaryKey product(ProductId id) {
    return new SummaryKey(Kind.PRODUCT, id.value());
  }

  /** Returns a store as a key. */
  public static SummaryKey store(StoreId id) {
    return new SummaryKey(Kind.STORE, id.value());
  }
}
