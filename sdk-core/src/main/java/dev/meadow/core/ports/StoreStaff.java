package dev.meadow.core.ports;

import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import java.util.Set;

/**
 * Host integration port: which stores a user works for. Meadow asks before a user posts or
 * comments, so a store's staff post in its station and carry a visible store affiliation
 * everywhere else; nothing lets a seller's speech appear as a consumer's.
 *
 * <p>Called outside any Meadow transaction, from the thread calling Meadow; it may do I/O, and
 * must be thread-safe.
 */
@FunctionalInterface
public interface StoreStaff {
  /** Nobody works for any store: the default until the host sets its own. */
  StoreStaff NONE = user -> Set.of();

  /** Returns the stores {@code user} works for; empty for a consumer. */
  Set<StoreId> storesOf(UserId user);
}
