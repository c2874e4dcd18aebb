package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A category of the shop's {@link Taxonomy}, such as "Tea" under "Food".
 *
 * @param key the stable key groups refer to, such as {@code tea}
 * @param name the display name
 * @param parent the key of the parent category, or {@code null} for a top-level one
 */
public record Category(String key, String name, @Nullable String parent) {
  public Category {
    requireNonNull(key, "key");
    requireNonNull(name, "name");
  }
}
