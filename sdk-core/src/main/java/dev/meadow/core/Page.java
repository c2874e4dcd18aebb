package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 *
 * @param items the items, in the listing's order; at most the requested limit
 * @param nextCursor the cursor for the next page, or {@code null} when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  public Page {
    items = List.copyOf(requireNonNull(items, "items"));
  }

  /** Returns an empty last page. */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), null);
  }

  /** Returns whether another page follows this one. */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /** Returns this page with every item transformed, keeping the cursor. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    requireNonNull(mapper, "mapper");
    return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
  }
}
