package dev.meadow.core.groups;

import dev.meadow.core.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rule for slugs, category keys and label keys: lower-case letters, digits, single hyphens. */
final class Keys {
  static final int MAX_LENGTH = 64;
  private static final Pattern KEY = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  private Keys() {}

  /**
   * Returns {@code value} lower-cased if it is a key of {@code minLength} to 64 characters.
   *
   * @throws ValidationException naming {@code field} otherwise
   */
  static String check(String field, @Nullable String value, int minLength) {
    if (value == null || value.isEmpty()) {
      throw ValidationException.of(field, "required", "must not be empty");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.length() < minLength || lower.length() > MAX_LENGTH || !KEY.matcher(lower).matches()) {
      throw ValidationException.of(field, "malformed_slug", "must be " + minLength + " to " + MAX_LENGTH
          + " letters a-z, digits and single hyphens, starting and ending with a letter or digit");
    }
    return lower;
  }

  /**
   * Returns the keys checked, lower-cased, sorted and without duplicates.
   *
   * @throws ValidationException naming {@code field} if there are more than {@code max} or one is
   *     malformed
   */
  static List<String> checkAll(String field, @Nullable Collection<String> values, int max) {
    if (values == null) {
      return List.of();
    }
    TreeSet<String> keys = new TreeSet<>();
    for (String value : values) {
      keys.add(check(field, value, 1));
    }
    if (keys.size() > max) {
      throw ValidationException.of(field, "too_many", "must hold at most " + max + " labels, had " + keys.size());
    }
    return new ArrayList<>(keys);
  }
}
