package dev.meadow.core.memory;

import static dev.meadow.core.spi.Listings.checkLimit;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import dev.meadow.core.CommentId;
import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostRevision;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Removal;
import dev.meadow.core.spi.PostStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Posts, revisions, comments and reactions kept in memory; guarded by the storage's lock. */
final class MemoryPostStore {
  private record GroupPosts(GroupId groupId, ContentState state) {}

  /** A post's top-level comments ({@code parentId} null) or one comment's replies. */
  private record ThreadKey(PostId postId, @Nullable CommentId parentId) {}

  private record RevisionKey(PostId postId, int number) {}

  private record ReactionKey(ReactionTarget target, UserId userId) {}

  private static final Comparator<PostId> NEWEST_FIRST = Comparator.reverseOrder();

  private final MemoryGroupStore groups;

  private final NavigableMap<PostId, Post> posts = new TreeMap<>();
  private final Map<GroupPosts, NavigableMap<PostId, Post>> postsOfGroup = new HashMap<>();
  /** Each group's published, pinned posts. */
  private final Map<GroupId, NavigableMap<PostId, Post>> pinned = new HashMap<>();
  /** Published posts by each label they carry. */
  private final Map<String, NavigableMap<PostId, Post>> labelled = new HashMap<>();

  private final Map<RevisionKey, PostRevision> revisions = new HashMap<>();
  private final Map<PostId, NavigableMap<Integer, PostRevision>> revisionsOfPost = new HashMap<>();

  private final NavigableMap<CommentId, Comment> comments = new TreeMap<>();
  /** Published comments by thread, oldest first. */
  private final Map<ThreadKey, NavigableMap<CommentId, Comment>> threads = new HashMap<>();

  private final Map<ReactionKey, Instant> reactions = new HashMap<>();

  MemoryPostStore(MemoryGroupStore groups) {
    this.groups = groups;
  }

  PostStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  private void putPost(MemoryTransaction tx, @Nullable Post previous, Post next) {
    writePost(previous, next);
    tx.onRollback(() -> writePost(next, previous));
  }

  private void writePost(@Nullable Post previous, @Nullable Post next) {
    if (previous != null) {
      posts.remove(previous.id());
      Indexes.remove(postsOfGroup, new GroupPosts(previous.groupId(), previous.state()), previous.id());
      Indexes.remove(pinned, previous.groupId(), previous.id());
      for (String label : previous.labels()) {
        Indexes.remove(labelled, label, previous.id());
      }
    }
    if (next != null) {
      posts.put(next.id(), next);
      Indexes.add(postsOfGroup, new GroupPosts(next.groupId(), next.state()), next.id(), next, NEWEST_FIRST);
      if (next.state() == ContentState.PUBLISHED) {
        if (next.pinned()) {
          Indexes.add(pinned, next.groupId(), next.id(), next, NEWEST_FIRST);
        }
        for (String label : next.labels()) {
          Indexes.add(labelled, label, next.id(), next, NEWEST_FIRST);
        }
      }
    }
  }

  private void writeRevision(@Nullable PostRevision previous, @Nullable PostRevision next) {
    if (previous != null) {
      revisions.remove(new RevisionKey(previous.postId(), previous.number()));
      Indexes.remove(revisionsOfPost, previous.postId(), previous.number());
    }
    if (next != null) {
      revisions.put(new RevisionKey(next.postId(), next.number()), next);
      Indexes.add(revisionsOfPost, next.postId(), next.number(), next);
    }
  }

  private void putComment(MemoryTransaction tx, @Nullable Comment previous, Comment next) {
    writeComment(previous, next);
    tx.onRollback(() -> writeComment(next, previous));
  }

  private void writeComment(@Nullable Comment previous, @Nullable Comment next) {
    if (previous != null) {
      comments.remove(previous.id());
      Indexes.remove(threads, new ThreadKey(previous.postId(), previous.parentId()), previous.id());
    }
    if (next != null) {
      comments.put(next.id(), next);
      if (next.state() == ContentState.PUBLISHED) {
        Indexes.add(threads, new ThreadKey(next.postId(), next.parentId()), next.id(), next);
      }
    }
  }

  private void writeReaction(ReactionKey key, @Nullable Instant at) {
    if (at == null) {
      reactions.remove(key);
    } else {
      reactions.put(key, at);
    }
  }

  private final class Bound implements PostStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public boolean insertPost(Post post) {
      tx.checkOpen();
      requireNonNull(post, "post");
      if (posts.containsKey(post.id())) {
        return false;
      }
      putPost(tx, null, post);
      return true;
    }

    @Override
    public Optional<Post> findPost(PostId id) {
      tx.checkOpen();
      return Optional.ofNullable(posts.get(requireNonNull(id, "id")));
    }

    @Override
    public boolean updatePost(Post next) {
      tx.checkOpen();
      requireNonNull(next, "next");
      Post stored = posts.get(next.id());
      if (stored == null || stored.version() != next.version() - 1) {
        return false;
      }
      putPost(tx, stored, new Post(stored.id(), stored.groupId(), stored.author(), stored.affiliations(),
          next.title(), next.body(), next.products(), next.media(), next.labels(), next.disclosure(), next.state(),
          next.removal(), next.pinned(), stored.commentCount(), stored.likeCount(), stored.createdAt(),
          next.editedAt(), next.version()));
      return true;
    }

    @Override
    public boolean adjustPostCounts(PostId id, long commentsDelta, long likesDelta) {
      tx.checkOpen();
      Post stored = posts.get(requireNonNull(id, "id"));
      if (stored == null) {
        return false;
      }
      putPost(tx, stored, new Post(stored.id(), stored.groupId(), stored.author(), stored.affiliations(),
          stored.title(), stored.body(), stored.products(), stored.media(), stored.labels(), stored.disclosure(),
          stored.state(), stored.removal(), stored.pinned(), stored.commentCount() + commentsDelta,
          stored.likeCount() + likesDelta, stored.createdAt(), stored.editedAt(), stored.version()));
      return true;
    }

    /* A group's posts in several states: the per-state indexes, each newest first, merged. */
    @Override
    public List<Post> listGroupPosts(GroupId groupId, Set<ContentState> states, @Nullable PostId before, int limit) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      requireNonNull(states, "states");
      checkLimit(limit);
      if (states.isEmpty()) {
        return List.of();
      }
      List<Iterator<Post>> perState = new ArrayList<>();
      for (ContentState state : EnumSet.copyOf(states)) {
        perState.add(Indexes.after(postsOfGroup, new GroupPosts(groupId, state), before).values().iterator());
      }
      Comparator<Post> newestFirst = Comparator.comparing(Post::id, NEWEST_FIRST);
      return Indexes.first(() -> Iterators.mergeSorted(perState, newestFirst), limit);
    }

    @Override
    public List<Post> listPinnedPosts(GroupId groupId, int limit) {
      tx.checkOpen();
      requireNonNull(groupId, "groupId");
      checkLimit(limit);
      return Indexes.first(Indexes.after(pinned, groupId, null).values(), limit);
    }

    @Override
    public List<Post> scanPosts(@Nullable PostId after, int limit) {
      tx.checkOpen();
      checkLimit(limit);
      return Indexes.first((after == null ? posts : posts.tailMap(after, false)).values(), limit);
    }

    @Override
    public List<Post> listPostsByLabel(String label, @Nullable PostId before, int limit) {
      tx.checkOpen();
      requireNonNull(label, "label");
      checkLimit(limit);
      List<Post> page = new ArrayList<>();
      if (limit == 0) {
        return page;
      }
      // A group's state and visibility may change after its posts were written, so they are read here.
      for (Post post : Indexes.after(labelled, label, before).values()) {
        Group group = groups.group(post.groupId());
        if (group != null && group.isActive() && group.visibility() == GroupVisibility.PUBLIC) {
          page.add(post);
          if (page.size() == limit) {
            break;
          }
        }
      }
      return page;
    }

    @Override
    public boolean insertRevision(PostRevision revision) {
      tx.checkOpen();
      requireNonNull(revision, "revision");
      if (revisions.containsKey(new RevisionKey(revision.postId(), revision.number()))) {
        return false;
      }
      writeRevision(null, revision);
      tx.onRollback(() -> writeRevision(revision, null));
      return true;
    }

    @Override
    public List<PostRevision> listRevisions(PostId postId, int limit) {
      tx.checkOpen();
      requireNonNull(postId, "postId");
      checkLimit(limit);
      return Indexes.first(Indexes.after(revisionsOfPost, postId, null).values(), limit);
    }

    @Override
    public boolean insertComment(Comment comment) {
      tx.checkOpen();
      requireNonNull(comment, "comment");
      if (comments.containsKey(comment.id())) {
        return false;
      }
      putComment(tx, null, comment);
      return true;
    }

    @Override
    public Optional<Comment> findComment(CommentId id) {
      tx.checkOpen();
      return Optional.ofNullable(comments.get(requireNonNull(id, "id")));
    }

    @Override
    public boolean removeComment(CommentId id, Removal removal) {
      tx.checkOpen();
      requireNonNull(id, "id");
      requireNonNull(removal, "removal");
      Comment stored = comments.get(id);
      if (stored == null || stored.state() != ContentState.PUBLISHED) {
        return false;
      }
      putComment(tx, stored, new Comment(stored.id(), stored.postId(), stored.groupId(), stored.parentId(),
          stored.author(), stored.affiliations(), stored.body(), ContentState.REMOVED, removal, stored.replyCount(),
          stored.likeCount(), stored.createdAt()));
      return true;
    }

    @Override
    public boolean adjustCommentCounts(CommentId id, long repliesDelta, long likesDelta) {
      tx.checkOpen();
      Comment stored = comments.get(requireNonNull(id, "id"));
      if (stored == null) {
        return false;
      }
      putComment(tx, stored, new Comment(stored.id(), stored.postId(), stored.groupId(), stored.parentId(),
          stored.author(), stored.affiliations(), stored.body(), stored.state(), stored.removal(),
          stored.replyCount() + repliesDelta, stored.likeCount() + likesDelta, stored.createdAt()));
      return true;
    }

    @Override
    public List<Comment> scanComments(@Nullable CommentId after, int limit) {
      tx.checkOpen();
      checkLimit(limit);
      return Indexes.first((after == null ? comments : comments.tailMap(after, false)).values(), limit);
    }

    @Override
    public List<Comment> listComments(PostId postId, @Nullable CommentId parentId, @Nullable CommentId after,
        int limit) {
      tx.checkOpen();
      requireNonNull(postId, "postId");
      checkLimit(limit);
      return Indexes.first(Indexes.after(threads, new ThreadKey(postId, parentId), after).values(), limit);
    }

    @Override
    public boolean insertReaction(ReactionTarget target, UserId userId, Instant at) {
      tx.checkOpen();
      ReactionKey key = new ReactionKey(requireNonNull(target, "target"), requireNonNull(userId, "userId"));
      requireNonNull(at, "at");
      if (reactions.containsKey(key)) {
        return false;
      }
      writeReaction(key, at);
      tx.onRollback(() -> writeReaction(key, null));
      return true;
    }

    @Override
    public boolean deleteReaction(ReactionTarget target, UserId userId) {
      tx.checkOpen();
      ReactionKey key = new ReactionKey(requireNonNull(target, "target"), requireNonNull(userId, "userId"));
      Instant at = reactions.get(key);
      if (at == null) {
        return false;
      }
      writeReaction(key, null);
      tx.onRollback(() -> writeReaction(key, at));
      return true;
    }

    @Override
    public boolean hasReaction(ReactionTarget target, UserId userId) {
      tx.checkOpen();
      return reactions.containsKey(
          new ReactionKey(requireNonNull(target, "target"), requireNonNull(userId, "userId")));
    }
  }
}
