package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.GroupId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.modules.ModuleContext;
import java.util.List;
import java.util.Set;

/** The listings of posts: a group's published, pending and pinned posts, and posts by style label. */
final class PostListings {
  private final ModuleContext context;
  private final CommunitySettings settings;

  PostListings(ModuleContext context, CommunitySettings settings) {
    this.context = context;
    this.settings = settings;
  }

  Page<Post> list(Actor actor, GroupId groupId, PageRequest request) {
    return listByState(actor, groupId, ContentState.PUBLISHED, request);
  }

  Page<Post> pending(Actor actor, GroupId groupId, PageRequest request) {
    return listByState(actor, groupId, ContentState.PENDING, request);
  }

  List<Post> pinned(Actor actor, GroupId groupId) {
    requireNonNull(actor, "actor");
    requireNonNull(groupId, "groupId");
    return context.read(tx -> {
      Access.of(tx.groups(), groupId, actor, Set.of()).requireRead();
      return tx.posts().listPinnedPosts(groupId, Posts.MAX_PINNED);
    });
  }

  Page<Post> labelled(String label, PageRequest request) {
    requireNonNull(request, "request");
    String key = settings.labels().check(label);
    String listing = "post.labelled:" + key;
    PostId before = context.cursors().position(listing, request, 1, parts -> PostId.of(parts.get(0)));
    List<Post> rows = context.read(tx -> tx.posts().listPostsByLabel(key, before, request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing, p -> new String[] {p.id().value()});
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
}
