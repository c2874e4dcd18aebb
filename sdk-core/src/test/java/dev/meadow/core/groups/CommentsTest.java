package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.PostEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comments one level deep, likes, and the counts they keep. */
class CommentsTest extends InAGroup {
  private final Post post = c.post(ann, group, "Oolong");

  @Test
  void comment_isStoredCountedAndAnnounced() {
    Comment comment = c.emits(PostEvent.CommentAdded.class, () -> c.posts.comment(ben, post.id(), " Lovely\r\ncolour "));
    assertEquals(new Comment(comment.id(), post.id(), group.id(), null, ben, List.of(), "Lovely\ncolour",
        ContentState.PUBLISHED, null, 0, 0, c.clock.instant()), comment);
    assertEquals(comment, c.reload(comment));
    assertEquals(new PostEvent.CommentAdded(c.lastHeard().id(), c.clock.instant(), comment.id(), post.id(), group.id(),
        null, ben, List.of()), c.lastHeard());
    assertEquals(1, c.reload(post).commentCount());
    assertEquals(comment, c.posts.getComment(Actor.ANONYMOUS, comment.id()));
  }

  @Test
  void replies_goOneLevelDeep() {
    Comment top = c.posts.comment(ben, post.id(), "Question");
    Comment reply = c.emits(PostEvent.CommentAdded.class, () -> c.posts.reply(ann, top.id(), "Answer"));
    assertEquals(top.id(), reply.parentId());
    assertTrue(reply.isReply());
    assertEquals(top.id(), ((PostEvent.CommentAdded) c.lastHeard()).parentId());
    c.refuses(ConflictException.class, () -> c.posts.reply(ben, reply.id(), "Deeper"));
    assertEquals(1, c.reload(top).replyCount());
    assertEquals(0, c.reload(reply).replyCount());
    assertEquals(2, c.reload(post).commentCount(), "comments and replies");
    assertEquals(List.of(top.id()), c.posts.comments(ann, post.id(), PageRequest.first()).items().stream()
        .map(Comment::id).toList(), "top-level only");
    assertEquals(List.of(reply.id()), c.posts.replies(ann, top.id(), PageRequest.first()).items().stream()
        .map(Comment::id).toList());
  }

  @Test
  void removeComment_recordsWhyAndUncounts() {
    Comment top = c.posts.comment(ben, post.id(), "Question");
    Comment reply = c.posts.reply(ann, top.id(), "Answer");
    assertTrue(c.emits(PostEvent.CommentRemoved.class, () -> c.posts.removeComment(mod, reply.id(), "rude")));
    assertEquals(new PostEvent.CommentRemoved(c.lastHeard().id(), c.clock.instant(), reply.id(), post.id(), group.id(),
        mod, "rude"), c.lastHeard());
    Comment removed = c.reload(reply);
    assertEquals(ContentState.REMOVED, removed.state());
    assertEquals(new Removal("rude", mod, c.clock.instant()), removed.removal());
    assertEquals(0, c.reload(top).replyCount());
    assertEquals(1, c.reload(post).commentCount());
    assertEquals(List.of(), c.posts.replies(ann, top.id(), PageRequest.first()).items());
    c.refuses(PermissionDeniedException.class, () -> c.posts.getComment(ben, reply.id()));
    assertEquals(removed, c.posts.getComment(mod, reply.id()));
    assertFalse(c.changesNothing(() -> c.posts.removeComment(mod, reply.id(), "again")));
    c.refuses(PermissionDeniedException.class, () -> c.posts.removeComment(ann, top.id(), "not mine"));
    assertTrue(c.posts.removeComment(ben, top.id(), "mine"), "authors remove their own");
    c.refuses(ConflictException.class, () -> c.posts.reply(ann, top.id(), "Too late"));
    assertEquals(0, c.reload(post).commentCount());
  }

  @Test
  void comments_needAPublishedPost() {
    Post removed = c.post(ann, group, "Removed");
    c.posts.remove(ann, removed.id(), "oops");
    c.refuses(ConflictException.class, () -> c.posts.comment(ben, removed.id(), "Hello?"));
    c.rejects("body", () -> c.posts.comment(ben, post.id(), "  "));
    c.rejects("body", () -> c.posts.comment(ben, post.id(), "x".repeat(Posts.MAX_COMMENT + 1)));
    assertEquals("x".repeat(Posts.MAX_COMMENT), c.posts.comment(ben, post.id(), "x".repeat(Posts.MAX_COMMENT)).body());
  }

  @Test
  void comments_pageOldestFirst() {
    List<Comment> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      written.add(c.posts.comment(i % 2 == 0 ? ann : ben, post.id(), "Comment " + i));
    }
    List<Comment> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    Page<Comment> page = c.posts.comments(Actor.ANONYMOUS, post.id(), request);
    seen.addAll(page.items());
    while (page.hasNext()) {
      request = request.next(page);
      page = c.posts.comments(Actor.ANONYMOUS, post.id(), request);
      seen.addAll(page.items());
    }
    assertEquals(written, seen);
    Comment top = written.get(0);
    c.posts.reply(ben, top.id(), "r1");
    c.posts.reply(ben, top.id(), "r2");
    Page<Comment> replies = c.posts.replies(Actor.ANONYMOUS, top.id(), PageRequest.first(1));
    c.rejects("cursor", () -> c.posts.comments(Actor.ANONYMOUS, post.id(), PageRequest.first(1).next(replies)));
    c.rejects("cursor", () -> c.posts.replies(Actor.ANONYMOUS, written.get(1).id(), PageRequest.first(1).next(replies)));
  }

  @Test
  void like_isOnePerUserAndTarget() {
    ReactionTarget target = ReactionTarget.post(post.id());
    assertTrue(c.emits(PostEvent.Liked.class, () -> c.posts.like(ben, target)));
    assertEquals(new PostEvent.Liked(c.lastHeard().id(), c.clock.instant(), target, post.id(), group.id(), ben),
        c.lastHeard());
    assertFalse(c.changesNothing(() -> c.posts.like(ben, target)), "liking twice changes nothing");
    assertTrue(c.posts.likes(ben, target));
    assertFalse(c.posts.likes(ann, target));
    assertEquals(1, c.reload(post).likeCount());
    assertTrue(c.emits(PostEvent.Unliked.class, () -> c.posts.unlike(ben, target)));
    assertEquals(new PostEvent.Unliked(c.lastHeard().id(), c.clock.instant(), target, post.id(), group.id(), ben),
        c.lastHeard());
    assertFalse(c.changesNothing(() -> c.posts.unlike(ben, target)));
    assertEquals(0, c.reload(post).likeCount());
    assertTrue(c.posts.like(ben, target), "may like again");
  }

  @Test
  void likes_onCommentsCountOnTheComment() {
    Comment comment = c.posts.comment(ben, post.id(), "Nice");
    ReactionTarget target = ReactionTarget.comment(comment.id());
    assertTrue(c.emits(PostEvent.Liked.class, () -> c.posts.like(ann, target)));
    assertEquals(post.id(), ((PostEvent.Liked) c.lastHeard()).postId());
    assertEquals(1, c.reload(comment).likeCount());
    assertEquals(0, c.reload(post).likeCount());
    c.posts.removeComment(ben, comment.id(), "withdrawn");
    c.refuses(ConflictException.class, () -> c.posts.like(mod, target));
    assertTrue(c.posts.unlike(ann, target), "a like can be taken back whatever became of its target");
    assertEquals(0, c.reload(comment).likeCount());
  }

  @Test
  void likes_needAPublishedTarget() {
    Comment comment = c.posts.comment(ben, post.id(), "Nice");
    c.posts.remove(ann, post.id(), "gone");
    c.refuses(ConflictException.class, () -> c.posts.like(ben, ReactionTarget.post(post.id())));
    // The comments of a removed post are not liked either.
    c.refuses(ConflictException.class, () -> c.posts.like(ann, ReactionTarget.comment(comment.id())));
  }

  @Test
  void counts_areExactAfterManyChanges() {
    List<UserId> fans = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      UserId fan = c.user("fan-" + i);
      c.join(group, fan);
      fans.add(fan);
    }
    Comment top = c.posts.comment(ann, post.id(), "Top");
    for (UserId fan : fans) {
      c.posts.like(fan, ReactionTarget.post(post.id()));
      c.posts.like(fan, ReactionTarget.post(post.id()));
      c.posts.reply(fan, top.id(), "Reply");
      c.posts.like(fan, ReactionTarget.comment(top.id()));
    }
    c.posts.unlike(fans.get(0), ReactionTarget.post(post.id()));
    c.posts.unlike(fans.get(0), ReactionTarget.post(post.id()));
    Comment firstReply = c.posts.replies(ann, top.id(), PageRequest.first(1)).items().get(0);
    c.posts.removeComment(owner, firstReply.id(), "spam");
    Post counted = c.reload(post);
    assertEquals(5, counted.likeCount());
    assertEquals(6, counted.commentCount(), "one top-level comment and five replies left");
    Comment countedTop = c.reload(top);
    assertEquals(5, countedTop.replyCount());
    assertEquals(6, countedTop.likeCount());
    assertEquals(5, c.posts.replies(ann, top.id(), PageRequest.first(100)).items().size());
  }
}
