package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.CommentId;
import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupState;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostRevision;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Removal;
import dev.meadow.core.spi.PostStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.PostStore}. */
public abstract class PostStoreContract extends StorageContract {
  private static final Removal REMOVAL = new Removal("Off topic — 跑题了 🙈", new UserId("moderator"),
      Instant.parse("2026-03-02T08:09:10.111Z"));

  private Group storedGroup(String slug) {
    return storedGroup(group(slug));
  }

  private Group storedGroup(Group group) {
    assertTrue(is(tx -> tx.groups().insertGroup(group)));
    return group;
  }

  private Post stored(Post post) {
    assertTrue(is(tx -> tx.posts().insertPost(post)));
    return post;
  }

  private Comment stored(Comment comment) {
    assertTrue(is(tx -> tx.posts().insertComment(comment)));
    return comment;
  }

  private void store(Consumer<PostStore> work) {
    tx(tx -> {
      work.accept(tx.posts());
      return null;
    });
  }

  private Post find(PostId id) {
    return tx(tx -> tx.posts().findPost(id)).orElseThrow();
  }

  private Comment find(CommentId id) {
    return tx(tx -> tx.posts().findComment(id)).orElseThrow();
  }

  private List<Post> groupPosts(GroupId group, Set<ContentState> states, @Nullable Post after, int limit) {
    return tx(tx -> tx.posts().listGroupPosts(group, states, after == null ? null : after.id(), limit));
  }

  private List<Post> byLabel(String label) {
    return pageThrough(2, (after, limit) ->
        tx(tx -> tx.posts().listPostsByLabel(label, after == null ? null : after.id(), limit)));
  }

  private List<Comment> comments(Post post, @Nullable Comment parent) {
    return pageThrough(2, (after, limit) -> tx(tx -> tx.posts().listComments(post.id(),
        parent == null ? null : parent.id(), after == null ? null : after.id(), limit)));
  }

  /** Returns {@code post}'s next version with a new body, edited a minute later. */
  private static Post edited(Post post, String body) {
    return new Post(post.id(), post.groupId(), post.author(), post.affiliations(), post.title(), body,
        post.products(), post.media(), post.labels(), post.disclosure(), post.state(), post.removal(), post.pinned(),
        post.commentCount(), post.likeCount(), post.createdAt(), post.createdAt().plusSeconds(60),
        post.version() + 1);
  }

  private static Post withCounts(Post post, long comments, long likes) {
    return new Post(post.id(), post.groupId(), post.author(), post.affiliations(), post.title(), post.body(),
        post.products(), post.media(), post.labels(), post.disclosure(), post.state(), post.removal(), post.pinned(),
        comments, likes, post.createdAt(), post.editedAt(), post.version());
  }

  private static List<PostId> ids(List<Post> posts) {
    return posts.stream().map(Post::id).toList();
  }

  private static List<Post> newestFirst(List<Post> posts) {
    List<Post> sorted = new ArrayList<>(posts);
    Collections.reverse(sorted);
    return sorted;
  }

  // Posts

  @Test
  @DisplayName("A post round-trips exactly, every field, with list orders kept")
  void postRoundTrip() {
    Group group = storedGroup("round-trip");
    Post post = new Post(newPostId(), group.id(), new UserId("author ✍️"),
        List.of(new StoreId("store-a"), new StoreId("store-b")), "Best oolong 🍵 — 最好的乌龙茶",
        AWKWARD_TEXT,
        List.of(new ProductId("sku-9"), new ProductId("sku-1"), new ProductId("sku-5")),
        List.of("https://cdn.example/z.jpg", "https://cdn.example/a.jpg?w=640&h=480"),
        List.of("minimal", "oolong", "vintage"), Disclosure.SPONSORED, ContentState.REMOVED, REMOVAL, true, 12, 345,
        Instant.parse("2026-01-02T03:04:05.678Z"), Instant.parse("2026-01-03T04:05:06.789Z"), 4);
    stored(post);
    assertEquals(post, find(post.id()));
  }

  @Test
  @DisplayName("A post's optional fields round-trip as null, and empty lists as empty")
  void postOptionalFields() {
    Group group = storedGroup("plain");
    Post post = new Post(newPostId(), group.id(), new UserId("a"), List.of(), "", "", List.of(), List.of(),
        List.of(), Disclosure.NONE, ContentState.PENDING, null, false, 0, 0, T0, null, 1);
    stored(post);
    assertEquals(post, find(post.id()));
    assertTrue(tx(tx -> tx.posts().findPost(newPostId())).isEmpty());
  }

  @Test
  @DisplayName("A second post with a taken id is refused and the first is unchanged")
  void postIdIsUnique() {
    Group group = storedGroup("unique-posts");
    Post first = stored(post(group.id(), "first"));
    Post copy = new Post(first.id(), group.id(), new UserId("second"), List.of(), "Copy", "Copy", List.of(),
        List.of(), List.of(), Disclosure.NONE, ContentState.PUBLISHED, null, false, 0, 0, T0, null, 1);
    assertFalse(is(tx -> tx.posts().insertPost(copy)));
    assertEquals(first, find(first.id()));
  }

  @Test
  @DisplayName("updatePost replaces content, state, removal, pin, edit time and version, and keeps id, group, author, affiliations, counts and creation time")
  void updatePostReplacesContent() {
    Group group = storedGroup("editing");
    Post original = stored(withCounts(new Post(newPostId(), group.id(), new UserId("author"),
        List.of(new StoreId("store-a")), "Before", "Before body", List.of(new ProductId("sku-1")),
        List.of("https://cdn.example/1.jpg"), List.of("minimal"), Disclosure.NONE, ContentState.PUBLISHED, null,
        false, 0, 0, T0, null, 1), 3, 9));
    Instant editedAt = T0.plus(Duration.ofHours(2));
    Post next = new Post(original.id(), newGroupId(), new UserId("impostor"), List.of(new StoreId("store-z")),
        "After 🌿", "After body\n第二行", List.of(new ProductId("sku-3"), new ProductId("sku-2")), List.of(),
        List.of("oolong", "vintage"), Disclosure.GIFTED, ContentState.REMOVED, REMOVAL, true, 100, 100,
        T0.minusSeconds(60), editedAt, 2);
    assertTrue(is(tx -> tx.posts().updatePost(next)));
    Post expected = new Post(original.id(), group.id(), new UserId("author"), List.of(new StoreId("store-a")),
        "After 🌿", "After body\n第二行", List.of(new ProductId("sku-3"), new ProductId("sku-2")), List.of(),
        List.of("oolong", "vintage"), Disclosure.GIFTED, ContentState.REMOVED, REMOVAL, true, 3, 9, T0, editedAt, 2);
    assertEquals(expected, find(original.id()));
    Post restored = new Post(original.id(), group.id(), original.author(), original.affiliations(), "Restored",
        "Restored body", List.of(), List.of(), List.of(), Disclosure.NONE, ContentState.PUBLISHED, null, false, 3, 9,
        T0, null, 3);
    assertTrue(is(tx -> tx.posts().updatePost(restored)));
    assertEquals(restored, find(original.id()), "a removal and an edit time can be cleared again");
  }

  @Test
  @DisplayName("updatePost with a stale or skipped version, or of an unknown post, changes nothing")
  void updatePostNeedsNextVersion() {
    Group group = storedGroup("versioned");
    Post post = stored(post(group.id(), "author"));
    assertFalse(is(tx -> tx.posts().updatePost(post)), "version 1 again");
    assertFalse(is(tx -> tx.posts().updatePost(edited(edited(post, "skipped"), "skipped"))), "version 3");
    assertEquals(post, find(post.id()));
    Post unknown = post(group.id(), "nobody");
    assertFalse(is(tx -> tx.posts().updatePost(edited(unknown, "x"))));
    assertTrue(tx(tx -> tx.posts().findPost(unknown.id())).isEmpty(), "an update never inserts");
    Post second = edited(post, "second");
    assertTrue(is(tx -> tx.posts().updatePost(second)));
    assertFalse(is(tx -> tx.posts().updatePost(second)), "the same version twice");
    assertTrue(is(tx -> tx.posts().updatePost(edited(second, "third"))));
    assertEquals("third", find(post.id()).body());
  }

  @Test
  @DisplayName("Racing edits of one version on 8 threads: exactly one wins, and its content is stored")
  void racingPostUpdates() throws Exception {
    Group group = storedGroup("racing-edits");
    Post post = stored(post(group.id(), "author"));
    List<Boolean> won = race(8, thread -> is(tx -> tx.posts().updatePost(edited(post, "Edit " + thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    Post stored = find(post.id());
    assertEquals("Edit " + won.indexOf(true), stored.body());
    assertEquals(2, stored.version());
  }

  @Test
  @DisplayName("Post count adjustments add up, negative ones too, change nothing else, and report false for an unknown post")
  void adjustPostCounts() {
    Group group = storedGroup("post-counts");
    Post post = stored(post(group.id(), "author"));
    assertTrue(is(tx -> tx.posts().adjustPostCounts(post.id(), 2, 5)));
    assertTrue(is(tx -> tx.posts().adjustPostCounts(post.id(), -1, 0)));
    assertTrue(is(tx -> tx.posts().adjustPostCounts(post.id(), 0, -2)));
    assertEquals(withCounts(post, 1, 3), find(post.id()));
    assertFalse(is(tx -> tx.posts().adjustPostCounts(newPostId(), 1, 1)));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent post count adjustments: each count equals the sum of its deltas")
  void concurrentPostCountAdjustments() throws Exception {
    Group group = storedGroup("hot-post");
    Post post = stored(post(group.id(), "author"));
    race(8, thread -> {
      for (int i = 0; i < 50; i++) {
        assertTrue(is(tx -> tx.posts().adjustPostCounts(post.id(), thread % 2 == 0 ? 1 : 2, 1)));
      }
      return null;
    });
    Post counted = find(post.id());
    assertEquals(4 * 50 + 4 * 50 * 2, counted.commentCount());
    assertEquals(400, counted.likeCount());
  }

  // Listings of posts

  @Test
  @DisplayName("A group's posts are listed newest first in the states asked for, only its own; no states lists nothing")
  void groupPostsByState() {
    Group group = storedGroup("states");
    Group other = storedGroup("other");
    List<Post> all = new ArrayList<>();
    ContentState[] states = {ContentState.PUBLISHED, ContentState.PENDING, ContentState.REMOVED};
    for (int i = 0; i < 9; i++) {
      all.add(stored(with(post(group.id(), "author-" + i), states[i % 3], false, List.of())));
    }
    stored(post(other.id(), "outsider"));
    List<Post> published = newestFirst(all.stream().filter(p -> p.state() == ContentState.PUBLISHED).toList());
    List<Post> hidden = newestFirst(all.stream().filter(p -> p.state() != ContentState.PUBLISHED).toList());
    assertEquals(published, groupPosts(group.id(), Set.of(ContentState.PUBLISHED), null, 10));
    assertEquals(hidden, groupPosts(group.id(), EnumSet.of(ContentState.PENDING, ContentState.REMOVED), null, 10));
    assertEquals(newestFirst(all), groupPosts(group.id(), EnumSet.allOf(ContentState.class), null, 10));
    assertEquals(newestFirst(all).subList(0, 4), groupPosts(group.id(), EnumSet.allOf(ContentState.class), null, 4));
    assertEquals(List.of(), groupPosts(group.id(), Set.of(), null, 10));
    assertEquals(List.of(), groupPosts(newGroupId(), EnumSet.allOf(ContentState.class), null, 10));
  }

  @Test
  @DisplayName("A group's posts page through keyset positions exactly once each, newest first")
  void groupPostsPaging() {
    Group group = storedGroup("paged-posts");
    List<Post> all = new ArrayList<>();
    store(s -> {
      for (int i = 0; i < 14; i++) {
        Post post = with(post(group.id(), "author"), i % 4 == 0 ? ContentState.REMOVED : ContentState.PUBLISHED,
            false, List.of());
        s.insertPost(post);
        all.add(post);
      }
    });
    Set<ContentState> both = EnumSet.of(ContentState.PUBLISHED, ContentState.REMOVED);
    assertEquals(newestFirst(all),
        pageThrough(3, (Post after, int limit) -> groupPosts(group.id(), both, after, limit)));
    List<Post> published = newestFirst(all.stream().filter(p -> p.state() == ContentState.PUBLISHED).toList());
    assertEquals(published, pageThrough(4, (Post after, int limit) ->
        groupPosts(group.id(), Set.of(ContentState.PUBLISHED), after, limit)));
  }

  @Test
  @DisplayName("A post whose state changes moves to its new state's listing")
  void groupPostsFollowUpdates() {
    Group group = storedGroup("moderated");
    Post pending = stored(with(post(group.id(), "author"), ContentState.PENDING, false, List.of()));
    Post approved = with(edited(pending, pending.body()), ContentState.PUBLISHED, false, List.of());
    assertTrue(is(tx -> tx.posts().updatePost(approved)));
    assertEquals(List.of(), groupPosts(group.id(), Set.of(ContentState.PENDING), null, 10));
    assertEquals(List.of(approved), groupPosts(group.id(), Set.of(ContentState.PUBLISHED), null, 10));
  }

  @Test
  @DisplayName("Pinned posts are a group's published, pinned posts, newest first, and follow pins and unpins")
  void pinnedPosts() {
    Group group = storedGroup("pins");
    Group other = storedGroup("other-pins");
    Post oldPin = stored(with(post(group.id(), "a"), ContentState.PUBLISHED, true, List.of()));
    stored(with(post(group.id(), "b"), ContentState.PUBLISHED, false, List.of()));
    stored(with(post(group.id(), "c"), ContentState.PENDING, true, List.of()));
    stored(with(post(group.id(), "d"), ContentState.REMOVED, true, List.of()));
    Post newPin = stored(with(post(group.id(), "e"), ContentState.PUBLISHED, true, List.of()));
    stored(with(post(other.id(), "f"), ContentState.PUBLISHED, true, List.of()));
    assertEquals(List.of(newPin, oldPin), tx(tx -> tx.posts().listPinnedPosts(group.id(), 10)));
    assertEquals(List.of(newPin), tx(tx -> tx.posts().listPinnedPosts(group.id(), 1)));
    Post unpinned = with(edited(newPin, newPin.body()), ContentState.PUBLISHED, false, List.of());
    assertTrue(is(tx -> tx.posts().updatePost(unpinned)));
    Post removed = with(edited(oldPin, oldPin.body()), ContentState.REMOVED, true, List.of());
    assertTrue(is(tx -> tx.posts().updatePost(removed)));
    assertEquals(List.of(), tx(tx -> tx.posts().listPinnedPosts(group.id(), 10)));
  }

  @Test
  @DisplayName("Posts by label are the published posts carrying it in active, public groups, newest first")
  void postsByLabel() {
    Group open = storedGroup("open");
    Group alsoOpen = storedGroup("also-open");
    Group byRequest = storedGroup(with(group("by-request"), "By request", GroupVisibility.REQUEST, GroupState.ACTIVE));
    Group secret = storedGroup(with(group("secret"), "Secret", GroupVisibility.INVITE, GroupState.ACTIVE));
    Group archived = storedGroup(with(group("archived"), "Archived", GroupVisibility.PUBLIC, GroupState.ARCHIVED));
    List<String> labels = List.of("minimal", "vintage");
    Post first = stored(with(post(open.id(), "a"), ContentState.PUBLISHED, false, labels));
    stored(with(post(open.id(), "b"), ContentState.PENDING, false, labels));
    stored(with(post(open.id(), "c"), ContentState.REMOVED, false, labels));
    stored(with(post(open.id(), "d"), ContentState.PUBLISHED, false, List.of("minimal")));
    stored(with(post(byRequest.id(), "e"), ContentState.PUBLISHED, false, labels));
    stored(with(post(secret.id(), "f"), ContentState.PUBLISHED, false, labels));
    stored(with(post(archived.id(), "g"), ContentState.PUBLISHED, false, labels));
    Post second = stored(with(post(alsoOpen.id(), "h"), ContentState.PUBLISHED, true, List.of("vintage")));
    assertEquals(List.of(second, first), byLabel("vintage"));
    assertEquals(List.of(), byLabel("vintag"), "labels match whole");
    assertEquals(List.of(), byLabel("unused"));
  }

  @Test
  @DisplayName("Posts by label follow later changes of the posts and of their groups")
  void postsByLabelFollowUpdates() {
    Group group = storedGroup("changing");
    Post tagged = stored(with(post(group.id(), "a"), ContentState.PUBLISHED, false, List.of("oolong")));
    Post untagged = stored(with(post(group.id(), "b"), ContentState.PUBLISHED, false, List.of()));
    Post retagged = with(edited(untagged, untagged.body()), ContentState.PUBLISHED, false, List.of("oolong"));
    assertTrue(is(tx -> tx.posts().updatePost(retagged)));
    assertEquals(List.of(retagged, tagged), byLabel("oolong"));
    Post removed = with(edited(tagged, tagged.body()), ContentState.REMOVED, false, List.of("oolong"));
    assertTrue(is(tx -> tx.posts().updatePost(removed)));
    assertEquals(List.of(retagged), byLabel("oolong"));
    assertTrue(is(tx -> tx.groups().updateGroup(
        nextVersion(group, with(group, group.name(), GroupVisibility.REQUEST, GroupState.ACTIVE)))));
    assertEquals(List.of(), byLabel("oolong"), "a group that stops being public takes its posts along");
  }

  @Test
  @DisplayName("Posts by label page through keyset positions exactly once each, newest first")
  void postsByLabelPaging() {
    Group open = storedGroup("open-paged");
    Group secret = storedGroup(with(group("secret-paged"), "Secret", GroupVisibility.INVITE, GroupState.ACTIVE));
    List<Post> visible = new ArrayList<>();
    store(s -> {
      for (int i = 0; i < 15; i++) {
        // Every third post is in a group the listing leaves out, so pages must skip over them.
        Post post = with(post(i % 3 == 1 ? secret.id() : open.id(), "author"), ContentState.PUBLISHED, false,
            List.of("oolong"));
        s.insertPost(post);
        if (i % 3 != 1) {
          visible.add(post);
        }
      }
    });
    assertEquals(newestFirst(visible), byLabel("oolong"));
  }

  // Revisions

  @Test
  @DisplayName("Revisions round-trip exactly, with list orders kept, and are listed oldest first up to the limit, only the post's own")
  void revisions() {
    Group group = storedGroup("revised");
    Post post = stored(post(group.id(), "author"));
    Post other = stored(post(group.id(), "other"));
    PostRevision first = new PostRevision(post.id(), 1, "First 🌱", AWKWARD_TEXT,
        List.of(new ProductId("sku-2"), new ProductId("sku-1")), List.of("https://cdn.example/b.png",
            "https://cdn.example/a.png"), List.of("vintage", "minimal"), Disclosure.AFFILIATE,
        Instant.parse("2026-01-02T03:04:05.678Z"));
    PostRevision second = new PostRevision(post.id(), 2, "Second", "", List.of(), List.of(), List.of(),
        Disclosure.NONE, Instant.parse("2026-01-03T03:04:05.678Z"));
    PostRevision third = new PostRevision(post.id(), 3, "Third", "Third body", List.of(), List.of(), List.of(),
        Disclosure.GIFTED, Instant.parse("2026-01-04T03:04:05.678Z"));
    store(s -> {
      assertTrue(s.insertRevision(third));
      assertTrue(s.insertRevision(first));
      assertTrue(s.insertRevision(second));
      assertTrue(s.insertRevision(new PostRevision(other.id(), 1, "Other", "Other", List.of(), List.of(), List.of(),
          Disclosure.NONE, T0)));
    });
    assertEquals(List.of(first, second, third), tx(tx -> tx.posts().listRevisions(post.id(), 10)));
    assertEquals(List.of(first, second), tx(tx -> tx.posts().listRevisions(post.id(), 2)));
    assertEquals(List.of(), tx(tx -> tx.posts().listRevisions(newPostId(), 10)));
  }

  @Test
  @DisplayName("A second revision with the same post and number is refused and the first is unchanged")
  void revisionNumberIsUnique() {
    Group group = storedGroup("unique-revisions");
    Post post = stored(post(group.id(), "author"));
    PostRevision first = new PostRevision(post.id(), 1, "First", "First", List.of(), List.of(), List.of(),
        Disclosure.NONE, T0);
    assertTrue(is(tx -> tx.posts().insertRevision(first)));
    assertFalse(is(tx -> tx.posts().insertRevision(new PostRevision(post.id(), 1, "Again", "Again", List.of(),
        List.of(), List.of(), Disclosure.NONE, T0.plusSeconds(1)))));
    assertEquals(List.of(first), tx(tx -> tx.posts().listRevisions(post.id(), 10)));
  }

  // Comments

  @Test
  @DisplayName("A comment round-trips exactly, every field, top-level or reply, published or removed")
  void commentRoundTrip() {
    Group group = storedGroup("comments");
    Post post = stored(post(group.id(), "author"));
    Comment top = new Comment(newCommentId(), post.id(), group.id(), null, new UserId("reader 👀"),
        List.of(new StoreId("store-a"), new StoreId("store-b")), AWKWARD_TEXT, ContentState.PUBLISHED, null, 2, 17,
        Instant.parse("2026-01-02T03:04:05.678Z"));
    Comment reply = new Comment(newCommentId(), post.id(), group.id(), top.id(), new UserId("replier"), List.of(),
        "同意 👍", ContentState.REMOVED, REMOVAL, 0, 0, Instant.parse("2026-01-02T03:04:06.001Z"));
    for (Comment comment : List.of(top, reply)) {
      stored(comment);
      assertEquals(comment, find(comment.id()));
    }
    assertTrue(tx(tx -> tx.posts().findComment(newCommentId())).isEmpty());
  }

  @Test
  @DisplayName("A second comment with a taken id is refused and the first is unchanged")
  void commentIdIsUnique() {
    Group group = storedGroup("unique-comments");
    Post post = stored(post(group.id(), "author"));
    Comment first = stored(comment(post, null, "first"));
    Comment copy = new Comment(first.id(), post.id(), group.id(), null, new UserId("second"), List.of(), "Copy",
        ContentState.PUBLISHED, null, 0, 0, T0);
    assertFalse(is(tx -> tx.posts().insertComment(copy)));
    assertEquals(first, find(first.id()));
  }

  @Test
  @DisplayName("removeComment marks a published comment removed with its removal, keeping everything else, once")
  void removeComment() {
    Group group = storedGroup("removals");
    Post post = stored(post(group.id(), "author"));
    Comment comment = stored(new Comment(newCommentId(), post.id(), group.id(), null, new UserId("writer"),
        List.of(new StoreId("store-a")), "Rude words", ContentState.PUBLISHED, null, 3, 4, T0));
    assertTrue(is(tx -> tx.posts().removeComment(comment.id(), REMOVAL)));
    assertEquals(new Comment(comment.id(), post.id(), group.id(), null, new UserId("writer"),
        List.of(new StoreId("store-a")), "Rude words", ContentState.REMOVED, REMOVAL, 3, 4, T0), find(comment.id()));
    Removal later = new Removal("again", new UserId("other-moderator"), T0.plusSeconds(600));
    assertFalse(is(tx -> tx.posts().removeComment(comment.id(), later)), "a removed comment stays as removed");
    assertEquals(REMOVAL, find(comment.id()).removal());
    assertFalse(is(tx -> tx.posts().removeComment(newCommentId(), REMOVAL)));
  }

  @Test
  @DisplayName("Racing removals of one comment on 8 threads: exactly one wins, and its removal is stored")
  void racingCommentRemovals() throws Exception {
    Group group = storedGroup("racing-removals");
    Post post = stored(post(group.id(), "author"));
    Comment comment = stored(comment(post, null, "writer"));
    List<Boolean> won = race(8, thread -> is(tx -> tx.posts().removeComment(comment.id(),
        new Removal("reason " + thread, new UserId("moderator-" + thread), T0.plusSeconds(thread)))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertEquals("reason " + won.indexOf(true), find(comment.id()).removal().reason());
  }

  @Test
  @DisplayName("Comment count adjustments add up, negative ones too, change nothing else, and report false for an unknown comment")
  void adjustCommentCounts() {
    Group group = storedGroup("comment-counts");
    Post post = stored(post(group.id(), "author"));
    Comment comment = stored(comment(post, null, "writer"));
    assertTrue(is(tx -> tx.posts().adjustCommentCounts(comment.id(), 4, 6)));
    assertTrue(is(tx -> tx.posts().adjustCommentCounts(comment.id(), -1, -2)));
    assertEquals(new Comment(comment.id(), post.id(), group.id(), null, comment.author(), List.of(), comment.body(),
        ContentState.PUBLISHED, null, 3, 4, T0), find(comment.id()));
    assertFalse(is(tx -> tx.posts().adjustCommentCounts(newCommentId(), 1, 1)));
  }

  @Test
  @DisplayName("8 threads × 50 concurrent comment count adjustments: each count equals the sum of its deltas")
  void concurrentCommentCountAdjustments() throws Exception {
    Group group = storedGroup("hot-comment");
    Post post = stored(post(group.id(), "author"));
    Comment comment = stored(comment(post, null, "writer"));
    race(8, thread -> {
      for (int i = 0; i < 50; i++) {
        assertTrue(is(tx -> tx.posts().adjustCommentCounts(comment.id(), 1, thread % 2 == 0 ? 3 : -1)));
      }
      return null;
    });
    Comment counted = find(comment.id());
    assertEquals(400, counted.replyCount());
    assertEquals(4 * 50 * 3 - 4 * 50, counted.likeCount());
  }

  @Test
  @DisplayName("Comments are listed oldest first, published only: top-level ones without a parent, replies under theirs")
  void listComments() {
    Group group = storedGroup("threads");
    Post post = stored(post(group.id(), "author"));
    Post otherPost = stored(post(group.id(), "other"));
    Comment first = stored(comment(post, null, "a"));
    Comment second = stored(comment(post, null, "b"));
    Comment replyOne = stored(comment(post, first.id(), "c"));
    Comment removedTop = stored(comment(post, null, "d"));
    Comment removedReply = stored(comment(post, first.id(), "e"));
    Comment replyTwo = stored(comment(post, first.id(), "f"));
    Comment replyToSecond = stored(comment(post, second.id(), "g"));
    Comment third = stored(comment(post, null, "h"));
    stored(comment(otherPost, null, "i"));
    assertTrue(is(tx -> tx.posts().removeComment(removedTop.id(), REMOVAL)));
    assertTrue(is(tx -> tx.posts().removeComment(removedReply.id(), REMOVAL)));
    assertEquals(List.of(first, second, third), comments(post, null));
    assertEquals(List.of(replyOne, replyTwo), comments(post, first));
    assertEquals(List.of(replyToSecond), comments(post, second));
    assertEquals(List.of(), comments(post, third));
    assertEquals(List.of(first), tx(tx -> tx.posts().listComments(post.id(), null, null, 1)));
    assertEquals(List.of(third), tx(tx -> tx.posts().listComments(post.id(), null, second.id(), 10)));
    assertEquals(List.of(), tx(tx -> tx.posts().listComments(otherPost.id(), first.id(), null, 10)),
        "replies belong to their own post");
  }

  @Test
  @DisplayName("Comments page through keyset positions exactly once each, oldest first")
  void commentPaging() {
    Group group = storedGroup("paged-comments");
    Post post = stored(post(group.id(), "author"));
    Comment parent = stored(comment(post, null, "parent"));
    List<Comment> topLevel = new ArrayList<>(List.of(parent));
    List<Comment> replies = new ArrayList<>();
    store(s -> {
      for (int i = 0; i < 12; i++) {
        Comment top = comment(post, null, "top-" + i);
        Comment reply = comment(post, parent.id(), "reply-" + i);
        s.insertComment(top);
        s.insertComment(reply);
        topLevel.add(top);
        replies.add(reply);
      }
    });
    assertEquals(topLevel, comments(post, null));
    assertEquals(replies, comments(post, parent));
  }

  // Walking every post and comment

  private List<Post> scannedPosts(int pageSize) {
    return pageThrough(pageSize, (Post after, int limit) ->
        tx(tx -> tx.posts().scanPosts(after == null ? null : after.id(), limit)));
  }

  private List<Comment> scannedComments(int pageSize) {
    return pageThrough(pageSize, (Comment after, int limit) ->
        tx(tx -> tx.posts().scanComments(after == null ? null : after.id(), limit)));
  }

  /** A post in {@code group} with the given id and state, removed by a moderator when removed. */
  private static Post post(PostId id, GroupId group, String author, ContentState state) {
    return new Post(id, group, new UserId(author), List.of(), "Title", "Body", List.of(), List.of(), List.of(),
        Disclosure.NONE, state, state == ContentState.REMOVED ? REMOVAL : null, false, 0, 0, T0, null, 1);
  }

  /** Stores posts in every state across two groups, inserted out of id order; returns them by id. */
  private List<Post> postScanFixture() {
    GroupId[] groups = {storedGroup("scan-a").id(), storedGroup("scan-b").id()};
    List<PostId> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(newPostId());
    }
    ContentState[] states = ContentState.values();
    List<Post> all = new ArrayList<>();
    for (int i : new int[] {3, 0, 6, 1, 5, 2, 4}) {
      all.add(stored(post(ids.get(i), groups[i % 2], "author-" + i, states[i % states.length])));
    }
    all.sort(java.util.Comparator.comparing(Post::id));
    return all;
  }

  /**
   * Stores top-level comments and replies on two posts, inserted out of id order, some removed;
   * returns them, as stored, by id.
   */
  private List<Comment> commentScanFixture() {
    Group group = storedGroup("scan-comments");
    Post[] posts = {stored(post(group.id(), "a")), stored(post(group.id(), "b"))};
    Comment parent = stored(comment(posts[0], null, "parent"));
    List<CommentId> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(newCommentId());
    }
    List<Comment> all = new ArrayList<>(List.of(parent));
    for (int i : new int[] {4, 0, 5, 2, 1, 3}) {
      Comment c = comment(posts[i % 2], null, "writer-" + i);
      Comment withId = new Comment(ids.get(i), c.postId(), c.groupId(), i == 2 ? parent.id() : null, c.author(),
          c.affiliations(), c.body(), c.state(), null, 0, 0, T0);
      stored(withId);
      if (i % 3 == 1) {
        assertTrue(is(tx -> tx.posts().removeComment(withId.id(), REMOVAL)));
        all.add(find(withId.id()));
      } else {
        all.add(withId);
      }
    }
    all.sort(java.util.Comparator.comparing(Comment::id));
    return all;
  }

  @Test
  @DisplayName("scanPosts visits every post exactly once, across groups")
  void scanVisitsEveryPostOnce() {
    List<Post> all = postScanFixture();
    List<Post> scanned = scannedPosts(2);
    assertNoRepeats(scanned);
    assertEquals(Set.copyOf(all), Set.copyOf(scanned));
  }

  @Test
  @DisplayName("scanPosts lists posts in id order, not in the order they were inserted")
  void scanPostsInIdOrder() {
    List<Post> all = postScanFixture();
    assertEquals(all, tx(tx -> tx.posts().scanPosts(null, 1000)));
  }

  @Test
  @DisplayName("scanPosts pages through keyset positions of any page size, starting after an id as given, even one never stored")
  void scanPostsPages() {
    List<Post> all = postScanFixture();
    for (int pageSize : new int[] {1, 2, 3, 7, 1000}) {
      assertEquals(all, scannedPosts(pageSize), "pages of " + pageSize);
    }
    assertEquals(all.subList(3, 5), tx(tx -> tx.posts().scanPosts(all.get(2).id(), 2)));
    assertEquals(List.of(), tx(tx -> tx.posts().scanPosts(all.get(6).id(), 10)));
    PostId later = newPostId();
    assertEquals(List.of(), tx(tx -> tx.posts().scanPosts(later, 10)), "an id after every post");
  }

  @Test
  @DisplayName("scanPosts lists published, pending and removed posts, as they are stored now")
  void scanPostsAnyState() {
    List<Post> all = postScanFixture();
    assertEquals(Set.of(ContentState.values()), Set.copyOf(scannedPosts(3).stream().map(Post::state).toList()));
    Post post = all.get(0);
    Post next = edited(post, "Edited body");
    assertTrue(is(tx -> tx.posts().updatePost(next)));
    assertEquals(next, scannedPosts(2).get(0));
  }

  @Test
  @DisplayName("scanComments visits every comment and reply of every post exactly once")
  void scanVisitsEveryCommentOnce() {
    List<Comment> all = commentScanFixture();
    List<Comment> scanned = scannedComments(2);
    assertNoRepeats(scanned);
    assertEquals(Set.copyOf(all), Set.copyOf(scanned));
  }

  @Test
  @DisplayName("scanComments lists comments in id order, not in the order they were inserted")
  void scanCommentsInIdOrder() {
    List<Comment> all = commentScanFixture();
    assertEquals(all, tx(tx -> tx.posts().scanComments(null, 1000)));
  }

  @Test
  @DisplayName("scanComments pages through keyset positions of any page size, starting after an id as given, even one never stored")
  void scanCommentsPages() {
    List<Comment> all = commentScanFixture();
    for (int pageSize : new int[] {1, 2, 3, 7, 1000}) {
      assertEquals(all, scannedComments(pageSize), "pages of " + pageSize);
    }
    assertEquals(all.subList(3, 5), tx(tx -> tx.posts().scanComments(all.get(2).id(), 2)));
    assertEquals(List.of(), tx(tx -> tx.posts().scanComments(all.get(all.size() - 1).id(), 10)));
    CommentId later = newCommentId();
    assertEquals(List.of(), tx(tx -> tx.posts().scanComments(later, 10)), "an id after every comment");
  }

  @Test
  @DisplayName("scanComments lists published and removed comments, as they are stored now")
  void scanCommentsAnyState() {
    List<Comment> all = commentScanFixture();
    assertEquals(Set.of(ContentState.PUBLISHED, ContentState.REMOVED),
        Set.copyOf(scannedComments(3).stream().map(Comment::state).toList()));
    assertEquals(all, scannedComments(4));
  }

  @Test
  @DisplayName("scanPosts and scanComments take limits from 0 to 1,000: 0 lists nothing, others throw IllegalArgumentException")
  void scanLimits() {
    Group group = storedGroup("scan-limits");
    Post post = stored(post(group.id(), "author"));
    Comment comment = stored(comment(post, null, "writer"));
    List<Consumer<Integer>> scans = List.of(
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().scanPosts(null, limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().scanPosts(post.id(), limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().scanComments(null, limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().scanComments(comment.id(), limit))));
    for (Consumer<Integer> scan : scans) {
      scan.accept(0);
      assertThrows(IllegalArgumentException.class, () -> scan.accept(-1));
      assertThrows(IllegalArgumentException.class, () -> scan.accept(1001));
    }
    assertEquals(List.of(post), tx(tx -> tx.posts().scanPosts(null, 1000)));
    assertEquals(List.of(comment), tx(tx -> tx.posts().scanComments(null, 1000)));
  }

  // Reactions

  @Test
  @DisplayName("A user likes a post or comment once: a second like is refused, and likes are told apart by target and user")
  void reactionsAreUnique() {
    Group group = storedGroup("likes");
    Post post = stored(post(group.id(), "author"));
    Comment comment = stored(comment(post, null, "writer"));
    ReactionTarget onPost = ReactionTarget.post(post.id());
    ReactionTarget onComment = ReactionTarget.comment(comment.id());
    UserId fan = new UserId("fan 💖");
    assertFalse(is(tx -> tx.posts().hasReaction(onPost, fan)));
    assertTrue(is(tx -> tx.posts().insertReaction(onPost, fan, T0)));
    assertFalse(is(tx -> tx.posts().insertReaction(onPost, fan, T0.plusSeconds(1))));
    assertTrue(is(tx -> tx.posts().hasReaction(onPost, fan)));
    assertFalse(is(tx -> tx.posts().hasReaction(onComment, fan)));
    assertFalse(is(tx -> tx.posts().hasReaction(onPost, new UserId("someone-else"))));
    assertTrue(is(tx -> tx.posts().insertReaction(onComment, fan, T0)));
    assertTrue(is(tx -> tx.posts().insertReaction(onPost, new UserId("someone-else"), T0)));
  }

  @Test
  @DisplayName("A post and a comment with the same id string are different targets")
  void reactionKindsAreSeparate() {
    String sharedId = newId();
    ReactionTarget onPost = ReactionTarget.post(new PostId(sharedId));
    ReactionTarget onComment = ReactionTarget.comment(new CommentId(sharedId));
    UserId fan = new UserId("fan");
    assertTrue(is(tx -> tx.posts().insertReaction(onPost, fan, T0)));
    assertFalse(is(tx -> tx.posts().hasReaction(onComment, fan)));
    assertTrue(is(tx -> tx.posts().insertReaction(onComment, fan, T0)));
    assertTrue(is(tx -> tx.posts().deleteReaction(onPost, fan)));
    assertTrue(is(tx -> tx.posts().hasReaction(onComment, fan)));
  }

  @Test
  @DisplayName("deleteReaction reports whether the user liked the target, and the user may like it again")
  void deleteReaction() {
    Group group = storedGroup("unlikes");
    Post post = stored(post(group.id(), "author"));
    ReactionTarget target = ReactionTarget.post(post.id());
    UserId fan = new UserId("fan");
    assertFalse(is(tx -> tx.posts().deleteReaction(target, fan)));
    assertTrue(is(tx -> tx.posts().insertReaction(target, fan, T0)));
    assertTrue(is(tx -> tx.posts().deleteReaction(target, fan)));
    assertFalse(is(tx -> tx.posts().hasReaction(target, fan)));
    assertFalse(is(tx -> tx.posts().deleteReaction(target, fan)));
    assertTrue(is(tx -> tx.posts().insertReaction(target, fan, T0.plusSeconds(1))));
  }

  @Test
  @DisplayName("Racing likes of one user on one target on 8 threads: exactly one is recorded")
  void racingReactions() throws Exception {
    Group group = storedGroup("racing-likes");
    Post post = stored(post(group.id(), "author"));
    ReactionTarget target = ReactionTarget.post(post.id());
    List<Boolean> won = race(8, thread -> is(tx -> tx.posts().insertReaction(target, new UserId("eager"),
        T0.plusMillis(thread))));
    assertEquals(1, won.stream().filter(b -> b).count());
    assertTrue(is(tx -> tx.posts().deleteReaction(target, new UserId("eager"))));
    assertFalse(is(tx -> tx.posts().hasReaction(target, new UserId("eager"))), "exactly one row was stored");
  }

  // Misuse and rollback

  @Test
  @DisplayName("Listings take limits from 0 to 1,000: 0 lists nothing, others throw IllegalArgumentException")
  void listingLimits() {
    Group group = storedGroup("limits");
    Post post = stored(with(post(group.id(), "author"), ContentState.PUBLISHED, true, List.of("oolong")));
    stored(comment(post, null, "writer"));
    store(s -> s.insertRevision(new PostRevision(post.id(), 1, "t", "b", List.of(), List.of(), List.of(),
        Disclosure.NONE, T0)));
    List<Consumer<Integer>> listings = List.of(
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().listGroupPosts(group.id(),
            EnumSet.allOf(ContentState.class), null, limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().listPinnedPosts(group.id(), limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().listPostsByLabel("oolong", null, limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().listRevisions(post.id(), limit))),
        limit -> assertEquals(List.of(), tx(tx -> tx.posts().listComments(post.id(), null, null, limit))));
    for (Consumer<Integer> listing : listings) {
      listing.accept(0);
      assertThrows(IllegalArgumentException.class, () -> listing.accept(-1));
      assertThrows(IllegalArgumentException.class, () -> listing.accept(1001));
    }
    assertEquals(List.of(post), tx(tx -> tx.posts().listPostsByLabel("oolong", null, 1000)));
  }

  @Test
  @DisplayName("Null arguments throw NullPointerException")
  void nullArguments() {
    Group group = storedGroup("nulls");
    Post post = stored(post(group.id(), "author"));
    ReactionTarget target = ReactionTarget.post(post.id());
    UserId user = new UserId("u");
    List<Consumer<PostStore>> calls = List.of(
        s -> s.insertPost(null),
        s -> s.findPost(null),
        s -> s.updatePost(null),
        s -> s.adjustPostCounts(null, 1, 1),
        s -> s.listGroupPosts(null, Set.of(ContentState.PUBLISHED), null, 10),
        s -> s.listGroupPosts(group.id(), null, null, 10),
        s -> s.listPinnedPosts(null, 10),
        s -> s.listPostsByLabel(null, null, 10),
        s -> s.insertRevision(null),
        s -> s.listRevisions(null, 10),
        s -> s.insertComment(null),
        s -> s.findComment(null),
        s -> s.removeComment(null, REMOVAL),
        s -> s.removeComment(newCommentId(), null),
        s -> s.adjustCommentCounts(null, 1, 1),
        s -> s.listComments(null, null, null, 10),
        s -> s.insertReaction(null, user, T0),
        s -> s.insertReaction(target, null, T0),
        s -> s.insertReaction(target, user, null),
        s -> s.deleteReaction(target, null),
        s -> s.hasReaction(null, user));
    for (Consumer<PostStore> call : calls) {
      assertThrows(NullPointerException.class, () -> store(call));
    }
    assertEquals(post, find(post.id()));
    assertFalse(is(tx -> tx.posts().hasReaction(target, user)));
  }

  @Test
  @DisplayName("A transaction that throws undoes every post change: posts, edits, counts, revisions, comments and reactions")
  void rollbackUndoesPostChanges() {
    Group group = storedGroup("steady");
    Post post = stored(with(post(group.id(), "author"), ContentState.PUBLISHED, true, List.of("oolong")));
    Comment comment = stored(comment(post, null, "writer"));
    ReactionTarget liked = ReactionTarget.post(post.id());
    store(s -> s.insertReaction(liked, new UserId("fan"), T0));
    Post inserted = with(post(group.id(), "newcomer"), ContentState.PUBLISHED, true, List.of("oolong"));
    Comment insertedComment = comment(post, null, "newcomer");
    assertThrows(IllegalStateException.class, () -> store(s -> {
      assertTrue(s.insertPost(inserted));
      assertTrue(s.updatePost(with(edited(post, "changed"), ContentState.REMOVED, false, List.of("vintage"))));
      assertTrue(s.adjustPostCounts(post.id(), 5, 5));
      assertTrue(s.insertRevision(new PostRevision(post.id(), 1, "t", "b", List.of(), List.of(), List.of(),
          Disclosure.NONE, T0)));
      assertTrue(s.insertComment(insertedComment));
      assertTrue(s.removeComment(comment.id(), REMOVAL));
      assertTrue(s.adjustCommentCounts(comment.id(), 5, 5));
      assertTrue(s.deleteReaction(liked, new UserId("fan")));
      assertTrue(s.insertReaction(ReactionTarget.comment(comment.id()), new UserId("fan"), T0));
      throw new IllegalStateException("work failed");
    }));
    assertEquals(post, find(post.id()));
    assertTrue(tx(tx -> tx.posts().findPost(inserted.id())).isEmpty());
    assertEquals(List.of(post), groupPosts(group.id(), EnumSet.allOf(ContentState.class), null, 10));
    assertEquals(List.of(post), tx(tx -> tx.posts().listPinnedPosts(group.id(), 10)));
    assertEquals(List.of(post), byLabel("oolong"));
    assertEquals(List.of(), byLabel("vintage"));
    assertEquals(List.of(), tx(tx -> tx.posts().listRevisions(post.id(), 10)));
    assertEquals(comment, find(comment.id()));
    assertTrue(tx(tx -> tx.posts().findComment(insertedComment.id())).isEmpty());
    assertEquals(List.of(comment), comments(post, null));
    assertTrue(is(tx -> tx.posts().hasReaction(liked, new UserId("fan"))));
    assertFalse(is(tx -> tx.posts().hasReaction(ReactionTarget.comment(comment.id()), new UserId("fan"))));
  }
}
