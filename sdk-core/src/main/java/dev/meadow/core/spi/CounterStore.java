package dev.meadow.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * Named counters, such as how many groups a user owns or how many followers a store has. A
 * counter is identified by a name (1 to 64 characters) and a key (up to 300 characters; longer
 * ones are an {@code IllegalArgumentException}); one that was never changed reads 0. Changes are atomic: concurrent changes all count, and a bounded
 * increment never lets the counter pass its bound.
 */
public interface CounterStore {
  /** Returns a counter's value, 0 if it was never changed. */
  long get(String name, String key);

  /** Adds {@code delta} (which may be negative) to a counter and returns its new value. */
  long add(String name, String key, long delta);

  /**
   * Adds one to a counter if it is below {@code limit}.
   *
   * @return {@code false}, changing nothing, if the counter had reached {@code limit}
   */
  boolean incrementBelow(String name, String key, long limit);

  /** The longest counter name. */
  int MAX_NAME = 64;

  /** The longest counter key. */
  int MAX_KEY = 300;

  /**
   * Checks a counter's name and key as every adapter must, for adapters to call first.
   *
   * @throws IllegalArgumentException if the name is empty or longer than {@value #MAX_NAME}, or
   *     the key longer than {@value #MAX_KEY} characters
   */
  static void checkCounter(String name, String key) {
    requireNonNull(name, "name");
    requireNonNull(key, "key");
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("a counter's name is 1 to " + MAX_NAME + " characters, was " + name.length());
    }
    if (key.length() > MAX_KEY) {
      throw new IllegalArgumentException("a counter's key is up to " + MAX_KEY + " characters, was " + key.length());
    }
  }
}
