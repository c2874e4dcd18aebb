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
import dev.meadow.core.PlainText;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.PostStore;
import dev.meadow.core.spi.Transaction;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

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

  private final ModuleContext context;
  private final CommunitySettings settings;

  /** Creates the posts service; hosts obtain it from {@code Meadow.posts()}. */
  public Posts(ModuleContext context, CommunitySettings settings) {
    this.context = requireNonNull(context, "context");
    this.settings = requireNonNull(settings, "settings");
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
    requireNonNull(groupId, "groupId");
    requireNonNull(draft, "draft");
    settings.labels().check("labels", draft.labels(), PostDraft.MAX_LABELS);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requirePoster();
      boolean held = access.group.postApproval() && !access.moderator();
      Post post = new Post(new PostId(unit.newId()), groupId, access.user, sorted(stores), draft.title(), draft.body(),
          draft.products(), draft.media(), draft.labels(), draft.disclosure(),
          held ? ContentState.PENDING : ContentState.PUBLISHED, null, false, 0, 0, unit.now(), null, 1);
      unit.tx().posts().insertPost(post);
      if (!held) {
        published(unit, post);
      }
      unit.emit(new PostEvent.Created(unit.newEventId(), unit.now(), post.id(), groupId, post.author(),
          post.affiliations(), post.state()));
      return post;
    });
  }

  /**
   * Returns a post: a published one to whoever may read its group, a pending one also to its
   * author and the moderators, a removed one to the moderators only.
   *
   * @throws NotFoundException if there is no such post
   * @throws PermissionDeniedException if the actor may not read it
   */
  public Post get(Actor actor, PostId postId) {
    requireNonNull(actor, "actor");
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> readable(tx, actor, postId, stores).post);
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
    requireNonNull(postId, "postId");
    requireNonNull(draft, "draft");
    settings.labels().check("labels", draft.labels(), PostDraft.MAX_LABELS);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = post(posts, postId);
      Access access = Access.of(unit.tx().groups(), post.groupId(), actor, Set.of()).requireNotBanned("edit").requireActive();
      if (!post.author().equals(access.user)) {
        throw new PermissionDeniedException("only the author edits post " + postId);
      }
      if (!post.affiliations().containsAll(stores)) {
        throw new PermissionDeniedException("post " + postId + " was written without the affiliation its author now"
            + " has; write a new post to speak for " + sorted(stores));
      }
      if (post.state() == ContentState.REMOVED) {
        throw new ConflictException("post " + postId + " was removed");
      }
      int number = posts.listRevisions(postId, MAX_EDITS + 1).size() + 1;
      if (number > MAX_EDITS) {
        throw new ConflictException("post " + postId + " was edited " + MAX_EDITS + " times, the most allowed");
      }
      posts.insertRevision(new PostRevision(postId, number, post.title(), post.body(), post.products(), post.media(),
          post.labels(), post.disclosure(), post.editedAt() != null ? post.editedAt() : post.createdAt()));
      Post edited = new Post(post.id(), post.groupId(), post.author(), post.affiliations(), draft.title(), draft.body(),
          draft.products(), draft.media(), draft.labels(), draft.disclosure(), post.state(), null, post.pinned(),
          post.commentCount(), post.likeCount(), post.createdAt(), unit.now(), post.version() + 1);
      save(posts, edited);
      unit.emit(new PostEvent.Edited(unit.newEventId(), unit.now(), postId, post.groupId(), edited.version()));
      return post(posts, postId);
    });
  }

  /**
   * Removes a post with a reason. Allowed to its author and the group's moderators.
   *
   * @param reason why, 1 to {@value #MAX_REASON} characters
   * @return {@code false} if it was removed already
   */
  public boolean remove(Actor actor, PostId postId, String reason) {
    requireNonNull(postId, "postId");
    String why = PlainText.require("reason", reason, MAX_REASON);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = post(posts, postId);
      UserId by = Access.of(unit.tx().groups(), post.groupId(), actor, stores)
          .requireAuthorOrModerator(post.author(), "posts");
      if (post.state() == ContentState.REMOVED) {
        return false;
      }
      save(posts, withState(post, ContentState.REMOVED, new Removal(why, by, unit.now()), false));
      if (post.state() == ContentState.PUBLISHED) {
        unit.tx().groups().adjustGroupCounts(post.groupId(), 0, -1);
      }
      unit.emit(new PostEvent.Removed(unit.newEventId(), unit.now(), postId, post.groupId(), by, why));
      return true;
    });
  }

  /**
   * Publishes a pending post. Allowed to moderators.
   *
   * @return {@code false} if the post was not pending
   */
  public boolean approve(Actor actor, PostId postId) {
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = post(posts, postId);
      Access access = Access.of(unit.tx().groups(), post.groupId(), actor, stores)
          .requireModerator("approve posts").requireActive();
      if (post.state() != ContentState.PENDING) {
        return false;
      }
      save(posts, withState(post, ContentState.PUBLISHED, null, false));
      published(unit, post);
      unit.emit(new PostEvent.Approved(unit.newEventId(), unit.now(), postId, post.groupId(), access.user));
      return true;
    });
  }

  /**
   * Pins a published post to the top of its group, or unpins it. Allowed to moderators.
   *
   * @return {@code false} if it was pinned (or unpinned) already
   * @throws ConflictException if the post is not published, or {@value #MAX_PINNED} posts are
   *     pinned already
   */
  public boolean pin(Actor actor, PostId postId, boolean pinned) {
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = post(posts, postId);
      Access access = Access.of(unit.tx().groups(), post.groupId(), actor, stores)
          .requireModerator("pin posts").requireActive();
      if (post.pinned() == pinned) {
        return false;
      }
      if (post.state() != ContentState.PUBLISHED) {
        throw new ConflictException("only published posts are pinned");
      }
      if (pinned && posts.listPinnedPosts(post.groupId(), MAX_PINNED).size() >= MAX_PINNED) {
        throw new ConflictException("group " + post.groupId() + " has " + MAX_PINNED + " pinned posts, the most allowed");
      }
      save(posts, withState(post, post.state(), post.removal(), pinned));
      unit.emit(new PostEvent.PinChanged(unit.newEventId(), unit.now(), postId, post.groupId(), access.user, pinned));
      return true;
    });
  }

  /** Lists a group's published posts, newest first. Allowed to whoever may read the group. */
  public Page<Post> list(Actor actor, GroupId groupId, PageRequest request) {
    return listByState(actor, groupId, ContentState.PUBLISHED, request);
  }

  /** Lists a group's posts waiting for approval, newest first. Allowed to moderators. */
  public Page<Post> pending(Actor actor, GroupId groupId, PageRequest request) {
    return listByState(actor, groupId, ContentState.PENDING, request);
  }

  /** Lists a group's pinned posts, newest first. Allowed to whoever may read the group. */
  public List<Post> pinned(Actor actor, GroupId groupId) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    return context.read(tx -> {
      Access.of(tx.groups(), groupId, actor, Set.of()).requireRead();
      return tx.posts().listPinnedPosts(groupId, MAX_PINNED);
    });
  }

  /**
   * Lists published posts carrying a style label, newest first, from active public groups only:
   * anyone may read them.
   *
   * @throws dev.meadow.core.ValidationException naming {@code label} if the shop has no such
   *     label, or {@code cursor}
   */
  public Page<Post> labelled(String label, PageRequest request) {
    requireNonNull(request, "request");
    String key = settings.labels().check(label);
    String listing = "post.labelled:" + key;
    PostId before = context.cursors().position(listing, request, 1, parts -> PostId.of(parts.get(0)));
    List<Post> rows = context.read(tx -> tx.posts().listPostsByLabel(key, before, request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing, p -> new String[] {p.id().value()});
  }

  /** Lists what a post said before each edit, oldest first. Allowed to whoever may read the post. */
  public List<PostRevision> revisions(Actor actor, PostId postId) {
    requireNonNull(actor, "actor");
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> {
      readable(tx, actor, postId, stores);
      return tx.posts().listRevisions(postId, MAX_EDITS);
    });
  }

  /**
   * Comments on a published post. Allowed to active members, and in a station to the store's
   * staff and to whoever follows the station or its store.
   *
   * @param body 1 to {@value #MAX_COMMENT} characters
   * @throws ConflictException if the post is not published or its group is archived
   */
  public Comment comment(Actor actor, PostId postId, String body) {
    requireNonNull(postId, "postId");
    return write(actor, postId, null, body);
  }

  /**
   * Replies to a top-level comment. Allowed as {@link #comment} is.
   *
   * @throws ConflictException if the comment is itself a reply (replies go one level deep) or is
   *     removed
   */
  public Comment reply(Actor actor, CommentId parentId, String body) {
    requireNonNull(parentId, "parentId");
    PostId postId = context.read(tx -> comment(tx.posts(), parentId).postId());
    return write(actor, postId, parentId, body);
  }

  private Comment write(Actor actor, PostId postId, @Nullable CommentId parentId, String body) {
    String text = PlainText.require("body", body, MAX_COMMENT);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = post(posts, postId);
      Access access = Access.of(unit.tx().groups(), post.groupId(), actor, stores).requireParticipant("comment", unit.tx().follows());
      requirePublished(post);
      if (parentId != null) {
        Comment parent = comment(posts, parentId);
        if (parent.isReply()) {
          throw new ConflictException("replies go one level deep: reply to comment " + parent.parentId() + " instead");
        }
        if (parent.state() != ContentState.PUBLISHED) {
          throw new ConflictException("comment " + parentId + " was removed");
        }
        posts.adjustCommentCounts(parentId, 1, 0);
      }
      Comment comment = new Comment(new CommentId(unit.newId()), postId, post.groupId(), parentId, access.user,
          sorted(stores), text, ContentState.PUBLISHED, null, 0, 0, unit.now());
      posts.insertComment(comment);
      posts.adjustPostCounts(postId, 1, 0);
      Bookkeeping.recordActivity(unit, post.groupId());
      unit.emit(new PostEvent.CommentAdded(unit.newEventId(), unit.now(), comment.id(), postId, post.groupId(),
          parentId, comment.author(), comment.affiliations()));
      return comment;
    });
  }

  /**
   * Removes a comment with a reason. Allowed to its author and the group's moderators.
   *
   * @return {@code false} if it was removed already
   */
  public boolean removeComment(Actor actor, CommentId commentId, String reason) {
    requireNonNull(commentId, "commentId");
    String why = PlainText.require("reason", reason, MAX_REASON);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Comment comment = comment(posts, commentId);
      UserId by = Access.of(unit.tx().groups(), comment.groupId(), actor, stores)
          .requireAuthorOrModerator(comment.author(), "comments");
      if (!posts.removeComment(commentId, new Removal(why, by, unit.now()))) {
        return false;
      }
      posts.adjustPostCounts(comment.postId(), -1, 0);
      if (comment.parentId() != null) {
        posts.adjustCommentCounts(comment.parentId(), -1, 0);
      }
      unit.emit(new PostEvent.CommentRemoved(unit.newEventId(), unit.now(), commentId, comment.postId(),
          comment.groupId(), by, why));
      return true;
    });
  }

  /** Returns a comment. Allowed to whoever may read its post. */
  public Comment getComment(Actor actor, CommentId commentId) {
    requireNonNull(actor, "actor");
    requireNonNull(commentId, "commentId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> {
      Comment comment = comment(tx.posts(), commentId);
      Readable readable = readable(tx, actor, comment.postId(), stores);
      if (comment.state() == ContentState.REMOVED && !readable.access.moderator()) {
        throw new PermissionDeniedException("comment " + commentId + " was removed");
      }
      return comment;
    });
  }

  /** Lists a post's published top-level comments, oldest first. Allowed to whoever may read the post. */
  public Page<Comment> comments(Actor actor, PostId postId, PageRequest request) {
    requireNonNull(postId, "postId");
    return listComments(actor, postId, null, request);
  }

  /** Lists the published replies to a comment, oldest first. Allowed to whoever may read its post. */
  public Page<Comment> replies(Actor actor, CommentId parentId, PageRequest request) {
    requireNonNull(parentId, "parentId");
    PostId postId = context.read(tx -> comment(tx.posts(), parentId).postId());
    return listComments(actor, postId, parentId, request);
  }

  private Page<Comment> listComments(Actor actor, PostId postId, @Nullable CommentId parentId, PageRequest request) {
    requireNonNull(actor, "actor");
    requireNonNull(request, "request");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    String listing = "post.comments:" + postId + ":" + parentId;
    CommentId after = context.cursors().position(listing, request, 1, parts -> CommentId.of(parts.get(0)));
    List<Comment> rows = context.read(tx -> {
      readable(tx, actor, postId, stores);
      return tx.posts().listComments(postId, parentId, after, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing, c -> new String[] {c.id().value()});
  }

  /**
   * Likes a published post or comment. Allowed to active members, and in a station to the
   * store's staff and to whoever follows the station or its store.
   *
   * @return {@code false} if the user liked it already
   * @throws ConflictException if it is not published or its group is archived
   */
  public boolean like(Actor actor, ReactionTarget target) {
    requireNonNull(target, "target");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Target found = target(unit.tx(), target);
      Access access = Access.of(unit.tx().groups(), found.groupId, actor, stores).requireParticipant("like", unit.tx().follows());
      if (found.state != ContentState.PUBLISHED) {
        throw new ConflictException("only published posts and comments are liked");
      }
      if (!unit.tx().posts().insertReaction(target, access.user, unit.now())) {
        return false;
      }
      adjustLikes(unit.tx().posts(), target, 1);
      Bookkeeping.recordActivity(unit, found.groupId);
      unit.emit(new PostEvent.Liked(unit.newEventId(), unit.now(), target, found.postId, found.groupId, access.user));
      return true;
    });
  }

  /**
   * Takes back a like. Allowed to whoever liked.
   *
   * @return {@code false} if the user did not like it
   */
  public boolean unlike(Actor actor, ReactionTarget target) {
    requireNonNull(target, "target");
    UserId user = Actors.signedIn(requireNonNull(actor, "actor"), "unlike");
    return context.write(unit -> {
      Target found = target(unit.tx(), target);
      if (!unit.tx().posts().deleteReaction(target, user)) {
        return false;
      }
      adjustLikes(unit.tx().posts(), target, -1);
      unit.emit(new PostEvent.Unliked(unit.newEventId(), unit.now(), target, found.postId, found.groupId, user));
      return true;
    });
  }

  /** Returns whether a user likes a post or comment. */
  public boolean likes(UserId user, ReactionTarget target) {
    requireNonNull(user, "user");
    requireNonNull(target, "target");
    return context.read(tx -> tx.posts().hasReaction(target, user));
  }

  private Page<Post> listByState(Actor actor, GroupId groupId, ContentState state, PageRequest request) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    requireNonNull(request, "request");
    Set<StoreId> stores = state == ContentState.PUBLISHED ? Set.of() : Access.storesOf(settings, actor);
    String listing = "group.posts:" + groupId + ":" + state;
    PostId before = context.cursors().position(listing, request, 1, parts -> PostId.of(parts.get(0)));
    List<Post> rows = context.read(tx -> {
      Access access = Access.of(tx.groups(), groupId, actor, stores);
      if (state == ContentState.PUBLISHED) {
        access.requireRead();
      } else {
        access.requireModerator("list pending posts");
      }
      return tx.posts().listGroupPosts(groupId, Set.of(state), before, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing, p -> new String[] {p.id().value()});
  }

  private static final class Readable {
    final Post post;
    final Access access;

    Readable(Post post, Access access) {
      this.post = post;
      this.access = access;
    }
  }

  private static Readable readable(Transaction tx, Actor actor, PostId postId, Set<StoreId> stores) {
    Post post = post(tx.posts(), postId);
    Access access = Access.of(tx.groups(), post.groupId(), actor, stores).requireRead();
    boolean visible = switch (post.state()) {
      case PUBLISHED -> true;
      case PENDING -> access.moderator() || post.author().equals(access.user);
      case REMOVED -> access.moderator();
    };
    if (!visible) {
      throw new PermissionDeniedException("post " + postId + " is " + post.state().name().toLowerCase(Locale.ROOT));
    }
    return new Readable(post, access);
  }

  private static final class Target {
    final GroupId groupId;
    final PostId postId;
    final ContentState state;

    Target(GroupId groupId, PostId postId, ContentState state) {
      this.groupId = groupId;
      this.postId = postId;
      this.state = state;
    }
  }

  private static Target target(Transaction tx, ReactionTarget target) {
    if (target.kind() == ReactionTarget.Kind.POST) {
      Post post = post(tx.posts(), PostId.of(target.id()));
      return new Target(post.groupId(), post.id(), post.state());
    }
    Comment comment = comment(tx.posts(), CommentId.of(target.id()));
    ContentState state = comment.state() == ContentState.PUBLISHED
        ? post(tx.posts(), comment.postId()).state()
        : comment.state();
    return new Target(comment.groupId(), comment.postId(), state);
  }

  private static void adjustLikes(PostStore posts, ReactionTarget target, long delta) {
    if (target.kind() == ReactionTarget.Kind.POST) {
      posts.adjustPostCounts(PostId.of(target.id()), 0, delta);
    } else {
      posts.adjustCommentCounts(CommentId.of(target.id()), 0, delta);
    }
  }

  private static void published(UnitOfWork unit, Post post) {
    unit.tx().groups().adjustGroupCounts(post.groupId(), 0, 1);
    Bookkeeping.recordActivity(unit, post.groupId());
  }

  private static void requirePublished(Post post) {
    if (post.state() != ContentState.PUBLISHED) {
      throw new ConflictException("post " + post.id() + " is not published");
    }
  }

  private static Post post(PostStore posts, PostId id) {
    return posts.findPost(id).orElseThrow(() -> new NotFoundException("post", id.value()));
  }

  private static Comment comment(PostStore posts, CommentId id) {
    return posts.findComment(id).orElseThrow(() -> new NotFoundException("comment", id.value()));
  }

  private static void save(PostStore posts, Post next) {
    if (!posts.updatePost(next)) {
      throw new ConflictException("post " + next.id() + " changed meanwhile; try again");
    }
  }

  private static Post withState(Post post, ContentState state, @Nullable Removal removal, boolean pinned) {
    return new Post(post.id(), post.groupId(), post.author(), post.affiliations(), post.title(), post.body(),
        post.products(), post.media(), post.labels(), post.disclosure(), state, removal, pinned, post.commentCount(),
        post.likeCount(), post.createdAt(), post.editedAt(), post.version() + 1);
  }

  private static List<StoreId> sorted(Set<StoreId> stores) {
    TreeSet<String> ids = new TreeSet<>();
    stores.forEach(s -> ids.add(s.value()));
    return ids.stream().map(StoreId::new).toList();
  }


}
