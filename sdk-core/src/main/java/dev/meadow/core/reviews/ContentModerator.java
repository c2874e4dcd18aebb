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

  /**
   * Returns the rule's name, so a shop can say which checks its reviews pass (trust's "how reviews
   * are verified" notice lists the chain by it). The built-in moderators name themselves and their
   * settings as {@link ContentModerators} documents, such as {@code length(10,10000)}; the default,
   * for a shop's own moderator, is {@value #CUSTOM}. Override it with a short stable name.
   */
  default String name() {
    return CUSTOM;
  }

  /** The name of a moderator that does not give one. */
  String CUSTOM = "custom";
}
