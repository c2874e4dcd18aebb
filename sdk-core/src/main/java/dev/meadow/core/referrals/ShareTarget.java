package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.internal.HostIds;

/**
 * What a share link points at: a product, a group, a post, a store or a review.
 *
 * @param kind what sort of thing
 * @param id its id: a host id for products and stores, a Meadow id for the others
 */
public record ShareTarget(Kind kind, String id) {
  /** The kinds of things that can be shared. */
  public enum Kind {
    PRODUCT,
    GROUP,
    POST,
    STORE,
    REVIEW
  }

  /**
   * Checks the id by the rules of its kind.
   *
   * @throws ValidationException naming {@code productId}, {@code groupId}, {@code postId},
   *     {@code storeId} or {@code reviewId} if the id breaks them
   */
  public ShareTarget {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    switch (kind) {
      case PRODUCT -> HostIds.check("productId", id);
      case STORE -> HostIds.check("storeId", id);
      case GROUP -> new GroupId(id);
      case POST -> new PostId(id);
      case REVIEW -> new ReviewId(id);
      default -> throw new AssertionError(kind);
    }
  }

  /** Returns a product as a target. */
  public static ShareTarget product(ProductId id) {
    return new ShareTarget(Kind.PRODUCT, id.value());
  }

  /** Returns a group or store station as a target. */
  public static ShareTarget group(GroupId id) {
    return new ShareTarget(Kind.GROUP, id.value());
  }

  /** Returns a post as a target. */
  public static ShareTarget post(PostId id) {
    return new ShareTarget(Kind.POST, id.value());
  }

  /** Returns a store as a target. */
  public static ShareTarget store(StoreId id) {
    return new ShareTarget(Kind.STORE, id.value());
  }

  /** Returns a review as a target. */
  public static ShareTarget review(ReviewId id) {
    return new ShareTarget(Kind.REVIEW, id.value());
  }
}
