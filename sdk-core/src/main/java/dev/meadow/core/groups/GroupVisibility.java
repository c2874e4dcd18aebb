package dev.meadow.core.groups;

/** Who may join a group and read its posts. */
public enum GroupVisibility {
  /** Anyone may read; a signed-in user joins at once. Listed in discovery. */
  PUBLIC,
  /** Only members read; joining is a request a moderator approves or rejects. Listed in discovery. */
  REQUEST,
  /** Only members read; joining needs an invitation token. Not listed in discovery. */
  INVITE;

  /** Returns whether groups with this visibility appear in discovery and trending lists. */
  public boolean listed() {
    return this != INVITE;
  }
}
