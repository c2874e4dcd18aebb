package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.CommentId;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PostId;
import dev.meadow.core.UserId;
import dev.meadow.core.modules.ModuleContext;
import java.util.List;

/**
 * Posts in groups and store stations, their comments (one level of replies) and likes.
 *
 * <p>Only active members post in an interest group, and only the store's staff in its station;
 * whoever works for a store carries a visible store affiliation on every post and comment, so a
 * seller's speech never appears as a consumer's. Members comment and like; in a store station
 * so do the buyers who follow the station or its store. Moderators approve,
 * remove and pin. A group's posts are readable only by whoever its visibility allows, on every
 * read. Counts (posts, comments, replies, likes) change in the same transaction as what they
 * count, so they stay exact under any concurrency. A like is one per user and target: liking
 * twice changes nothing.
 *
 * <p>Obtained from {@code Meadow.posts()}; thread-safe.
 */
public final class Posts {
  /** The longest comment. */
  public static final int MAX_COMMENT = 4000;

  /** The longest reason for a removal. */
  public static final int MAX_REASON = 500;

  /** The most posts pinned in one group. */
  public static final int MAX_PINNED = 5;

  /** The most times a post may be edited. */
  public static final int MAX_EDITS = 100;

  private final Publishing publishing;
  private final PostListings listings;
  private final Commenting commenting;
  private final Reactions reactions;

  /** Creates the posts service; hosts obtain it from {@code Meadow.posts()}. */
  public Posts(ModuleContext context, CommunitySettings settings) {
    requireNonNull(context, "context");
    requireNonNull(settings, "settings");
    this.publishing = new Publishing(context, settings);
    this.listings = new PostListings(context, settings);
    this.commenting = new Commenting(context, settings);
    this.reactions = new Reactions(context, settings);
  }

  /**
   * Writes a post. It is published at once, or waits for a moderator when the group needs
   * approval and the author does not moderate it.
   *
   * @throws PermissionDeniedException unless the actor may post in the group
   * @throws dev.meadow.core.ValidationException naming {@code labels} if the shop has no such
   *     label
   * @throws ConflictException if the group is archived
   */
  public Post publish(Actor actor, GroupId groupId, PostDraft draft) {
    return publishing.publish(actor, groupId, draft);
  }

  /**
   * Returns a post: a published one to whoever may read its group, a pending one also to its
   * author and the moderators, a removed one to the moderators only.
   *
   * @throws NotFoundException if there is no such post
   * @throws PermissionDeniedException if the actor may not read it
   */
  public Post get(Actor actor, PostId postId) {
    return publishing.get(actor, postId);
  }

  /**
   * Edits a post, keeping what it said before as a {@link PostRevision}. Allowed to its author
   * while the post is not removed and the author is not banned. A post keeps the affiliations it
   * was written with, so an author who has since come to work for a store the post does not name
   * may no longer edit it: what they write now speaks for that store.
   *
   * @throws PermissionDeniedException unless the actor is the author, or if the author now works
   *     for a store the post is not affiliated with
   * @throws ConflictException if the post changed meanwhile, was edited {@value #MAX_EDITS}
   *     times, or its group is archived
   */
  public Post edit(Actor actor, PostId postId, PostDraft draft) {
    return publishing.edit(actor, postId, draft);
  }

  /**
   * Removes a post with a reason. Allowed to its author and the group's moderators.
   *
   * @param reason why, 1 to {@value #MAX_REASON} characters
   * @return {@code false} if it was removed already
   */
  public boolean remove(Actor actor, PostId postId, String reason) {
    return publishing.remove(actor, postId, reason);
  }

  /**
   * Publishes a pending post. Allowed to moderators.
   *
   * @return {@code false} if the post was not pending
   */
  public boolean approve(Actor actor, PostId postId) {
    return publishing.approve(actor, postId);
  }

  /**
   * Pins a published post to the top of its group, or unpins it. Allowed to moderators.
   *
   * @return {@code false} if it was pinned (or unpinned) already
   * @throws ConflictException if the post is not published, or {@value #MAX_PINNED} posts are
   *     pinned already
   */
  public boolean pin(Actor actor, PostId postId, boolean pinned) {
    return publishing.pin(actor, postId, pinned);
  }

  /** Lists a group's published posts, newest first. Allowed to whoever may read the group. */
  public Page<Post> list(Actor actor, GroupId groupId, PageRequest request) {
    return listings.list(actor, groupId, request);
  }

  /** Lists a group's posts waiting for approval, newest first. Allowed to moderators. */
  public Page<Post> pending(Actor actor, GroupId groupId, PageRequest request) {
    return listings.pending(actor, groupId, request);
  }

  /** Lists a group's pinned posts, newest first. Allowed to whoever may read the group. */
  public List<Post> pinned(Actor actor, GroupId groupId) {
    return listings.pinned(actor, groupId);
  }

  /**
   * Lists published posts carrying a style label, newest first, from active public groups only:
   * anyone may read them.
   *
   * @throws dev.meadow.core.ValidationException naming {@code label} if the shop has no such
   *     label, or {@code cursor}
   */
  public Page<Post> labelled(String label, PageRequest request) {
    return listings.labelled(label, request);
  }

  /** Lists what a post said before each edit, oldest first. Allowed to whoever may read the post. */
  public List<PostRevision> revisions(Actor actor, PostId postId) {
    return publishing.revisions(actor, postId);
  }

  /**
   * Comments on a published post. Allowed to active members, and in a station to the store's
   * staff and to whoever follows the station or its store.
   *
   * @param body 1 to {@value #MAX_COMMENT} characters
   * @throws ConflictException if the post is not published or its group is archived
   */
  public Comment comment(Actor actor, PostId postId, String body) {
    return commenting.comment(actor, postId, body);
  }

  /**
   * Replies to a top-level comment. Allowed as {@link #comment} is.
   *
   * @throws ConflictException if the comment is itself a reply (replies go one level deep) or is
   *     removed
   */
  public Comment reply(Actor actor, CommentId parentId, String body) {
    return commenting.reply(actor, parentId, body);
  }

  /**
   * Removes a comment with a reason. Allowed to its author and the group's moderators.
   *
   * @return {@code false} if it was removed already
   */
  public boolean removeComment(Actor actor, CommentId commentId, String reason) {
    return commenting.removeComment(actor, commentId, reason);
  }

  /** Returns a comment. Allowed to whoever may read its post. */
  public Comment getComment(Actor actor, CommentId commentId) {
    return commenting.getComment(actor, commentId);
  }

  /** Lists a post's published top-level comments, oldest first. Allowed to whoever may read the post. */
  public Page<Comment> comments(Actor actor, PostId postId, PageRequest request) {
    return commenting.comments(actor, postId, request);
  }

  /** Lists the published replies to a comment, oldest first. Allowed to whoever may read its post. */
  public Page<Comment> replies(Actor actor, CommentId parentId, PageRequest request) {
    return commenting.replies(actor, parentId, request);
  }

  /**
   * Likes a published post or comment. Allowed to active members, and in a station to the
   * store's staff and to whoever follows the station or its store.
   *
   * @return {@code false} if the user liked it already
   * @throws ConflictException if it is not published or its group is archived
   */
  public boolean like(Actor actor, ReactionTarget target) {
    return reactions.like(actor, target);
  }

  /**
   * Takes back a like. Allowed to whoever liked.
   *
   * @return {@code false} if the user did not like it
   */
  public boolean unlike(Actor actor, ReactionTarget target) {
    return reactions.unlike(actor, target);
  }

  /** Returns whether a user likes a post or comment. */
  public boolean likes(UserId user, ReactionTarget target) {
    return reactions.likes(user, target);
  }
}
