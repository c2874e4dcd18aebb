package dev.meadow.core.groups;

import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import dev.meadow.core.internal.Violations;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a user asks for when creating a group. Text is checked and cleaned as it is built (see
 * {@link PlainText}); the slug is lower-cased.
 *
 * @param name 1 to {@value #MAX_NAME} characters
 * @param slug the URL handle: 3 to 64 lower-case letters, digits and single hyphens, starting and
 *     ending with a letter or digit; unique among groups
 * @param description up to {@value #MAX_DESCRIPTION} characters, or {@code null}
 */
public record GroupDraft(String name, String slug, @Nullable String description) {
  /** The longest name. */
  public static final int MAX_NAME = 80;

  /** The longest description. */
  public static final int MAX_DESCRIPTION = 4000;

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /**
   * Checks and cleans every field.
   *
   * @throws ValidationException naming every field that breaks its rule
   */
  public GroupDraft {
    Violations violations = new Violations();
    String cleanName = violations.check(name, n -> PlainText.require("name", n, MAX_NAME));
    String cleanSlug = violations.check(slug, GroupDraft::checkSlug);
    String cleanDescription =
        violations.check(description, d -> PlainText.optional("description", d, MAX_DESCRIPTION));
    violations.throwIfAny();
    name = cleanName;
    slug = cleanSlug;
    description = cleanDescription;
  }

  /** Returns a draft with a name and slug and no description. */
  public static GroupDraft of(String name, String slug) {
    return new GroupDraft(name, slug, null);
  }

  /** Returns this draft with another description. */
  public GroupDraft withDescription(@Nullable String newDescription) {
    return new GroupDraft(name, slug, newDescription);
  }

  /**
   * Checks a slug as a user typed it and returns its stored, lower-case form.
   *
   * @throws ValidationException naming {@code slug} if it breaks the rule
   */
  public static String checkSlug(@Nullable String slug) {
    if (slug == null || slug.isEmpty()) {
      throw ValidationException.of("slug", "required", "must not be empty");
    }
    String lower = slug.toLowerCase(Locale.ROOT);
    if (lower.length() < 3 || lower.length() > 64 || !SLUG.matcher(lower).matches()) {
      throw ValidationException.of("slug", "malformed_slug",
          "must be 3 to 64 letters a-z, digits and single hyphens, starting and ending with a letter or digit");
    }
    return lower;
  }
}
