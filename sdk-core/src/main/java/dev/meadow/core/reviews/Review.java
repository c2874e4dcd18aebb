package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A shopper's review of a product.
 *
 * @param id Meadow's id; reviews sort by it in the order they were written
 * @param productId the product reviewed
 * @param storeId the store that sold it, whose summary the review also counts in
 * @param author who wrote it
 * @param orderId the order its draft named (always one when the shop keeps one review per order
 *     line), or {@code null}
 * @param dedupeKey what makes the review unique for its author: the product, or the product and
 *     order (the store keeps one review per author and key)
 * @param rating 1 to 5 stars
 * @param title the title, or {@code null}
 * @param body the text, plain text
 * @param media links to images or video, in order
 * @param attributes the shop-defined attributes the reviewer answered (such as {@code fit} →
 *     {@code true}, or {@code comfort} → {@code 4}), sorted by name
 * @param wouldRecommend whether the reviewer would recommend the product, or {@code null}
 * @param provenance where the review came from and what might colour it
 * @param state published, held, rejected or removed
 * @param reasons why moderation held or rejected it; empty when published at once
 * @param textHash a hash of the normalised title and body, for spotting repeated text
 * @param helpfulCount how many users found it helpful
 * @param unhelpfulCount how many did not
 * @param helpfulScore the Wilson lower bound of the helpful share, what
 *     {@link ReviewSort#MOST_HELPFUL} sorts by
 * @param reportCount how many open abuse reports it has: those made since a moderator last decided
 *     on it (earlier ones are resolved, and kept as history)
 * @param createdAt when it was written
 * @param editedAt when its author last edited it, or {@code null}
 * @param version 1 when written, one more for each edit or change of state
 */
public record Review(
    ReviewId id,
    ProductId productId,
    StoreId storeId,
    UserId author,
    @Nullable OrderId orderId,
    String dedupeKey,
    int rating,
    @Nullable String title,
    String body,
    List<String> media,
    Map<String, String> attributes,
    @Nullable Boolean wouldRecommend,
    Provenance provenance,
    ReviewState state,
    List<String> reasons,
    String textHash,
    long helpfulCount,
    long unhelpfulCount,
    double helpfulScore,
    long reportCount,
    Instant createdAt,
    @Nullable Instant editedAt,
    long version) {
  public Review {
    requireNonNull(id, "id");
    requireNonNull(productId, "productId");
    requireNonNull(storeId, "storeId");
    requireNonNull(author, "author");
    requireNonNull(dedupeKey, "dedupeKey");
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("rating must be 1 to 5, was " + rating);
    }
    requireNonNull(body, "body");
    media = List.copyOf(media);
    attributes = Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(attributes)));
    requireNonNull(provenance, "provenance");
    requireNonNull(state, "state");
    reasons = List.copyOf(reasons);
    requireNonNull(textHash, "textHash");
    requireNonNull(createdAt, "createdAt");
  }

  /** Returns whether the purchase behind the review was verified. */
  public boolean verified() {
    return provenance.verified();
  }

  /** Returns the disclosure labels to show with the review. */
  public List<DisclosureLabel> labels() {
    return provenance.labels();
  }

  /** Returns whether the review carries media. */
  public boolean hasMedia() {
    return !media.isEmpty();
  }
}
