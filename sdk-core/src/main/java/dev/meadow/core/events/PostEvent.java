package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.CommentId;
import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.ReactionTarget;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Events about posts and what happens under them: comments and likes. */
public sealed interface PostEvent extends MeadowEvent {
  /** Returns the post the event is about (for a comment or a like, the post it is under). */
  PostId postId();

  /** Returns the post's group. */
  GroupId groupId();

  /**
   * A post was written: published at once, or pending a moderator's approval.
   *
   * @param id the event id
   * @param occurredAt when
   * @param postId the post
   * @param groupId the group
   * @param author who wrote it
   * @param affiliations the stores the author works for
   * @param state published or pending
   */
  @EventType("post.created")
  record Created(EventId id, Instant occurredAt, PostId postId, GroupId groupId, UserId author, List<StoreId> affiliations, ContentState state)
      implements PostEvent {
    public Created {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(author, "author");
      affiliations = List.copyOf(affiliations);
      requireNonNull(state, "state");
    }
  }

  /**
   * A moderator published a pending post.
   *
   * @param id the event id
   * @param occurredAt when
   * @param postId the post
   * @param groupId the group
   * @param by the moderator
   */
  @EventType("post.approved")
  record Approved(EventId id, Instant occurredAt, PostId postId, GroupId groupId, UserId by)
      implements PostEvent {
    public Approved {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(by, "by");
    }
  }

  /**
   * A post's author edited it; the earlier text is kept as a revision.
   *
   * @param id the event id
   * @param occurredAt when
   * @param postId the post
   * @param groupId the group
   * @param version the post's new version
   */
  @EventType("post.edited")
  record Edited(EventId id, Instant occurredAt, PostId postId, GroupId groupId, long version)
      implements PostEvent {
    public Edited {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
    }
  }

  /**
   * A post was taken down.
   *
   * @param id the event id
   * @param occurredAt when
   * @param postId the post
   * @param groupId the group
   * @param by its author or a moderator
   * @param reason the reason given
   */
  @EventType("post.removed")
  record Removed(EventId id, Instant occurredAt, PostId postId, GroupId groupId, UserId by, String reason)
      implements PostEvent {
    public Removed {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(by, "by");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A moderator pinned or unpinned a post.
   *
   * @param id the event id
   * @param occurredAt when
   * @param postId the post
   * @param groupId the group
   * @param by the moderator
   * @param pinned whether it is pinned now
   */
  @EventType("post.pin_changed")
  record PinChanged(EventId id, Instant occurredAt, PostId postId, GroupId groupId, UserId by, boolean pinned)
      implements PostEvent {
    public PinChanged {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(by, "by");
    }
  }

  /**
   * A comment or reply was written on a post.
   *
   * @param id the event id
   * @param occurredAt when
   * @param commentId the comment
   * @param postId the post
   * @param groupId the group
   * @param parentId the comment replied to, or {@code null}
   * @param author who wrote it
   * @param affiliations the stores the author works for
   */
  @EventType("post.comment_added")
  record CommentAdded(EventId id, Instant occurredAt, CommentId commentId, PostId postId, GroupId groupId, @Nullable CommentId parentId, UserId author, List<StoreId> affiliations)
      implements PostEvent {
    public CommentAdded {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(commentId, "commentId");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(author, "author");
      affiliations = List.copyOf(affiliations);
    }
  }

  /**
   * A comment was taken down.
   *
   * @param id the event id
   * @param occurredAt when
   * @param commentId the comment
   * @param postId the post
   * @param groupId the group
   * @param by its author or a moderator
   * @param reason the reason given
   */
  @EventType("post.comment_removed")
  record CommentRemoved(EventId id, Instant occurredAt, CommentId commentId, PostId postId, GroupId groupId, UserId by, String reason)
      implements PostEvent {
    public CommentRemoved {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(commentId, "commentId");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(by, "by");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A user liked a post or comment.
   *
   * @param id the event id
   * @param occurredAt when
   * @param target what was liked
   * @param postId the post
   * @param groupId the group
   * @param userId who
   */
  @EventType("post.liked")
  record Liked(EventId id, Instant occurredAt, ReactionTarget target, PostId postId, GroupId groupId, UserId userId)
      implements PostEvent {
    public Liked {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(target, "target");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
    }
  }

  /**
   * A user took back a like.
   *
   * @param id the event id
   * @param occurredAt when
   * @param target what had been liked
   * @param postId the post
   * @param groupId the group
   * @param userId who
   */
  @EventType("post.unliked")
  record Unliked(EventId id, Instant occurredAt, ReactionTarget target, PostId postId, GroupId groupId, UserId userId)
      implements PostEvent {
    public Unliked {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(target, "target");
      requireNonNull(postId, "postId");
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
    }
  }
}
