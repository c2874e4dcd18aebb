package dev.meadow.core.groups;

/** A member's role in a group. */
public enum GroupRole {
  /** Created the group, or was handed it; one per group. */
  OWNER,
  /** An ordinary member. */
  MEMBER
}
