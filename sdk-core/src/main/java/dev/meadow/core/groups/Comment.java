package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.CommentId;
import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A comment on a post, or a reply to a comment (replies go one level deep).
 *
 * @param id Meadow's id; comments sort by it in the order they were written
 * @param postId the post
 * @param groupId the post's group
 * @param parentId the comment this replies to, or {@code null} for a top-level comment
 * @param author who wrote it
 * @param affiliations the stores the author worked for when writing, sorted; empty for a consumer
 * @param body the text, plain text
 * @param state {@link ContentState#PUBLISHED} or {@link ContentState#REMOVED}
 * @param removal why and by whom it was removed, or {@code null}
 * @param replyCount how many published replies it has (always 0 for a reply)
 * @param likeCount how many users like it
 * @param createdAt when it was written
 */
public record Comment(
    CommentId id,
    PostId postId,
    GroupId groupId,
    @Nullable CommentId parentId,
    UserId author,
    List<StoreId> affiliations,
    String body,
    ContentState state,
    @Nullable Removal removal,
    long replyCount,
    long likeCount,
    Instant createdAt) {
  public Comment {
    requireNonNull(id, "id");
    requireNonNull(postId, "postId");
    requireNonNull(groupId, "groupId");
    requireNonNull(author, "author");
    affiliations = List.copyOf(affiliations);
    requireNonNull(body, "body");
    requireNonNull(state, "state");
    requireNonNull(createdAt, "createdAt");
  }

  /** Returns whether this is a reply to another comment. */
  public boolean isReply() {
    return parentId != null;
  }
}
