package dev.meadow.core.reviews;

/** Where a review stands with moderation. */
public enum ReviewState {
  /** Shown to everyone and counted in summaries. */
  PUBLISHED,
  /** Waiting for a moderator; shown to its author only, not counted. */
  HELD,
  /** Refused by moderation, with reasons; shown to its author only. */
  REJECTED,
  /** Withdrawn by its author; shown to nobody. */
  REMOVED
}
