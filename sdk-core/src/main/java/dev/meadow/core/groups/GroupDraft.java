package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ValidationException;
import dev.meadow.core.internal.Violations;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a user asks for when creating a group: its slug, which never changes, and its
 * {@link GroupSettings}.
 *
 * <pre>{@code
 * GroupDraft draft = GroupDraft.of("Tea lovers", "tea-lovers")
 *     .withDescription("Oolong, puer and everything between")
 *     .withCategory("tea")
 *     .withVisibility(GroupVisibility.REQUEST);
 * }</pre>
 *
 * @param slug the URL handle: 3 to 64 lower-case letters, digits and single hyphens, starting and
 *     ending with a letter or digit; unique among groups; stored lower-case
 * @param settings everything else
 */
public record GroupDraft(String slug, GroupSettings settings) {
  /**
   * Checks the slug.
   *
   * @throws ValidationException naming {@code slug} if it breaks the rule
   */
  public GroupDraft {
    slug = checkSlug(slug);
    requireNonNull(settings, "settings");
  }

  /**
   * Returns a draft of a public group with a name and slug and nothing else.
   *
   * @throws ValidationException naming every field that breaks its rule
   */
  public static GroupDraft of(String name, String slug) {
    Violations violations = new Violations();
    GroupSettings settings = violations.check(name, GroupSettings::named);
    String cleanSlug = violations.check(slug, GroupDraft::checkSlug);
    violations.throwIfAny();
    return new GroupDraft(cleanSlug, settings);
  }

  /** Returns the name. */
  public String name() {
    return settings.name();
  }

  /** Returns the description, or {@code null}. */
  public @Nullable String description() {
    return settings.description();
  }

  /** Returns this draft with another description. */
  public GroupDraft withDescription(@Nullable String description) {
    return new GroupDraft(slug, settings.withDescription(description));
  }

  /** Returns this draft with house rules. */
  public GroupDraft withRules(@Nullable String rules) {
    return new GroupDraft(slug, settings.withRules(rules));
  }

  /** Returns this draft with a category key of the shop's taxonomy. */
  public GroupDraft withCategory(@Nullable String category) {
    return new GroupDraft(slug, settings.withCategory(category));
  }

  /** Returns this draft with label keys of the shop's catalogue. */
  public GroupDraft withLabels(List<String> labels) {
    return new GroupDraft(slug, settings.withLabels(labels));
  }

  /** Returns this draft with another visibility. */
  public GroupDraft withVisibility(GroupVisibility visibility) {
    return new GroupDraft(slug, settings.withVisibility(visibility));
  }

  /** Returns this draft with members' posts needing approval, or not. */
  public GroupDraft withPostApproval(boolean approval) {
    return new GroupDraft(slug, settings.withPostApproval(approval));
  }

  /**
   * Checks a slug as a user typed it and returns its stored, lower-case form.
   *
   * @throws ValidationException naming {@code slug} if it breaks the rule
   */
  public static String checkSlug(@Nullable String slug) {
    return Keys.check("slug", slug, 3);
  }
}
