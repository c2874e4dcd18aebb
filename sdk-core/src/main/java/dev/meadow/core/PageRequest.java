package dev.meadow.core;

import org.jspecify.annotations.Nullable;

/**
 * Which page of a listing to read: how many items, and after which point.
 *
 * <p>Every listing in Meadow pages by keyset: the cursor names the last item already seen, so a
 * page never repeats or skips an item because others were added meanwhile. Cursors are opaque
 * strings; pass back exactly what {@link Page#nextCursor()} returned. A cursor that was altered,
 * truncated, made for another listing or made by another shop's Meadow is rejected with a
 * {@link ValidationException} naming {@code cursor} when the listing reads it.
 *
 * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
 * @param cursor where to continue, or {@code null} for the first page
 */
public record PageRequest(int limit, @Nullable String cursor) {
  /** The largest page Meadow returns. */
  public static final int MAX_LIMIT = 100;

  /** The page size used by {@link #first()}. */
  public static final int DEFAULT_LIMIT = 20;

  /** The longest cursor accepted, in characters. */
  public static final int MAX_CURSOR_LENGTH = 1024;

  /**
   * Checks the request.
   *
   * @throws ValidationException naming {@code limit} if it is not 1 to 100, or {@code cursor} if
   *     it is blank or too long to have come from Meadow
   */
  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ValidationException.of(
          "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (cursor != null && (cursor.isBlank() || cursor.length() > MAX_CURSOR_LENGTH)) {
      throw ValidationException.of("cursor", "malformed_cursor", "is not a cursor Meadow issued");
    }
  }

  /** Returns a request for the first {@value #DEFAULT_LIMIT} items. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /** Returns a request for the first {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /** Returns a request for {@code limit} items after {@code cursor}; a null cursor means the first page. */
  public static PageRequest of(int limit, @Nullable String cursor) {
    return new PageRequest(limit, cursor);
  }

  /** Returns the request for the page after {@code page}, keeping this limit. */
  public PageRequest next(Page<?> page) {
    String next = page.nextCursor();
    if (next == null) {
      throw new IllegalStateException("the page is the last one; check Page.hasNext() first");
    }
    return new PageRequest(limit, next);
  }
}
