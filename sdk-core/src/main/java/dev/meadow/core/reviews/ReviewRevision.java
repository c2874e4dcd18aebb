package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ReviewId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a review said before an edit replaced it.
 *
 * @param reviewId the review
 * @param number 1 for the review as first written, 2 after the first edit, and so on
 * @param rating the rating then
 * @param title the title then
 * @param body the text then
 * @param media the media links then
 * @param attributes the attributes then
 * @param wouldRecommend the recommendation then
 * @param writtenAt when this text was written
 */
public record ReviewRevision(
    ReviewId reviewId,
    int number,
    int rating,
    @Nullable String title,
    String body,
    List<String> media,
    Map<String, String> attributes,
    @Nullable Boolean wouldRecommend,
    Instant writtenAt) {
  public ReviewRevision {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(body, "body");
    media = List.copyOf(media);
    attributes = Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(attributes)));
    requireNonNull(writtenAt, "writtenAt");
  }
}
