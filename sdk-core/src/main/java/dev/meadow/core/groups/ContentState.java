package dev.meadow.core.groups;

/** Where a post or comment stands with moderation. */
public enum ContentState {
  /** Visible to whoever may read the group. */
  PUBLISHED,
  /** Waiting for a moderator, in a group whose posts need approval; visible to its author and the moderators. */
  PENDING,
  /** Taken down by a moderator or its author, with a reason; visible to nobody but the moderators. */
  REMOVED
}
