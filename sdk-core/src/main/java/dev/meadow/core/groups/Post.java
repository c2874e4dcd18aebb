package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A post in a group or store station.
 *
 * @param id Meadow's id of the post; posts sort by it in the order they were written
 * @param groupId where it was posted
 * @param author who wrote it
 * @param affiliations the stores the author worked for when posting, sorted: a seller's speech
 *     always shows as such. Empty for a consumer.
 * @param title the title, plain text
 * @param body the text, plain text
 * @param products the products it mentions, in the author's order
 * @param media links to images or video, in the author's order
 * @param labels style labels from the shop's catalogue, sorted
 * @param disclosure what the author got for it
 * @param state published, pending approval, or removed
 * @param removal why and by whom it was removed, when {@link ContentState#REMOVED}
 * @param pinned whether a moderator pinned it to the top of the group
 * @param commentCount how many published comments and replies it has
 * @param likeCount how many users like it
 * @param createdAt when it was written
 * @param editedAt when its author last edited it, or {@code null}
 * @param version 1 when written, one more for each edit and each change of state or pin
 */
public record Post(
    PostId id,
    GroupId groupId,
    UserId author,
    List<StoreId> affiliations,
    String title,
    String body,
    List<ProductId> products,
    List<String> media,
    List<String> labels,
    Disclosure disclosure,
    ContentState state,
    @Nullable Removal removal,
    boolean pinned,
    long commentCount,
    long likeCount,
    Instant createdAt,
    @Nullable Instant editedAt,
    long version) {
  public Post {
    requireNonNull(id, "id");
    requireNonNull(groupId, "groupId");
    requireNonNull(author, "author");
    affiliations = List.copyOf(affiliations);
    requireNonNull(title, "title");
    requireNonNull(body, "body");
    products = List.copyOf(products);
    media = List.copyOf(media);
    labels = List.copyOf(labels);
    requireNonNull(disclosure, "disclosure");
    requireNonNull(state, "state");
    requireNonNull(createdAt, "createdAt");
  }

  /** Returns whether the author spoke for a store. */
  public boolean isAffiliated() {
    return !affiliations.isEmpty();
  }
}
