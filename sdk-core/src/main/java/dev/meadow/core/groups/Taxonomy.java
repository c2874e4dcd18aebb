package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shop's tree of group categories ("Food" → "Tea"). Set once on the {@code Meadow} builder;
 * immutable and thread-safe. Listing groups by a category includes its sub-categories.
 *
 * <pre>{@code
 * Taxonomy taxonomy = Taxonomy.builder()
 *     .category("food", "Food")
 *     .category("tea", "Tea", "food")
 *     .build();
 * }</pre>
 */
public final class Taxonomy {
  private static final Taxonomy EMPTY = new Taxonomy(Map.of());

  private final Map<String, Category> byKey;
  private final Map<String, List<String>> children;

  private Taxonomy(Map<String, Category> byKey) {
    this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
    Map<String, List<String>> kids = new LinkedHashMap<>();
    for (Category category : byKey.values()) {
      if (category.parent() != null) {
        kids.computeIfAbsent(category.parent(), k -> new ArrayList<>()).add(category.key());
      }
    }
    this.children = kids;
  }

  /** Returns the taxonomy with no categories: groups then carry none. */
  public static Taxonomy empty() {
    return EMPTY;
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the category with this key. */
  public Optional<Category> category(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Returns every category, parents before their children, in the order they were added. */
  public List<Category> categories() {
    return List.copyOf(byKey.values());
  }

  /** Returns the key and the keys of every category below it, at any depth. */
  public Set<String> withDescendants(String key) {
    Set<String> keys = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(List.of(key));
    while (!pending.isEmpty()) {
      String next = pending.remove(pending.size() - 1);
      if (keys.add(next)) {
        pending.addAll(children.getOrDefault(next, List.of()));
      }
    }
    return keys;
  }

  /**
   * Checks a category key a user sent and returns it in stored form.
   *
   * @throws ValidationException naming {@code field} if it is not a category of this taxonomy
   */
  String check(String field, String key) {
    String stored = Keys.check(field, key, 1);
    if (!byKey.containsKey(stored)) {
      throw ValidationException.of(field, "unknown_category", "is not a category of this shop");
    }
    return stored;
  }

  @Override
  public String toString() {
    return "Taxonomy" + byKey.keySet();
  }

  /** Builds a {@link Taxonomy}; a parent must be added before its children. */
  public static final class Builder {
    private final Map<String, Category> byKey = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a top-level category. */
    public Builder category(String key, String name) {
      return add(key, name, null);
    }

    /**
     * Adds a category under {@code parent}.
     *
     * @throws IllegalArgumentException if the key is malformed or taken, the name is invalid, or
     *     the parent was not added yet
     */
    public Builder category(String key, String name, String parent) {
      return add(key, name, requireNonNull(parent, "parent"));
    }

    private Builder add(String key, String name, @Nullable String parent) {
      requireNonNull(key, "key");
      requireNonNull(name, "name");
      try {
        String stored = Keys.check("key", key, 1);
        if (!stored.equals(key)) {
          throw new IllegalArgumentException("category key '" + key + "' must be lower-case");
        }
        if (byKey.containsKey(key)) {
          throw new IllegalArgumentException("category '" + key + "' was already added");
        }
        if (parent != null && !byKey.containsKey(parent)) {
          throw new IllegalArgumentException("parent category '" + parent + "' of '" + key + "' was not added first");
        }
        byKey.put(key, new Category(key, PlainText.require("name", name, 80), parent));
      } catch (ValidationException e) {
        throw new IllegalArgumentException("category '" + key + "': " + e.getMessage(), e);
      }
      return this;
    }

    /** Returns the taxonomy. */
    public Taxonomy build() {
      return new Taxonomy(byKey);
    }
  }
}
