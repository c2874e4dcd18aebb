package dev.meadow.core.groups;

import dev.meadow.core.Actor;
import dev.meadow.core.CommentId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.spi.PostStore;
import dev.meadow.core.spi.Transaction;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reads of posts and comments that several post stages share: finding them, deciding who
 * may read a post, and the store affiliations an author carries.
 */
final class Content {
  /** A post and where the reader stands with its group. */
  static final class Readable {
    final Post post;
    final Access access;

    Readable(Post post, Access access) {
      this.post = post;
      this.access = access;
    }
  }

  static Readable readable(Transaction tx, Actor actor, PostId postId, Set<StoreId> stores) {
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

  static Post post(PostStore posts, PostId id) {
    return posts.findPost(id).orElseThrow(() -> new NotFoundException("post", id.value()));
  }

  static Comment comment(PostStore posts, CommentId id) {
    return posts.findComment(id).orElseThrow(() -> new NotFoundException("comment", id.value()));
  }

  static List<StoreId> sorted(Set<StoreId> stores) {
    TreeSet<String> ids = new TreeSet<>();
    stores.forEach(s -> ids.add(s.value()));
    return ids.stream().map(StoreId::new).toList();
  }
}
