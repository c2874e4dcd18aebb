package dev.meadow.core.ports;

import dev.meadow.core.UserId;

/**
 * Integration port: how much Meadow's community trusts a user, as a score from 0 (nothing known,
 * or known bad) to 100. Feeds rank by it (author reputation) without depending on the module that
 * computes it; {@code sdk-trust} is meant to implement it, and the host wires the two together in
 * the builder.
 *
 * <pre>{@code
 * ReputationSource reputation = user -> 50.0;   // every author counts the same
 * }</pre>
 *
 * <p>Called on Meadow's hot paths (ranking a page): an implementation must answer quickly, from
 * state it already holds, and be thread-safe. It never throws for a user it does not know: it
 * answers 0.
 */
@FunctionalInterface
public interface ReputationSource {
  /** Knows nothing about anyone: every user scores 0, the default until the host sets a source. */
  ReputationSource NONE = user -> 0.0;

  /**
   * Returns the reputation of {@code user}, from 0 to 100 inclusive.
   *
   * @param user the user, never null
   */
  double reputationOf(UserId user);
}
