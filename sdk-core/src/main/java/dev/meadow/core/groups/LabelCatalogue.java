package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's catalogue of style labels ("minimalist", "mori girl", "petite"): users give
 * themselves up to a few, groups and posts carry them, everything is listable by label, and feeds
 * rank by them. Set once on the {@code Meadow} builder; immutable and thread-safe.
 *
 * <pre>{@code
 * LabelCatalogue labels = LabelCatalogue.builder()
 *     .label("minimalist", "Minimalist")
 *     .label("mori-girl", "Mori girl")
 *     .build();
 * }</pre>
 */
public final class LabelCatalogue {
  private static final LabelCatalogue EMPTY = new LabelCatalogue(Map.of());

  private final Map<String, String> names;

  private LabelCatalogue(Map<String, String> names) {
    this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
  }

  /** Returns the catalogue with no labels: nothing can then be labelled. */
  public static LabelCatalogue empty() {
    return EMPTY;
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns every label key, in the order they were added. */
  public List<String> keys() {
    return List.copyOf(names.keySet());
  }

  /** Returns a label's display name. */
  public Optional<String> name(String key) {
    return Optional.ofNullable(names.get(key));
  }

  /**
   * Checks labels a user sent and returns them lower-cased, sorted and without duplicates.
   *
   * @throws ValidationException naming {@code field} if there are more than {@code max}, or one
   *     is not in the catalogue
   */
  List<String> check(String field, Collection<String> labels, int max) {
    List<String> keys = Keys.checkAll(field, labels, max);
    for (String key : keys) {
      if (!names.containsKey(key)) {
        throw ValidationException.of(field, "unknown_label", "'" + key + "' is not a label of this shop");
      }
    }
    return keys;
  }

  /**
   * Checks one label a user sent.
   *
   * @throws ValidationException naming {@code label} if it is not in the catalogue
   */
  String check(String label) {
    return check("label", List.of(requireNonNull(label, "label")), 1).get(0);
  }

  @Override
  public String toString() {
    return "LabelCatalogue" + names.keySet();
  }

  /** Builds a {@link LabelCatalogue}. */
  public static final class Builder {
    private final Map<String, String> names = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a label.
     *
     * @throws IllegalArgumentException if the key is malformed, not lower-case or taken, or the
     *     name is invalid
     */
    public Builder label(String key, String name) {
      requireNonNull(key, "key");
      requireNonNull(name, "name");
      try {
        if (!Keys.check("key", key, 1).equals(key)) {
          throw new IllegalArgumentException("label key '" + key + "' must be lower-case");
        }
        if (names.containsKey(key)) {
          throw new IllegalArgumentException("label '" + key + "' was already added");
        }
        names.put(key, PlainText.require("name", name, 80));
      } catch (ValidationException e) {
        throw new IllegalArgumentException("label '" + key + "': " + e.getMessage(), e);
      }
      return this;
    }

    /** Returns the catalogue. */
    public LabelCatalogue build() {
      return new LabelCatalogue(names);
    }
  }
}
