package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.PostEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Posts, their revisions, removal, pins and labels. */
class PostsTest extends InAGroup {

  private void needApproval(boolean approval) {
    c.groups.update(owner, group.id(), GroupSettings.of(c.reload(group)).withPostApproval(approval));
  }

  private List<Post> listed(Actor actor) {
    return c.posts.list(actor, group.id(), PageRequest.first(100)).items();
  }

  @Test
  void publish_storesTheDraftAndCountsThePost() {
    PostDraft draft = PostDraft.of("  My first oolong ", "Floral,\r\na little buttery.")
        .withProducts(List.of(ProductId.of("sku-1"), ProductId.of("sku-2"), ProductId.of("sku-1")))
        .withMedia(List.of("https://cdn.example/a.jpg"))
        .withLabels(List.of("Vintage", "minimalist"))
        .withDisclosure(Disclosure.GIFTED);
    Post post = c.emits(PostEvent.Created.class, () -> c.posts.publish(ann, group.id(), draft));
    assertEquals(new Post(post.id(), group.id(), ann, List.of(), "My first oolong", "Floral,\na little buttery.",
        List.of(ProductId.of("sku-1"), ProductId.of("sku-2")), List.of("https://cdn.example/a.jpg"),
        List.of("minimalist", "vintage"), Disclosure.GIFTED, ContentState.PUBLISHED, null, false, 0, 0,
        c.clock.instant(), null, 1), post);
    assertEquals(post, c.reload(post));
    assertEquals(new PostEvent.Created(c.lastHeard().id(), c.clock.instant(), post.id(), group.id(), ann, List.of(),
        ContentState.PUBLISHED), c.lastHeard());
    assertEquals(1, c.reload(group).postCount());
    assertEquals(List.of(post), listed(Actor.ANONYMOUS));
    assertEquals(post, c.posts.get(Actor.ANONYMOUS, post.id()));
  }

  @Test
  void publish_checksLabelsAgainstTheCatalogue() {
    c.rejects("labels", () -> c.posts.publish(ann, group.id(), PostDraft.of("T", "B").withLabels(List.of("goth"))));
  }

  @Test
  void list_showsNewestFirstAcrossPages() {
    List<Post> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      written.add(c.post(i % 2 == 0 ? ann : ben, group, "Post " + i));
    }
    Page<Post> first = c.posts.list(Actor.ANONYMOUS, group.id(), PageRequest.first(2));
    Page<Post> second = c.posts.list(Actor.ANONYMOUS, group.id(), PageRequest.first(2).next(first));
    Page<Post> third = c.posts.list(Actor.ANONYMOUS, group.id(), PageRequest.first(2).next(second));
    assertEquals(List.of(written.get(4), written.get(3)), first.items());
    assertEquals(List.of(written.get(2), written.get(1)), second.items());
    assertEquals(List.of(written.get(0)), third.items());
    assertFalse(third.hasNext());
  }

  @Test
  void approval_holdsMembersPostsUntilAModeratorPublishesThem() {
    needApproval(true);
    Post held = c.emits(PostEvent.Created.class, () -> c.post(ann, group, "Waiting"));
    assertEquals(ContentState.PENDING, held.state());
    assertEquals(ContentState.PENDING, ((PostEvent.Created) c.lastHeard()).state());
    assertEquals(0, c.reload(group).postCount());
    assertEquals(List.of(), listed(ann));
    assertEquals(held, c.posts.get(ann, held.id()), "its author sees it");
    c.refuses(PermissionDeniedException.class, () -> c.posts.get(ben, held.id()));
    c.refuses(ConflictException.class, () -> c.posts.comment(ann, held.id(), "Not yet"));
    c.refuses(ConflictException.class, () -> c.posts.like(ben, ReactionTarget.post(held.id())));
    assertEquals(List.of(held), c.posts.pending(mod, group.id(), PageRequest.first()).items());
    c.refuses(PermissionDeniedException.class, () -> c.posts.pending(ann, group.id(), PageRequest.first()));

    assertTrue(c.emits(PostEvent.Approved.class, () -> c.posts.approve(mod, held.id())));
    assertEquals(new PostEvent.Approved(c.lastHeard().id(), c.clock.instant(), held.id(), group.id(), mod), c.lastHeard());
    assertEquals(ContentState.PUBLISHED, c.reload(held).state());
    assertEquals(1, c.reload(group).postCount());
    assertEquals(List.of(held.id()), listed(ben).stream().map(Post::id).toList());
    assertEquals(List.of(), c.posts.pending(mod, group.id(), PageRequest.first()).items());
    assertFalse(c.changesNothing(() -> c.posts.approve(mod, held.id())), "published already");
  }

  @Test
  void approval_letsModeratorsPostAtOnce() {
    needApproval(true);
    assertEquals(ContentState.PUBLISHED, c.post(mod, group, "Rules").state());
    assertEquals(ContentState.PUBLISHED, c.post(owner, group, "Welcome").state());
    assertEquals(2, c.reload(group).postCount());
  }

  @Test
  void edit_keepsEveryEarlierVersionAsARevision() {
    Post post = c.posts.publish(ann, group.id(), PostDraft.of("First", "One").withLabels(List.of("petite")));
    Instant written = c.clock.instant();
    c.clock.advance(Duration.ofMinutes(5));
    Post edited = c.emits(PostEvent.Edited.class,
        () -> c.posts.edit(ann, post.id(), PostDraft.of("Second", "Two").withDisclosure(Disclosure.SPONSORED)));
    Instant firstEdit = c.clock.instant();
    assertEquals(new PostEvent.Edited(c.lastHeard().id(), firstEdit, post.id(), group.id(), 2), c.lastHeard());
    assertEquals("Second", edited.title());
    assertEquals(Disclosure.SPONSORED, edited.disclosure());
    assertEquals(firstEdit, edited.editedAt());
    assertEquals(post.createdAt(), edited.createdAt());
    assertEquals(2, edited.version());
    c.clock.advance(Duration.ofMinutes(5));
    c.posts.edit(ann, post.id(), PostDraft.of(edited).withTitle("Third"));
    assertEquals(List.of(
            new PostRevision(post.id(), 1, "First", "One", List.of(), List.of(), List.of("petite"), Disclosure.NONE, written),
            new PostRevision(post.id(), 2, "Second", "Two", List.of(), List.of(), List.of(), Disclosure.SPONSORED, firstEdit)),
        c.posts.revisions(ben, post.id()));
    assertEquals("Third", c.posts.get(ben, post.id()).title());
    assertEquals(1, c.reload(group).postCount(), "an edit is not a new post");
  }

  @Test
  void edit_isTheAuthorsAloneAndEndsWithRemoval() {
    Post post = c.post(ann, group, "Mine");
    c.refuses(PermissionDeniedException.class, () -> c.posts.edit(ben, post.id(), PostDraft.of("Yours", "Now")));
    c.refuses(PermissionDeniedException.class, () -> c.posts.edit(owner, post.id(), PostDraft.of("Owner's", "Now")));
    c.posts.remove(ann, post.id(), "changed my mind");
    c.refuses(ConflictException.class, () -> c.posts.edit(ann, post.id(), PostDraft.of("Back", "Again")));
  }

  @Test
  void edit_stopsAtTheMostEditsAllowed() {
    Post post = c.post(ann, group, "Draft");
    for (int i = 1; i < Posts.MAX_EDITS; i++) {
      c.posts.edit(ann, post.id(), PostDraft.of("Edit " + i, "Body"));
    }
    assertEquals(Posts.MAX_EDITS - 1, c.posts.revisions(ann, post.id()).size());
    c.posts.edit(ann, post.id(), PostDraft.of("Last", "Body"));
    c.refuses(ConflictException.class, () -> c.posts.edit(ann, post.id(), PostDraft.of("One too many", "Body")));
    assertEquals(Posts.MAX_EDITS, c.posts.revisions(ann, post.id()).size());
  }

  @Test
  void remove_recordsWhoRemovedItAndWhy() {
    Post post = c.post(ann, group, "Spam?");
    c.clock.advance(Duration.ofMinutes(1));
    assertTrue(c.emits(PostEvent.Removed.class, () -> c.posts.remove(mod, post.id(), " Off-topic\t ")));
    assertEquals(new PostEvent.Removed(c.lastHeard().id(), c.clock.instant(), post.id(), group.id(), mod, "Off-topic"),
        c.lastHeard());
    Post removed = c.reload(post);
    assertEquals(ContentState.REMOVED, removed.state());
    assertEquals(new Removal("Off-topic", mod, c.clock.instant()), removed.removal());
    assertEquals(0, c.reload(group).postCount());
    assertEquals(List.of(), listed(ann));
    c.refuses(PermissionDeniedException.class, () -> c.posts.get(ann, post.id()));
    assertEquals(removed, c.posts.get(owner, post.id()), "moderators still see it");
    assertFalse(c.changesNothing(() -> c.posts.remove(ann, post.id(), "again")));
    Post next = c.post(ann, group, "Next");
    c.rejects("reason", () -> c.posts.remove(mod, next.id(), " "));
  }

  @Test
  void remove_ofAWaitingPostChangesNoCount() {
    needApproval(true);
    Post held = c.post(ann, group, "Waiting");
    assertTrue(c.posts.remove(ann, held.id(), "never mind"));
    assertEquals(0, c.reload(group).postCount());
    assertFalse(c.posts.approve(mod, held.id()), "nothing left to approve");
  }

  @Test
  void pin_holdsAtMostFivePostsNewestFirst() {
    List<Post> pinned = new ArrayList<>();
    for (int i = 0; i < Posts.MAX_PINNED + 1; i++) {
      pinned.add(c.post(ann, group, "Post " + i));
    }
    for (int i = 0; i < Posts.MAX_PINNED; i++) {
      Post post = pinned.get(i);
      assertTrue(c.emits(PostEvent.PinChanged.class, () -> c.posts.pin(mod, post.id(), true)));
    }
    assertEquals(new PostEvent.PinChanged(c.lastHeard().id(), c.clock.instant(), pinned.get(4).id(), group.id(), mod, true),
        c.lastHeard());
    c.refuses(ConflictException.class, () -> c.posts.pin(mod, pinned.get(5).id(), true));
    assertFalse(c.changesNothing(() -> c.posts.pin(mod, pinned.get(0).id(), true)), "pinned already");
    List<dev.meadow.core.PostId> ids = pinned.stream().map(Post::id).toList();
    assertEquals(List.of(4, 3, 2, 1, 0), c.posts.pinned(ben, group.id()).stream().map(p -> ids.indexOf(p.id())).toList());
    assertTrue(c.posts.pin(mod, pinned.get(0).id(), false));
    assertTrue(c.posts.pin(mod, pinned.get(5).id(), true));
    assertTrue(c.posts.remove(ann, pinned.get(1).id(), "outdated"));
    assertFalse(c.reload(pinned.get(1)).pinned(), "a removed post is unpinned");
    assertEquals(4, c.posts.pinned(ben, group.id()).size());
    assertFalse(c.changesNothing(() -> c.posts.pin(mod, pinned.get(1).id(), false)));
    c.refuses(ConflictException.class, () -> c.posts.pin(mod, pinned.get(1).id(), true));
  }

  @Test
  void labelled_listsPublishedPostsOfActivePublicGroups() {
    Group closed = c.group(owner, "closed", GroupVisibility.REQUEST);
    Group archived = c.group(owner, "archived");
    c.join(archived, ann);
    Post first = c.posts.publish(ann, group.id(), PostDraft.of("One", "B").withLabels(List.of("vintage")));
    c.posts.publish(owner, closed.id(), PostDraft.of("Hidden", "B").withLabels(List.of("vintage")));
    c.posts.publish(ann, archived.id(), PostDraft.of("Gone", "B").withLabels(List.of("vintage")));
    c.groups.archive(owner, archived.id());
    Post removed = c.posts.publish(ann, group.id(), PostDraft.of("Removed", "B").withLabels(List.of("vintage")));
    c.posts.remove(ann, removed.id(), "oops");
    c.posts.publish(ann, group.id(), PostDraft.of("Other", "B").withLabels(List.of("petite")));
    Post second = c.posts.publish(ben, group.id(), PostDraft.of("Two", "B").withLabels(List.of("vintage", "y2k")));
    Post third = c.posts.publish(ben, group.id(), PostDraft.of("Three", "B").withLabels(List.of("Vintage")));
    Page<Post> page = c.posts.labelled("VINTAGE", PageRequest.first(2));
    assertEquals(List.of(third, second), page.items());
    assertEquals(List.of(first), c.posts.labelled("vintage", PageRequest.first(2).next(page)).items());
    assertEquals(List.of(), c.posts.labelled("cottagecore", PageRequest.first()).items());
    c.rejects("label", () -> c.posts.labelled("goth", PageRequest.first()));
    c.rejects("cursor", () -> c.posts.labelled("y2k", PageRequest.first(2).next(page)));
  }

  @Test
  void postsOfGroupsByRequestAreReadOnlyByMembers() {
    Group closed = c.group(owner, "closed", GroupVisibility.REQUEST);
    Post post = c.post(owner, closed, "Members only");
    c.refuses(PermissionDeniedException.class, () -> c.posts.get(Actor.ANONYMOUS, post.id()));
    c.refuses(PermissionDeniedException.class, () -> c.posts.get(ann, post.id()));
    c.refuses(PermissionDeniedException.class, () -> c.posts.revisions(ann, post.id()));
    c.join(closed, ann);
    c.groups.approve(owner, closed.id(), ann);
    assertEquals(post, c.posts.get(ann, post.id()));
    c.groups.leave(ann, closed.id());
    c.refuses(PermissionDeniedException.class, () -> c.posts.get(ann, post.id()));
  }
}
