package dev.meadow.trust.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One item's share of a user's signal in a scope: a review counts 1 towards {@code reviews}, its
 * helpful votes towards {@code helpful_votes}. A signal's value is the sum of its contributions;
 * an item's contribution is replaced, never added to, so recomputing an item twice counts it once.
 *
 * @param user the user whose signal it is
 * @param signal the signal's name, such as {@code reviews}
 * @param scope {@code ""} for the user's whole activity, or a subject such as {@code product:p-1}
 * @param item the item counted, such as {@code review:01J...}
 * @param amount how much it counts, zero or more
 * @param at when the item happened, for signals counted within a time window
 */
public record Contribution(String user, String signal, String scope, String item, long amount, Instant at) {
  public Contribution {
    requireNonNull(user, "user");
    requireNonNull(signal, "signal");
    requireNonNull(scope, "scope");
    requireNonNull(item, "item");
    requireNonNull(at, "at");
    if (amount < 0) {
      throw new IllegalArgumentException("a contribution is zero or more, was " + amount);
    }
  }
}
