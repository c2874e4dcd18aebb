package dev.meadow.core.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The sorted indexes the in-memory stores keep beside their records: per bucket (a group's
 * members of one status, a post's replies to one comment, …) a map from each record's position
 * in listing order to the record. Keyset listings read a tail of one bucket.
 */
final class Indexes {
  private Indexes() {}

  /** Adds {@code value} at {@code position} in {@code bucket}, creating the bucket in {@code order}. */
  static <B, P, V> void add(
      Map<B, NavigableMap<P, V>> index, B bucket, P position, V value, Comparator<? super P> order) {
    index.computeIfAbsent(bucket, b -> new TreeMap<>(order)).put(position, value);
  }

  /** Adds {@code value} at {@code position} in {@code bucket}, a bucket in the positions' natural order. */
  static <B, P extends Comparable<? super P>, V> void add(
      Map<B, NavigableMap<P, V>> index, B bucket, P position, V value) {
    index.computeIfAbsent(bucket, b -> new TreeMap<>()).put(position, value);
  }

  /** Removes what is at {@code position} in {@code bucket}, and the bucket once it is empty. */
  static <B, P, V> void remove(Map<B, NavigableMap<P, V>> index, B bucket, P position) {
    NavigableMap<P, V> entries = index.get(bucket);
    if (entries != null) {
      entries.remove(position);
      if (entries.isEmpty()) {
        index.remove(bucket);
      }
    }
  }

  /** Returns the bucket's entries after {@code after} (all of them when it is null), in order. */
  static <B, P, V> NavigableMap<P, V> after(Map<B, NavigableMap<P, V>> index, B bucket, @Nullable P after) {
    NavigableMap<P, V> entries = index.get(bucket);
    if (entries == null) {
      return new TreeMap<>();
    }
    return after == null ? entries : entries.tailMap(after, false);
  }

  /** Returns the first {@code limit} of {@code items}. */
  static <T> List<T> first(Iterable<T> items, int limit) {
    List<T> page = new ArrayList<>(Math.min(limit, 64));
    if (limit == 0) {
      return page;
    }
    for (T item : items) {
      page.add(item);
      if (page.size() == limit) {
        break;
      }
    }
    return page;
  }
}
