package dev.meadow.trust.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where trust keeps the signals of each user (as per-item {@link Contribution}s) and the badges
 * they hold (as {@link Award}s). Obtained with {@code tx.store(TrustStore.class)}, in the
 * transaction of core's stores; every method joins it.
 *
 * <p>Awards have a unique key (user, badge, occurrence) that the store itself enforces: of any
 * number of racing {@link #activate} calls for one key, exactly one returns {@code true}.
 * Listings return at most {@code limit} rows ({@code dev.meadow.core.spi.Listings#MAX_LIMIT}
 * at most), after the given row, in the order each method names.
 *
 * <p>The store keeps running totals in the same transaction as the contributions: per (user,
 * signal, scope), and per (signal, store) over every user's contributions in the scope
 * {@code store:<id>}. So {@link #sum} with no time and {@link #storeTotal} cost the same at ten
 * contributions as at a million, and racing writers leave each total equal to the sum of its
 * items. A user's {@link UserLevel} changes only from the level the caller read: of racing changes
 * from one level, exactly one succeeds.
 */
public interface TrustStore {
  /** Sets an item's contribution, replacing its amount and time if the item was counted before. */
  void putContribution(Contribution contribution);

  /** Records a contribution unless its item was counted before; returns whether it recorded it. */
  boolean putContributionIfAbsent(Contribution contribution);

  /**
   * Returns the sum of a user's contributions to {@code signal} in {@code scope}, counting only
   * those at or after {@code since} when it is not null; zero when there are none. With no
   * {@code since}, it reads the running total and does not depend on how many items there are.
   */
  long sum(String user, String signal, String scope, @Nullable Instant since);

  /**
   * Returns the sum of every user's contributions to {@code signal} in the scope {@code
   * "store:" + store}, from a running total; zero when there are none.
   */
  long storeTotal(String signal, String store);

  /** Returns the earliest time of a user's contributions to {@code signal} in {@code scope}. */
  Optional<Instant> earliest(String user, String signal, String scope);

  /** Lists a user's contributions by (signal, scope, item), after {@code after}'s key. */
  List<Contribution> contributions(String user, @Nullable Contribution after, int limit);

  /**
   * Makes an award held: inserts it, or replaces a revoked or (at {@code now}) expired one with
   * the same key.
   *
   * @return whether it became held by this call; {@code false} if it was held already, unchanged
   */
  boolean activate(Award award, Instant now);

  /**
   * Revokes a held award.
   *
   * @return whether this call revoked it; {@code false} if there is none or it was revoked already
   */
  boolean revoke(String user, String badge, String occurrence, Instant at, String reason);

  /** Returns the award with this key, held or not. */
  Optional<Award> find(String user, String badge, String occurrence);

  /** Lists the awards a user holds at {@code now}, by (badge, occurrence), after {@code after}'s key. */
  List<Award> heldBy(String user, Instant now, @Nullable Award after, int limit);

  /** Lists the awards of a badge held at {@code now}, by (user, occurrence), after {@code after}'s key. */
  List<Award> holders(String badge, Instant now, @Nullable Award after, int limit);

  /** Lists, in order, the users with a contribution, an award or a level, after {@code after}. */
  List<String> users(@Nullable String after, int limit);

  /** Lists every award of a user, held or not, by (badge, occurrence). */
  List<Award> awardsOf(String user);

  /** Returns a user's stored level; empty for a user at level 0 who never had another. */
  Optional<UserLevel> level(String user);

  /**
   * Changes a user's earned level from {@code from} to {@code to} (both 0 to 3), keeping a grant
   * of level 4; a user with no stored level is at 0.
   *
   * @return whether this call changed it; {@code false}, changing nothing, if the earned level
   *     was not {@code from}
   */
  boolean changeLevel(String user, int from, int to, Instant at);

  /**
   * Grants level 4, keeping the earned level beneath it.
   *
   * @return whether this call granted it; {@code false}, changing nothing, if it was granted already
   */
  boolean grantTopLevel(String user, String grantedBy, String reason, Instant at);

  /**
   * Takes a grant of level 4 back, leaving the earned level.
   *
   * @return whether this call revoked it; {@code false} if it was not granted
   */
  boolean revokeTopLevel(String user, Instant at);

  /**
   * Deletes a user's contributions (taking them out of every running total), awards and level;
   * returns how many contributions, awards and levels it deleted.
   */
  int eraseUser(String user);
}
