package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.CommentId;
import dev.meadow.core.ConflictException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.PostStore;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The comment stage of posts: comments, their one level of replies, and their removal. */
final class Commenting {
  private final ModuleContext context;
  private final CommunitySettings settings;

  Commenting(ModuleContext context, CommunitySettings settings) {
    this.context = context;
    this.settings = settings;
  }

  Comment comment(Actor actor, PostId postId, String body) {
    requireNonNull(postId, "postId");
    return write(actor, postId, null, body);
  }

  Comment reply(Actor actor, CommentId parentId, String body) {
    requireNonNull(parentId, "parentId");
    PostId postId = context.read(tx -> Content.comment(tx.posts(), parentId).postId());
    return write(actor, postId, parentId, body);
  }

  private Comment write(Actor actor, PostId postId, @Nullable CommentId parentId, String body) {
    String text = PlainText.require("body", body, Posts.MAX_COMMENT);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = Content.post(posts, postId);
      Access access = Access.of(unit.tx().groups(), post.groupId(), actor, stores).requireParticipant("comment", unit.tx().follows());
      requirePublished(post);
      if (parentId != null) {
        Comment parent = Content.comment(posts, parentId);
        if (parent.isReply()) {
          throw new ConflictException("replies go one level deep: reply to comment " + parent.parentId() + " instead");
        }
        if (parent.state() != ContentState.PUBLISHED) {
          throw new ConflictException("comment " + parentId + " was removed");
        }
        posts.adjustCommentCounts(parentId, 1, 0);
      }
      Comment comment = new Comment(new CommentId(unit.newId()), postId, post.groupId(), parentId, access.user,
          Content.sorted(stores), text, ContentState.PUBLISHED, null, 0, 0, unit.now());
      posts.insertComment(comment);
      posts.adjustPostCounts(postId, 1, 0);
      Bookkeeping.recordActivity(unit, post.groupId());
      unit.emit(new PostEvent.CommentAdded(unit.newEventId(), unit.now(), comment.id(), postId, post.groupId(),
          parentId, comment.author(), comment.affiliations()));
      return comment;
    });
  }

  boolean removeComment(Actor actor, CommentId commentId, String reason) {
    requireNonNull(commentId, "commentId");
    String why = PlainText.require("reason", reason, Posts.MAX_REASON);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Comment comment = Content.comment(posts, commentId);
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

  Comment getComment(Actor actor, CommentId commentId) {
    requireNonNull(actor, "actor");
    requireNonNull(commentId, "commentId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> {
      Comment comment = Content.comment(tx.posts(), commentId);
      Content.Readable readable = Content.readable(tx, actor, comment.postId(), stores);
      if (comment.state() == ContentState.REMOVED && !readable.access.moderator()) {
        throw new PermissionDeniedException("comment " + commentId + " was removed");
      }
      return comment;
    });
  }

  Page<Comment> comments(Actor actor, PostId postId, PageRequest request) {
    requireNonNull(postId, "postId");
    return listComments(actor, postId, null, request);
  }

  Page<Comment> replies(Actor actor, CommentId parentId, PageRequest request) {
    requireNonNull(parentId, "parentId");
    PostId postId = context.read(tx -> Content.comment(tx.posts(), parentId).postId());
    return listComments(actor, postId, parentId, request);
  }

  private Page<Comment> listComments(Actor actor, PostId postId, @Nullable CommentId parentId, PageRequest request) {
    requireNonNull(actor, "actor");
    requireNonNull(request, "request");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    String listing = "post.comments:" + postId + ":" + parentId;
    CommentId after = context.cursors().position(listing, request, 1, parts -> CommentId.of(parts.get(0)));
    List<Comment> rows = context.read(tx -> {
      Content.readable(tx, actor, postId, stores);
      return tx.posts().listComments(postId, parentId, after, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing, c -> new String[] {c.id().value()});
  }

  private static void requirePublished(Post post) {
    if (post.state() != ContentState.PUBLISHED) {
      throw new ConflictException("post " + post.id() + " is not published");
    }
  }
}
