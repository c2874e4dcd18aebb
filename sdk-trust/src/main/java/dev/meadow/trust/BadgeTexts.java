package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.trust.labels.TrustTexts;
import java.util.Locale;

/**
 * Badges' names, descriptions and tiers in the shopper's language: English, Simplified Chinese and
 * German ship in the bundle {@value #BUNDLE}; a host adds a locale as it does for labels, through
 * {@link TrustTexts} ({@code TrustTexts.of(BadgeTexts.BUNDLE).withBundle(Locale.FRENCH, french)}).
 *
 * <p>A built-in badge ({@link BuiltInBadges}) whose name and description the shop kept is shown in
 * the locale's words; a badge the shop named itself is shown as the shop named it, in every
 * locale, unless the texts hold keys {@code badge.<id>.name} and {@code badge.<id>.description}
 * for it (its English ones in the base bundle). Thread-safe and immutable.
 */
public final class BadgeTexts {
  /** The base name of the bundles of badge texts. */
  public static final String BUNDLE = "dev.meadow.trust.Badges";

  private final TrustTexts texts;

  private BadgeTexts(TrustTexts texts) {
    this.texts = texts;
  }

  /** Returns the texts Meadow ships: English, Simplified Chinese and German. */
  public static BadgeTexts of() {
    return new BadgeTexts(TrustTexts.of(BUNDLE, BadgeTexts.class.getClassLoader()));
  }

  /**
   * Returns badge texts from {@code texts}, such as the shipped ones with a host's locale added.
   *
   * @throws IllegalArgumentException if {@code texts} are not badge texts (they lack the tiers)
   */
  public static BadgeTexts of(TrustTexts texts) {
    requireNonNull(texts, "texts");
    if (!texts.has("tier.gold")) {
      throw new IllegalArgumentException("the texts " + texts.baseName() + " are not badge texts");
    }
    return new BadgeTexts(texts);
  }

  /** Returns the badge's name in {@code locale}. */
  public String name(Badge badge, Locale locale) {
    return text(badge, "name", badge.name(), locale);
  }

  /** Returns the badge's description in {@code locale}. */
  public String description(Badge badge, Locale locale) {
    return text(badge, "description", badge.description(), locale);
  }

  /** Returns the tier's name in {@code locale}, such as "金牌" for gold in Simplified Chinese. */
  public String tier(Tier tier, Locale locale) {
    requireNonNull(tier, "tier");
    return texts.text("tier." + tier.name().toLowerCase(Locale.ROOT), locale);
  }

  /*
   * The shop's own words win: a built-in badge renamed by the shop keeps the shop's name, since the
   * bundle's translations translate Meadow's English, not the shop's.
   */
  private String text(Badge badge, String part, String shops, Locale locale) {
    requireNonNull(badge, "badge");
    requireNonNull(locale, "locale");
    String key = "badge." + badge.id() + "." + part;
    if (!texts.has(key) || !texts.text(key, Locale.ENGLISH).equals(shops)) {
      return shops;
    }
    return texts.text(key, locale);
  }
}
