package dev.meadow.core.spi;

import dev.meadow.core.UserId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The style labels users give themselves. Each method runs inside the transaction it was obtained
 * from; listing methods return at most {@code limit} items (0 to 1,000).
 */
public interface LabelStore {
  /**
   * Replaces every label of a user with {@code labels} (sorted, no duplicates; empty to clear).
   * Of concurrent replacements for one user, exactly one caller's set remains: never a mix.
   */
  void replaceUserLabels(UserId userId, List<String> labels);

  /** Returns a user's labels, sorted. */
  List<String> findUserLabels(UserId userId);

  /**
   * Lists the users carrying a label, ordered by user id, starting after {@code after} (null for
   * the first page). The order is the store's binary order of ids; it need only be stable.
   */
  List<UserId> listUsersByLabel(String label, @Nullable UserId after, int limit);
}
