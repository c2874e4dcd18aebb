package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.PostStore;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The publishing stage of posts: writing, editing, removing, approving and pinning posts, and reading one. */
final class Publishing {
  private final ModuleContext context;
  private final CommunitySettings settings;

  Publishing(ModuleContext context, CommunitySettings settings) {
    this.context = context;
    this.settings = settings;
  }

  Post publish(Actor actor, GroupId groupId, PostDraft draft) {
    requireNonNull(groupId, "groupId");
    requireNonNull(draft, "draft");
    settings.labels().check("labels", draft.labels(), PostDraft.MAX_LABELS);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requirePoster();
      boolean held = access.group.postApproval() && !access.moderator();
      Post post = new Post(new PostId(unit.newId()), groupId, access.user, Content.sorted(stores), draft.title(), draft.body(),
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

  Post get(Actor actor, PostId postId) {
    requireNonNull(actor, "actor");
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> Content.readable(tx, actor, postId, stores).post);
  }

  Post edit(Actor actor, PostId postId, PostDraft draft) {
    requireNonNull(postId, "postId");
    requireNonNull(draft, "draft");
    settings.labels().check("labels", draft.labels(), PostDraft.MAX_LABELS);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = Content.post(posts, postId);
      Access access = Access.of(unit.tx().groups(), post.groupId(), actor, Set.of()).requireNotBanned("edit").requireActive();
      if (!post.author().equals(access.user)) {
        throw new PermissionDeniedException("only the author edits post " + postId);
      }
      if (!post.affiliations().containsAll(stores)) {
        throw new PermissionDeniedException("post " + postId + " was written without the affiliation its author now"
            + " has; write a new post to speak for " + Content.sorted(stores));
      }
      if (post.state() == ContentState.REMOVED) {
        throw new ConflictException("post " + postId + " was removed");
      }
      int number = posts.listRevisions(postId, Posts.MAX_EDITS + 1).size() + 1;
      if (number > Posts.MAX_EDITS) {
        throw new ConflictException("post " + postId + " was edited " + Posts.MAX_EDITS + " times, the most allowed");
      }
      posts.insertRevision(new PostRevision(postId, number, post.title(), post.body(), post.products(), post.media(),
          post.labels(), post.disclosure(), post.editedAt() != null ? post.editedAt() : post.createdAt()));
      Post edited = new Post(post.id(), post.groupId(), post.author(), post.affiliations(), draft.title(), draft.body(),
          draft.products(), draft.media(), draft.labels(), draft.disclosure(), post.state(), null, post.pinned(),
          post.commentCount(), post.likeCount(), post.createdAt(), unit.now(), post.version() + 1);
      save(posts, edited);
      unit.emit(new PostEvent.Edited(unit.newEventId(), unit.now(), postId, post.groupId(), edited.version()));
      return Content.post(posts, postId);
    });
  }

  boolean remove(Actor actor, PostId postId, String reason) {
    requireNonNull(postId, "postId");
    String why = PlainText.require("reason", reason, Posts.MAX_REASON);
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = Content.post(posts, postId);
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

  boolean approve(Actor actor, PostId postId) {
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = Content.post(posts, postId);
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

  boolean pin(Actor actor, PostId postId, boolean pinned) {
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      PostStore posts = unit.tx().posts();
      Post post = Content.post(posts, postId);
      Access access = Access.of(unit.tx().groups(), post.groupId(), actor, stores)
          .requireModerator("pin posts").requireActive();
      if (post.pinned() == pinned) {
        return false;
      }
      if (post.state() != ContentState.PUBLISHED) {
        throw new ConflictException("only published posts are pinned");
      }
      if (pinned && posts.listPinnedPosts(post.groupId(), Posts.MAX_PINNED).size() >= Posts.MAX_PINNED) {
        throw new ConflictException("group " + post.groupId() + " has " + Posts.MAX_PINNED + " pinned posts, the most allowed");
      }
      save(posts, withState(post, post.state(), post.removal(), pinned));
      unit.emit(new PostEvent.PinChanged(unit.newEventId(), unit.now(), postId, post.groupId(), access.user, pinned));
      return true;
    });
  }

  List<PostRevision> revisions(Actor actor, PostId postId) {
    requireNonNull(actor, "actor");
    requireNonNull(postId, "postId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.read(tx -> {
      Content.readable(tx, actor, postId, stores);
      return tx.posts().listRevisions(postId, Posts.MAX_EDITS);
    });
  }

  private static void published(UnitOfWork unit, Post post) {
    unit.tx().groups().adjustGroupCounts(post.groupId(), 0, 1);
    Bookkeeping.recordActivity(unit, post.groupId());
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
}
