package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.CommentId;
import dev.meadow.core.PostId;
import dev.meadow.core.internal.Ulids;

/**
 * What a user can like: a post or a comment.
 *
 * @param kind post or comment
 * @param id the post's or comment's id
 */
public record ReactionTarget(Kind kind, String id) {
  /** The kinds of things that take reactions. */
  public enum Kind {
    POST,
    COMMENT
  }

  /**
   * Checks the id.
   *
   * @throws dev.meadow.core.ValidationException naming {@code postId} or {@code commentId} if
   *     {@code id} is not a Meadow id
   */
  public ReactionTarget {
    requireNonNull(kind, "kind");
    Ulids.check(kind == Kind.POST ? "postId" : "commentId", id);
  }

  /** Returns a post as a target. */
  public static ReactionTarget post(PostId id) {
    return new ReactionTarget(Kind.POST, id.value());
  }

  /** Returns a comment as a target. */
  public static ReactionTarget comment(CommentId id) {
    return new ReactionTarget(Kind.COMMENT, id.value());
  }
}
