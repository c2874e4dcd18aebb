package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ContentModerator} sees of a review. It holds no star rating, on purpose: nothing
 * in moderation may decide by rating, so negative reviews are never held or refused for being
 * negative.
 *
 * @param author who wrote it
 * @param productId the product
 * @param title the title, or {@code null}
 * @param body the text
 * @param media the media links
 * @param repeatedText whether the author has another review with the same text
 */
public record ModerationInput(
    UserId author, ProductId productId, @Nullable String title, String body, List<String> media, boolean repeatedText) {
  public ModerationInput {
    requireNonNull(author, "author");
    requireNonNull(productId, "productId");
    requireNonNull(body, "body");
    media = List.copyOf(media);
  }

  /** Returns the title and body together, as the rules read them. */
  public String text() {
    return title == null ? body : title + "\n" + body;
  }
}
