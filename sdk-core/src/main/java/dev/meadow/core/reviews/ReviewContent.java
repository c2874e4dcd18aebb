package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import dev.meadow.core.WebUrl;
import dev.meadow.core.internal.Violations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a reviewer writes, new or edited. Text is checked and cleaned as it is built (see
 * {@link PlainText}); attributes are checked against the shop's {@link ReviewPolicy} when the
 * review is saved.
 *
 * @param rating 1 to 5 stars
 * @param title up to {@value #MAX_TITLE} characters, or {@code null}
 * @param body 1 to {@value #MAX_BODY} characters
 * @param media up to {@value #MAX_MEDIA} http or https links
 * @param attributes answers to the shop's attributes, by key
 * @param wouldRecommend whether the reviewer would recommend the product, or {@code null}
 */
public record ReviewContent(
    int rating, @Nullable String title, String body, List<String> media, Map<String, String> attributes,
    @Nullable Boolean wouldRecommend) {
  /** The longest title. */
  public static final int MAX_TITLE = 150;

  /** The longest body. */
  public static final int MAX_BODY = 10_000;

  /** The most media links. */
  public static final int MAX_MEDIA = 9;

  /**
   * Checks and cleans every field.
   *
   * @throws ValidationException naming every field that breaks its rule
   */
  public ReviewContent {
    Violations violations = new Violations();
    if (rating < 1 || rating > 5) {
      violations.add("rating", "out_of_range", "must be 1 to 5 stars");
    }
    String cleanTitle = violations.check(title, t -> PlainText.optional("title", t, MAX_TITLE));
    String cleanBody = violations.check(body, b -> PlainText.require("body", b, MAX_BODY));
    List<String> cleanMedia = violations.check(media, ReviewContent::checkMedia);
    Map<String, String> cleanAttributes = violations.check(attributes, ReviewContent::checkAttributes);
    violations.throwIfAny();
    title = cleanTitle;
    body = cleanBody;
    media = List.copyOf(cleanMedia);
    attributes = Collections.unmodifiableMap(cleanAttributes);
  }

  /** Returns content with a rating and body and nothing else. */
  public static ReviewContent of(int rating, String body) {
    return new ReviewContent(rating, null, body, List.of(), Map.of(), null);
  }

  /** Returns the content a review has now, to edit from. */
  public static ReviewContent of(Review review) {
    return new ReviewContent(review.rating(), review.title(), review.body(), review.media(), review.attributes(),
        review.wouldRecommend());
  }

  /** Returns this content with another rating. */
  public ReviewContent withRating(int newRating) {
    return new ReviewContent(newRating, title, body, media, attributes, wouldRecommend);
  }

  /** Returns this content with a title. */
  public ReviewContent withTitle(@Nullable String newTitle) {
    return new ReviewContent(rating, newTitle, body, media, attributes, wouldRecommend);
  }

  /** Returns this content with another body. */
  public ReviewContent withBody(String newBody) {
    return new ReviewContent(rating, title, newBody, media, attributes, wouldRecommend);
  }

  /** Returns this content with media links. */
  public ReviewContent withMedia(List<String> newMedia) {
    return new ReviewContent(rating, title, body, newMedia, attributes, wouldRecommend);
  }

  /** Returns this content with answers to the shop's attributes. */
  public ReviewContent withAttributes(Map<String, String> newAttributes) {
    return new ReviewContent(rating, title, body, media, newAttributes, wouldRecommend);
  }

  /** Returns this content saying whether the reviewer would recommend the product. */
  public ReviewContent withWouldRecommend(@Nullable Boolean recommend) {
    return new ReviewContent(rating, title, body, media, attributes, recommend);
  }

  private static List<String> checkMedia(List<String> media) {
    if (requireNonNull(media, "media").size() > MAX_MEDIA) {
      throw ValidationException.of("media", "too_many", "must hold at most " + MAX_MEDIA + " links");
    }
    List<String> urls = new ArrayList<>();
    for (String url : media) {
      urls.add(WebUrl.require("media", url));
    }
    return urls;
  }

  private static Map<String, String> checkAttributes(Map<String, String> attributes) {
    Map<String, String> clean = new TreeMap<>();
    for (Map.Entry<String, String> entry : requireNonNull(attributes, "attributes").entrySet()) {
      clean.put(PlainText.token("attributes", entry.getKey(), 64), PlainText.token("attributes", entry.getValue(), 64));
    }
    return clean;
  }
}
