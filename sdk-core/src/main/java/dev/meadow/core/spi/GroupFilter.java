package dev.meadow.core.spi;

import dev.meadow.core.groups.Group;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a discovery listing asks for; a group must match every condition given.
 *
 * @param categories category keys, one of which the group must have; {@code null} for any
 * @param label a style label the group must carry; {@code null} for any
 * @param namePrefix the start of the group's {@linkplain Group#nameKey() name key}, matched
 *     literally (no wildcards); {@code null} for any
 */
public record GroupFilter(@Nullable Set<String> categories, @Nullable String label, @Nullable String namePrefix) {
  public GroupFilter {
    categories = categories == null ? null : Set.copyOf(categories);
  }

  /** Returns the filter that matches every listed group. */
  public static GroupFilter all() {
    return new GroupFilter(null, null, null);
  }
}
