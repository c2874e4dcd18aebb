package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The store's one public reply to a review.
 *
 * @param reviewId the review
 * @param storeId the store replying
 * @param author the staff member who last wrote it
 * @param body the text, plain text
 * @param createdAt when it was first written
 * @param editedAt when it was last edited, or {@code null}
 * @param version 1 when written, one more for each edit
 */
public record MerchantReply(
    ReviewId reviewId, StoreId storeId, UserId author, String body, Instant createdAt, @Nullable Instant editedAt,
    long version) {
  public MerchantReply {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(storeId, "storeId");
    requireNonNull(author, "author");
    requireNonNull(body, "body");
    requireNonNull(createdAt, "createdAt");
  }
}
