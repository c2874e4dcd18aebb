package dev.meadow.core.reviews;

/**
 * One rule of the moderation chain a review passes on submit and on every edit. Every moderator
 * of the chain runs; the strictest outcome wins and all reasons are kept. Built-in rules are in
 * {@link ContentModerators}; a shop adds its own (a machine-learning classifier, say) to
 * {@link ReviewPolicy#moderators()}.
 *
 * <p>Runs outside any Meadow transaction; must be thread-safe. A moderator that throws holds the
 * review for a person to look at.
 */
@FunctionalInterface
public interface ContentModerator {
  /** Returns the verdict on a review. */
  ModerationVerdict moderate(ModerationInput input);
}
