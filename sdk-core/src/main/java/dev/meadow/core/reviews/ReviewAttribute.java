package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A structured question the shop asks with every review: a choice ("fit": small, true to size,
 * large) or a rating from 1 to 5 ("comfort").
 *
 * @param key the stable key answers are stored under
 * @param name the display name
 * @param options the allowed answers of a choice; empty for a rated attribute, whose answers are
 *     "1" to "5"
 */
public record ReviewAttribute(String key, String name, List<String> options) {
  public ReviewAttribute {
    requireNonNull(key, "key");
    requireNonNull(name, "name");
    options = List.copyOf(options);
  }

  /** Returns a choice among {@code options}. */
  public static ReviewAttribute choice(String key, String name, String... options) {
    if (options.length == 0) {
      throw new IllegalArgumentException("a choice needs at least one option");
    }
    return new ReviewAttribute(key, name, List.of(options));
  }

  /** Returns an attribute rated 1 to 5. */
  public static ReviewAttribute rated(String key, String name) {
    return new ReviewAttribute(key, name, List.of());
  }

  /** Returns whether answers are ratings from 1 to 5. */
  public boolean isRated() {
    return options.isEmpty();
  }

  /** Returns whether {@code answer} is an allowed answer. */
  public boolean allows(String answer) {
    return isRated() ? answer.length() == 1 && answer.charAt(0) >= '1' && answer.charAt(0) <= '5' : options.contains(answer);
  }
}
