package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import dev.meadow.core.WebUrl;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A badge of the shop's catalogue: earned by a {@link Rule}, or granted by the shop. Build one with
 * {@link #earned} or {@link #granted}, or start from {@link BuiltInBadges}.
 *
 * @param id the badge's stable id: lower case letters, digits, {@code -} and {@code _}, 1 to 64
 * @param name its name, plain text, 1 to {@value #MAX_NAME} characters
 * @param description what it is for, plain text, at most {@value #MAX_DESCRIPTION} characters, may be empty
 * @param iconUrl an {@code http(s)} URL of its icon, or {@code null}
 * @param tier bronze, silver or gold
 * @param grouping the shelf it is shown on, such as {@code reviews}; plain text, at most 64 characters, may be empty
 * @param scope {@link Scope#USER} for a badge held once; another scope makes it repeatable, once per subject
 * @param rule the rule that earns it, or {@code null} for a granted badge
 * @param revokedWhenRuleFails whether an earned badge is revoked when its rule stops holding
 */
public record Badge(String id, String name, String description, @Nullable String iconUrl, Tier tier, String grouping,
    Scope scope, @Nullable Rule rule, boolean revokedWhenRuleFails) {
  /** The longest badge name. */
  public static final int MAX_NAME = 100;
  /** The longest description. */
  public static final int MAX_DESCRIPTION = 1000;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /**
   * Checks the badge.
   *
   * @throws ValidationException naming the field at fault
   * @throws IllegalArgumentException if an earned badge has the {@link Scope#DOMAIN} scope
   */
  public Badge {
    id = checkId(id);
    name = PlainText.require("name", name, MAX_NAME);
    String d = PlainText.optional("description", description, MAX_DESCRIPTION);
    description = d == null ? "" : d;
    iconUrl = iconUrl == null ? null : WebUrl.require("iconUrl", iconUrl);
    requireNonNull(tier, "tier");
    String g = PlainText.optional("grouping", grouping, 64);
    grouping = g == null ? "" : g;
    requireNonNull(scope, "scope");
    if (rule != null && scope == Scope.DOMAIN) {
      throw new IllegalArgumentException("only a granted badge is held per domain: " + id);
    }
    if (rule == null && revokedWhenRuleFails) {
      throw new IllegalArgumentException("a granted badge has no rule to fail: " + id);
    }
  }

  static String checkId(@Nullable String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ValidationException.of("badgeId", "malformed", "must be 1 to 64 of a-z, 0-9, - and _, starting with a letter or digit");
    }
    return id;
  }

  /** Returns whether the badge can be held more than once, once per subject of its scope. */
  public boolean repeatable() {
    return scope != Scope.USER;
  }

  /** Returns whether the shop grants the badge, rather than a rule earning it. */
  public boolean isGranted() {
    return rule == null;
  }

  /** Returns a builder of a badge earned when {@code rule} holds; bronze, held once, kept when the rule fails. */
  public static Builder earned(String id, String name, Rule rule) {
    return new Builder(id, name, requireNonNull(rule, "rule"));
  }

  /** Returns a builder of a badge the shop grants; bronze, held once. */
  public static Builder granted(String id, String name) {
    return new Builder(id, name, null);
  }

  /** Builds a {@link Badge}; each setter checks its value at once. */
  public static final class Builder {
    private String id;
    private String name;
    private final @Nullable Rule rule;
    private String description = "";
    private @Nullable String iconUrl;
    private Tier tier = Tier.BRONZE;
    private String grouping = "";
    private Scope scope = Scope.USER;
    private boolean revokedWhenRuleFails;

    private Builder(String id, String name, @Nullable Rule rule) {
      this.id = checkId(id);
      this.name = PlainText.require("name", name, MAX_NAME);
      this.rule = rule;
    }

    /** Sets the id. */
    public Builder id(String id) {
      this.id = checkId(id);
      return this;
    }

    /** Sets the name. */
    public Builder name(String name) {
      this.name = PlainText.require("name", name, MAX_NAME);
      return this;
    }

    /** Sets the description. */
    public Builder description(String description) {
      String d = PlainText.optional("description", requireNonNull(description, "description"), MAX_DESCRIPTION);
      this.description = d == null ? "" : d;
      return this;
    }

    /** Sets the icon's URL. */
    public Builder iconUrl(String iconUrl) {
      this.iconUrl = WebUrl.require("iconUrl", iconUrl);
      return this;
    }

    /** Sets the tier. */
    public Builder tier(Tier tier) {
      this.tier = requireNonNull(tier, "tier");
      return this;
    }

    /** Sets the grouping. */
    public Builder grouping(String grouping) {
      String g = PlainText.optional("grouping", requireNonNull(grouping, "grouping"), 64);
      this.grouping = g == null ? "" : g;
      return this;
    }

    /**
     * Makes the badge held once per subject of {@code scope} (repeatable), or once ({@link Scope#USER}).
     *
     * @throws IllegalArgumentException for {@link Scope#DOMAIN} on an earned badge
     */
    public Builder per(Scope scope) {
      requireNonNull(scope, "scope");
      if (rule != null && scope == Scope.DOMAIN) {
        throw new IllegalArgumentException("only a granted badge is held per domain");
      }
      this.scope = scope;
      return this;
    }

    /**
     * Sets whether an earned badge is revoked when its rule stops holding.
     *
     * @throws IllegalStateException on a granted badge
     */
    public Builder revokedWhenRuleFails(boolean revoked) {
      if (rule == null) {
        throw new IllegalStateException("a granted badge has no rule to fail");
      }
      this.revokedWhenRuleFails = revoked;
      return this;
    }

    /** Returns the badge. */
    public Badge build() {
      return new Badge(id, name, description, iconUrl, tier, grouping, scope, rule, revokedWhenRuleFails);
    }
  }
}
