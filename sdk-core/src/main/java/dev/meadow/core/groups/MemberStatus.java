package dev.meadow.core.groups;

/** Where a user stands with a group. */
public enum MemberStatus {
  /** A member: reads, and posts, comments and reacts as the role allows. Counted in the member count. */
  ACTIVE,
  /** Asked to join a {@link GroupVisibility#REQUEST} group; waits for a moderator. */
  PENDING,
  /** Banned by a moderator: cannot rejoin, post, comment or react until unbanned. */
  BANNED
}
