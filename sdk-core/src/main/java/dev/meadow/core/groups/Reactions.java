package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.CommentId;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.PostStore;
import dev.meadow.core.spi.Transaction;
import java.util.Set;

/** The reaction stage of posts: likes of posts and comments, one per user and target. */
final class Reactions {
  private final ModuleContext context;
  private final CommunitySettings settings;

  Reactions(ModuleContext context, CommunitySettings settings) {
    this.context = context;
    this.settings = settings;
  }

  boolean like(Actor actor, ReactionTarget target) {
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

  boolean unlike(Actor actor, ReactionTarget target) {
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

  boolean likes(UserId user, ReactionTarget target) {
    requireNonNull(user, "user");
    requireNonNull(target, "target");
    return context.read(tx -> tx.posts().hasReaction(target, user));
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
      Post post = Content.post(tx.posts(), PostId.of(target.id()));
      return new Target(post.groupId(), post.id(), post.state());
    }
    Comment comment = Content.comment(tx.posts(), CommentId.of(target.id()));
    ContentState state = comment.state() == ContentState.PUBLISHED
        ? Content.post(tx.posts(), comment.postId()).state()
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
}
