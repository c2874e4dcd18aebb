package dev.meadow.core.groups;

/** What a member may do in a group. */
public enum GroupRole {
  /** Created the group or had it transferred to them: everything a moderator may, and edit, archive and hand over the group. */
  OWNER,
  /** Approves join requests, bans and unbans members, removes and pins posts, issues invitations. */
  MODERATOR,
  /** Posts (outside store stations), comments and reacts. */
  MEMBER;

  /** Returns whether this role moderates: {@link #OWNER} or {@link #MODERATOR}. */
  public boolean moderates() {
    return this != MEMBER;
  }
}
