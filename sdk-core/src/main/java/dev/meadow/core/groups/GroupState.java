package dev.meadow.core.groups;

/** Whether a group takes part in the community. */
public enum GroupState {
  /** Open for joining, posting and discussion. */
  ACTIVE,
  /** Read-only: its content stays readable as its visibility allows, nothing new is accepted, and it leaves discovery. */
  ARCHIVED
}
