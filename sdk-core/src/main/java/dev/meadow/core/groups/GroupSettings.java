package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.internal.Violations;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a group's owner decides: everything about a group but its slug, owner and counts. Text is
 * checked and cleaned as it is built (see {@link PlainText}); category and labels are checked
 * against the shop's {@link Taxonomy} and {@link LabelCatalogue} when the settings are saved.
 *
 * @param name 1 to {@value #MAX_NAME} characters
 * @param description up to {@value #MAX_TEXT} characters, or {@code null}
 * @param rules the house rules, up to {@value #MAX_TEXT} characters, or {@code null}
 * @param category a category key of the shop's taxonomy, or {@code null}
 * @param labels up to {@value #MAX_LABELS} label keys of the shop's catalogue; stored sorted
 *     without duplicates
 * @param visibility who may join and read; a store station is always {@link GroupVisibility#PUBLIC}
 * @param postApproval whether members' posts wait for a moderator
 */
public record GroupSettings(
    String name,
    @Nullable String description,
    @Nullable String rules,
    @Nullable String category,
    List<String> labels,
    GroupVisibility visibility,
    boolean postApproval) {
  /** The longest name. */
  public static final int MAX_NAME = 80;

  /** The longest description or rules text. */
  public static final int MAX_TEXT = 4000;

  /** The most labels on a group. */
  public static final int MAX_LABELS = 10;

  /**
   * Checks and cleans every field.
   *
   * @throws dev.meadow.core.ValidationException naming every field that breaks its rule
   */
  public GroupSettings {
    requireNonNull(visibility, "visibility");
    Violations violations = new Violations();
    String cleanName = violations.check(name, n -> PlainText.require("name", n, MAX_NAME));
    String cleanDescription = violations.check(description, d -> PlainText.optional("description", d, MAX_TEXT));
    String cleanRules = violations.check(rules, r -> PlainText.optional("rules", r, MAX_TEXT));
    String cleanCategory = category == null ? null : violations.check(category, c -> Keys.check("category", c, 1));
    List<String> cleanLabels = violations.check(labels, l -> Keys.checkAll("labels", l, MAX_LABELS));
    violations.throwIfAny();
    name = cleanName;
    description = cleanDescription;
    rules = cleanRules;
    category = cleanCategory;
    labels = List.copyOf(cleanLabels);
  }

  /** Returns settings with a name, public visibility and nothing else. */
  public static GroupSettings named(String name) {
    return new GroupSettings(name, null, null, null, List.of(), GroupVisibility.PUBLIC, false);
  }

  /** Returns a group's current settings. */
  public static GroupSettings of(Group group) {
    return new GroupSettings(group.name(), group.description(), group.rules(), group.category(), group.labels(),
        group.visibility(), group.postApproval());
  }

  /** Returns these settings with another name. */
  public GroupSettings withName(String newName) {
    return new GroupSettings(newName, description, rules, category, labels, visibility, postApproval);
  }

  /** Returns these settings with another description. */
  public GroupSettings withDescription(@Nullable String newDescription) {
    return new GroupSettings(name, newDescription, rules, category, labels, visibility, postApproval);
  }

  /** Returns these settings with other house rules. */
  public GroupSettings withRules(@Nullable String newRules) {
    return new GroupSettings(name, description, newRules, category, labels, visibility, postApproval);
  }

  /** Returns these settings with another category. */
  public GroupSettings withCategory(@Nullable String newCategory) {
    return new GroupSettings(name, description, rules, newCategory, labels, visibility, postApproval);
  }

  /** Returns these settings with other labels. */
  public GroupSettings withLabels(List<String> newLabels) {
    return new GroupSettings(name, description, rules, category, newLabels, visibility, postApproval);
  }

  /** Returns these settings with another visibility. */
  public GroupSettings withVisibility(GroupVisibility newVisibility) {
    return new GroupSettings(name, description, rules, category, labels, newVisibility, postApproval);
  }

  /** Returns these settings with members' posts needing approval, or not. */
  public GroupSettings withPostApproval(boolean approval) {
    return new GroupSettings(name, description, rules, category, labels, visibility, approval);
  }
}
