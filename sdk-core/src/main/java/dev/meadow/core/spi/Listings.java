package dev.meadow.core.spi;

import org.jspecify.annotations.Nullable;

/**
 * The rules every store's listings share, kept here once for every adapter and module store: a
 * listing returns 0 to {@value #MAX_LIMIT} items, and a keyset position is given whole or not at
 * all.
 */
public final class Listings {
  /** The most items one listing of any store returns. */
  public static final int MAX_LIMIT = 1000;

  private Listings() {}

  /**
   * Checks a listing's limit and returns it.
   *
   * @throws IllegalArgumentException unless it is 0 to {@value #MAX_LIMIT}
   */
  public static int checkLimit(int limit) {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 0 to " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }

  /**
   * Checks that the two halves of a keyset position are both given or both null.
   *
   * @param names how the halves are named in the message, such as {@code "afterAt and afterId"}
   * @throws IllegalArgumentException if exactly one is null
   */
  public static void checkPosition(@Nullable Object first, @Nullable Object second, String names) {
    if ((first == null) != (second == null)) {
      throw new IllegalArgumentException(names + " are both null or both set");
    }
  }
}
