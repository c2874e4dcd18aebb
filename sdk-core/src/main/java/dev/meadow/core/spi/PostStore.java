package dev.meadow.core.spi;

import dev.meadow.core.CommentId;
import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostRevision;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Removal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Posts, their earlier revisions, comments and reactions. Each method runs inside the transaction
 * it was obtained from.
 *
 * <p>Uniqueness is the store's job, by unique keys: one post or comment per id, one revision per
 * post and number, one reaction per target and user. Counts change only through the
 * {@code adjust} methods, atomically, so concurrent adjustments all count. Lists are stored and
 * returned in the order given. Instants are stored at millisecond precision. Listing methods
 * return at most {@code limit} items (0 to 1,000).
 */
public interface PostStore {
  /**
   * Inserts a post exactly as given, counts included.
   *
   * @return {@code false}, inserting nothing, if a post with the same id exists
   */
  boolean insertPost(Post post);

  /** Returns a post. */
  Optional<Post> findPost(PostId id);

  /**
   * Replaces a post's content, state, removal, pin, edit time and version with {@code next}'s if
   * the stored version is {@code next.version() - 1}. Its id, group, author, affiliations,
   * counts and creation time never change.
   *
   * @return {@code false}, changing nothing, if there is no such post or its version differs
   */
  boolean updatePost(Post next);

  /**
   * Adds to a post's comment and like counts atomically.
   *
   * @return {@code false} if there is no such post
   */
  boolean adjustPostCounts(PostId id, long commentsDelta, long likesDelta);

  /**
   * Lists a group's posts in the given states, newest first, starting after {@code before} (null
   * for the first page).
   */
  List<Post> listGroupPosts(GroupId groupId, Set<ContentState> states, @Nullable PostId before, int limit);

  /** Lists a group's published, pinned posts, newest first. */
  List<Post> listPinnedPosts(GroupId groupId, int limit);

  /**
   * Lists published posts carrying {@code label} in groups that are active and
   * {@linkplain dev.meadow.core.groups.GroupVisibility#PUBLIC public}, newest first, starting
   * after {@code before} (null for the first page).
   */
  List<Post> listPostsByLabel(String label, @Nullable PostId before, int limit);

  /**
   * Walks every post, in any state, in id order: up to {@code limit} posts whose id is greater
   * than {@code after} (every post for null), lowest id first, compared as
   * {@link PostId#compareTo} does. Paging on with the last id returned visits every post that
   * exists throughout the walk exactly once, and ends with a page shorter than {@code limit}; a
   * module uses it to account for posts recorded before it was installed. Reads the primary key
   * in order, so a page costs the same however many posts there are.
   *
   * @throws IllegalArgumentException unless {@code limit} is 0 to {@value Listings#MAX_LIMIT}
   */
  List<Post> scanPosts(@Nullable PostId after, int limit);

  /**
   * Inserts an earlier revision of a post.
   *
   * @return {@code false}, inserting nothing, if the post already has a revision with that number
   */
  boolean insertRevision(PostRevision revision);

  /** Lists a post's earlier revisions, oldest first. */
  List<PostRevision> listRevisions(PostId postId, int limit);

  /**
   * Inserts a comment exactly as given, counts included.
   *
   * @return {@code false}, inserting nothing, if a comment with the same id exists
   */
  boolean insertComment(Comment comment);

  /** Returns a comment. */
  Optional<Comment> findComment(CommentId id);

  /**
   * Marks a published comment removed.
   *
   * @return {@code false}, changing nothing, if there is no such comment or it is not published;
   *     of racing removers exactly one gets {@code true}
   */
  boolean removeComment(CommentId id, Removal removal);

  /**
   * Adds to a comment's reply and like counts atomically.
   *
   * @return {@code false} if there is no such comment
   */
  boolean adjustCommentCounts(CommentId id, long repliesDelta, long likesDelta);

  /**
   * Lists a post's published comments, oldest first: the top-level ones when {@code parentId} is
   * null, otherwise the replies to that comment. Starts after {@code after} (null for the first
   * page).
   */
  List<Comment> listComments(PostId postId, @Nullable CommentId parentId, @Nullable CommentId after, int limit);

  /**
   * Walks every comment and reply, in any state, of every post, in id order: up to
   * {@code limit} comments whose id is greater than {@code after} (every comment for null),
   * lowest id first, compared as {@link CommentId#compareTo} does. Paging on with the last id
   * returned visits every comment that exists throughout the walk exactly once, and ends with a
   * page shorter than {@code limit}; a module uses it to account for comments recorded before it
   * was installed. Reads the primary key in order, so a page costs the same however many comments
   * there are.
   *
   * @throws IllegalArgumentException unless {@code limit} is 0 to {@value Listings#MAX_LIMIT}
   */
  List<Comment> scanComments(@Nullable CommentId after, int limit);

  /**
   * Records that a user likes a post or comment.
   *
   * @return {@code false}, changing nothing, if the user already does
   */
  boolean insertReaction(ReactionTarget target, UserId userId, Instant at);

  /**
   * Forgets that a user likes a post or comment.
   *
   * @return {@code false} if the user did not
   */
  boolean deleteReaction(ReactionTarget target, UserId userId);

  /** Returns whether a user likes a post or comment. */
  boolean hasReaction(ReactionTarget target, UserId userId);
}
