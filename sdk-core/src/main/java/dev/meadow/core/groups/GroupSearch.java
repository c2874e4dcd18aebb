package dev.meadow.core.groups;

import dev.meadow.core.PlainText;
import org.jspecify.annotations.Nullable;

/**
 * What a discovery listing looks for; a group must match every condition given. Discovery lists
 * only active groups that are {@linkplain GroupVisibility#listed() listed}, ordered by name.
 *
 * <pre>{@code
 * meadow.groups().discover(GroupSearch.inCategory("food").withNamePrefix("tea"), PageRequest.first(20));
 * }</pre>
 *
 * @param category a category key: groups in it or any category below it; {@code null} for any
 * @param label a style label key the group carries; {@code null} for any
 * @param namePrefix how the group's name starts, compared without regard to case and matched
 *     literally; {@code null} for any
 */
public record GroupSearch(@Nullable String category, @Nullable String label, @Nullable String namePrefix) {
  /** The longest name prefix. */
  public static final int MAX_PREFIX = GroupSettings.MAX_NAME;

  /**
   * Checks the shape of each condition (whether category and label exist is checked when
   * searching).
   *
   * @throws dev.meadow.core.ValidationException naming the field that breaks its rule
   */
  public GroupSearch {
    category = category == null ? null : Keys.check("category", category, 1);
    label = label == null ? null : Keys.check("label", label, 1);
    namePrefix = namePrefix == null ? null : Group.nameKey(PlainText.require("namePrefix", namePrefix, MAX_PREFIX));
  }

  /** Returns the search for every listed group. */
  public static GroupSearch all() {
    return new GroupSearch(null, null, null);
  }

  /** Returns the search for groups in a category or below it. */
  public static GroupSearch inCategory(String category) {
    return new GroupSearch(category, null, null);
  }

  /** Returns the search for groups carrying a label. */
  public static GroupSearch labelled(String label) {
    return new GroupSearch(null, label, null);
  }

  /** Returns the search for groups whose name starts with {@code prefix}. */
  public static GroupSearch namePrefix(String prefix) {
    return new GroupSearch(null, null, prefix);
  }

  /** Returns this search also limited to a category. */
  public GroupSearch withCategory(String newCategory) {
    return new GroupSearch(newCategory, label, namePrefix);
  }

  /** Returns this search also limited to a label. */
  public GroupSearch withLabel(String newLabel) {
    return new GroupSearch(category, newLabel, namePrefix);
  }

  /** Returns this search also limited to a name prefix. */
  public GroupSearch withNamePrefix(String prefix) {
    return new GroupSearch(category, label, prefix);
  }
}
