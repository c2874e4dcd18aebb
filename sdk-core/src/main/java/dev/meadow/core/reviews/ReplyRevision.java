package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import java.time.Instant;

/**
 * What a merchant reply said before an edit replaced it.
 *
 * @param reviewId the review replied to
 * @param number 1 for the reply as first written, 2 after the first edit, and so on
 * @param author who wrote that text
 * @param body the text then
 * @param writtenAt when it was written
 */
public record ReplyRevision(ReviewId reviewId, int number, UserId author, String body, Instant writtenAt) {
  public ReplyRevision {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(author, "author");
    requireNonNull(body, "body");
    requireNonNull(writtenAt, "writtenAt");
  }
}
