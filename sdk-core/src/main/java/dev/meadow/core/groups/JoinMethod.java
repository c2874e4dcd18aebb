package dev.meadow.core.groups;

/** How a member came in. */
public enum JoinMethod {
  /** Joined a public group, or created the group. */
  OPEN,
  /** A moderator approved the join request. */
  APPROVED,
  /** Redeemed an invitation token. */
  INVITATION
}
