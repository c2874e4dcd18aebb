package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import java.time.Instant;
import java.util.List;

/**
 * What a post said before an edit replaced it: kept so readers and moderators can see how it
 * changed.
 *
 * @param postId the post
 * @param number 1 for the text as first written, 2 after the first edit, and so on
 * @param title the title then
 * @param body the text then
 * @param products the products it mentioned then
 * @param media the media links then
 * @param labels the labels then
 * @param disclosure the disclosure then
 * @param writtenAt when this text was written (the post's creation or an earlier edit)
 */
public record PostRevision(
    PostId postId,
    int number,
    String title,
    String body,
    List<ProductId> products,
    List<String> media,
    List<String> labels,
    Disclosure disclosure,
    Instant writtenAt) {
  public PostRevision {
    requireNonNull(postId, "postId");
    requireNonNull(title, "title");
    requireNonNull(body, "body");
    products = List.copyOf(products);
    media = List.copyOf(media);
    labels = List.copyOf(labels);
    requireNonNull(disclosure, "disclosure");
    requireNonNull(writtenAt, "writtenAt");
  }
}
