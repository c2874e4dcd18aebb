package dev.meadow.core.groups;

/** What asking to join a group did. */
public enum JoinResult {
  /** The user is now a member. */
  JOINED,
  /** The user asked to join; a moderator decides. */
  REQUESTED,
  /** The user was a member already; nothing changed. */
  ALREADY_MEMBER,
  /** The user had asked already and still waits; nothing changed. */
  ALREADY_REQUESTED
}
