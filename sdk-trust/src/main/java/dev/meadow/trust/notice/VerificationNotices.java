package dev.meadow.trust.notice;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Meadow;
import dev.meadow.core.ValidationException;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.reviews.ContentModerator;
import dev.meadow.core.reviews.Reviews;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.VerificationRule;
import dev.meadow.trust.labels.DisclosureLabels;
import dev.meadow.trust.labels.LabelKind;
import dev.meadow.trust.labels.TrustTexts;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates a shop's "how reviews are verified" notice from its actual configuration: whether a
 * purchase verifier is set and the {@link VerificationRule}, the moderation chain, the referral
 * program's rewards, the imported sources the shop declares, and what happens to a review that
 * may not be genuine. Change the configuration and the notice changes; nothing in it is typed in
 * but the names of imported sources.
 *
 * <pre>{@code
 * VerificationNotices notices = VerificationNotices.of(meadow, List.of(ImportedSource.imported("Our old shop")));
 * VerificationNotice notice = notices.notice(Locale.GERMAN);
 * page.add(notice.title(), notice.paragraphs());   // plain text: escape it for HTML
 * }</pre>
 *
 * <p>Immutable and thread-safe; reads no storage.
 */
public final class VerificationNotices {
  /** The base name of the notice's resource bundles. */
  public static final String BUNDLE = "dev.meadow.trust.notice.Notice";

  /** The most imported sources a notice names. */
  public static final int MAX_SOURCES = 50;

  private static final Pattern LENGTH = Pattern.compile("length\\((\\d+),(\\d+)\\)");
  private static final Pattern LINKS = Pattern.compile("links\\((\\d+)\\)");

  private final Meadow meadow;
  private final List<ImportedSource> importedSources;
  private final TrustTexts texts;
  private final DisclosureLabels labels;

  private VerificationNotices(Meadow meadow, List<ImportedSource> importedSources, TrustTexts texts, DisclosureLabels labels) {
    this.meadow = meadow;
    this.importedSources = importedSources;
    this.texts = texts;
    this.labels = labels;
  }

  /** Returns the notices of a shop that declares no imported review sources. */
  public static VerificationNotices of(Meadow meadow) {
    return of(meadow, List.of());
  }

  /**
   * Returns the notices of a shop that imported reviews from, or shows reviews of, the given
   * sources.
   *
   * @throws ValidationException naming {@code importedSources} if there are more
   *     than {@value #MAX_SOURCES} or a name repeats
   */
  public static VerificationNotices of(Meadow meadow, List<ImportedSource> importedSources) {
    requireNonNull(meadow, "meadow");
    requireNonNull(importedSources, "importedSources");
    List<ImportedSource> sources = List.copyOf(importedSources);
    if (sources.size() > MAX_SOURCES) {
      throw ValidationException.of("importedSources", "too_many", "at most " + MAX_SOURCES + " sources");
    }
    if (sources.stream().map(ImportedSource::name).distinct().count() != sources.size()) {
      throw ValidationException.of("importedSources", "duplicate", "a source is named twice");
    }
    return new VerificationNotices(meadow, sources, TrustTexts.of(BUNDLE), DisclosureLabels.of(meadow));
  }

  /**
   * Returns these notices written with {@code texts} (bundles of the notice's keys, such as
   * {@code TrustTexts.of(BUNDLE).withBundle(Locale.FRENCH, french)}) and naming labels as
   * {@code labels} renders them.
   *
   * @throws IllegalArgumentException if {@code texts} lacks an English text the notice needs
   */
  public VerificationNotices withTexts(TrustTexts texts, DisclosureLabels labels) {
    requireNonNull(texts, "texts");
    requireNonNull(labels, "labels");
    if (!texts.has("notice.title")) {
      throw new IllegalArgumentException("the texts " + texts.baseName() + " are not the notice's");
    }
    return new VerificationNotices(meadow, importedSources, texts, labels);
  }

  /** Returns the notice in {@code locale} (English where the locale has no text). */
  public VerificationNotice notice(Locale locale) {
    requireNonNull(locale, "locale");
    Reviews reviews = meadow.reviews();
    VerificationRule rule = reviews.policy().verification();
    VerificationNotice.PurchaseCheck purchases = new VerificationNotice.PurchaseCheck(reviews.checksPurchases(),
        rule.minimumState(), rule.allowRefunded(), rule.window());
    VerificationNotice.Moderation moderation = new VerificationNotice.Moderation(
        reviews.policy().moderators().stream().map(ContentModerator::name).toList());
    VerificationNotice.Incentives incentives = incentives();
    VerificationNotice.Suspicious suspicious = new VerificationNotice.Suspicious(false, reviews.policy().reportThreshold());

    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(purchasesText(purchases, locale));
    paragraphs.add(moderationText(moderation, locale));
    paragraphs.add(texts.text("notice.ratings", locale));
    paragraphs.add(texts.text("notice.labels", locale, label(LabelKind.RECEIVED_FREE_PRODUCT, locale),
        label(LabelKind.INCENTIVISED, locale), label(LabelKind.EMPLOYEE_OR_SELLER, locale),
        label(LabelKind.FAMILY, locale), label(LabelKind.AFFILIATE, locale)));
    paragraphs.add(incentivesText(incentives, locale));
    paragraphs.add(sourcesText(locale));
    paragraphs.add(texts.text("notice.suspicious.manual", locale, suspicious.reportThreshold()));
    return new VerificationNotice(locale, purchases, moderation, incentives, importedSources, suspicious,
        List.of(LabelKind.values()), texts.text("notice.title", locale), paragraphs);
  }

  private VerificationNotice.Incentives incentives() {
    ReferralProgram program;
    try {
      program = meadow.referrals().program();
    } catch (IllegalStateException noProgram) {
      // Meadow.referrals() documents this exception for a shop without a referral program.
      return new VerificationNotice.Incentives(null, null, null, null);
    }
    return new VerificationNotice.Incentives(program.id(), program.referrerReward(), program.friendReward(),
        program.secondLevelReward());
  }

  private String purchasesText(VerificationNotice.PurchaseCheck purchases, Locale locale) {
    if (!purchases.checked()) {
      return texts.text("notice.purchases.unchecked", locale, label(LabelKind.VERIFIED_PURCHASE, locale));
    }
    String state = texts.text("notice.state." + purchases.minimumState().name().toLowerCase(Locale.ROOT), locale);
    String refunds = texts.text(purchases.allowRefunded() ? "notice.refunds.allowed" : "notice.refunds.refused", locale);
    String window = purchases.window() == null ? texts.text("notice.window.none", locale)
        : texts.text("notice.window.days", locale, purchases.window().toDays());
    return texts.text("notice.purchases.checked", locale, label(LabelKind.VERIFIED_PURCHASE, locale), state, refunds,
        window);
  }

  private String moderationText(VerificationNotice.Moderation moderation, Locale locale) {
    if (moderation.rules().isEmpty()) {
      return texts.text("notice.moderation.none", locale);
    }
    List<String> rules = new ArrayList<>();
    for (String rule : moderation.rules()) {
      rules.add(rule(rule, locale));
    }
    return texts.text("notice.moderation.rules", locale, String.join(texts.text("notice.separator", locale), rules));
  }

  private String rule(String name, Locale locale) {
    Matcher length = LENGTH.matcher(name);
    if (length.matches()) {
      return texts.text("notice.rule.length", locale, Long.parseLong(length.group(1)), Long.parseLong(length.group(2)));
    }
    Matcher links = LINKS.matcher(name);
    if (links.matches()) {
      return texts.text("notice.rule.links", locale, Long.parseLong(links.group(1)));
    }
    return switch (name) {
      case "contactDetails" -> texts.text("notice.rule.contactDetails", locale);
      case "blockedWords" -> texts.text("notice.rule.blockedWords", locale);
      case "repeatedText" -> texts.text("notice.rule.repeatedText", locale);
      default -> texts.text("notice.rule.custom", locale, name);
    };
  }

  private String incentivesText(VerificationNotice.Incentives incentives, Locale locale) {
    if (!incentives.referralProgram()) {
      return texts.text("notice.incentives.none", locale, label(LabelKind.INCENTIVISED, locale));
    }
    List<String> rewards = new ArrayList<>();
    if (incentives.referrerReward() != null) {
      rewards.add(texts.text("notice.reward.referrer", locale, reward(incentives.referrerReward(), locale)));
    }
    if (incentives.friendReward() != null) {
      rewards.add(texts.text("notice.reward.friend", locale, reward(incentives.friendReward(), locale)));
    }
    if (incentives.secondLevelReward() != null) {
      rewards.add(texts.text("notice.reward.secondLevel", locale, reward(incentives.secondLevelReward(), locale)));
    }
    String paid = rewards.isEmpty() ? texts.text("notice.reward.nothing", locale)
        : String.join(texts.text("notice.separator", locale), rewards);
    return texts.text("notice.incentives.program", locale, paid, label(LabelKind.INCENTIVISED, locale));
  }

  private String reward(RewardRule rule, Locale locale) {
    if (rule instanceof RewardRule.Fixed fixed) {
      return money(fixed.amount(), locale);
    }
    if (rule instanceof RewardRule.Percent percent) {
      NumberFormat format = NumberFormat.getPercentInstance(locale);
      format.setMaximumFractionDigits(2);
      return texts.text("notice.reward.percent", locale, format.format(percent.basisPoints() / 10_000.0),
          money(percent.cap(), locale));
    }
    RewardRule.Tiered tiered = (RewardRule.Tiered) rule;
    List<String> tiers = new ArrayList<>();
    for (RewardRule.Tier tier : tiered.tiers()) {
      tiers.add(texts.text("notice.reward.tier", locale, tier.fromConversion(), reward(tier.rule(), locale)));
    }
    return String.join(texts.text("notice.tier.separator", locale), tiers);
  }

  private static String money(Money money, Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(money.currency());
    int digits = Math.max(0, money.currency().getDefaultFractionDigits());
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(BigDecimal.valueOf(money.minor(), digits));
  }

  private String sourcesText(Locale locale) {
    String imported = label(LabelKind.IMPORTED, locale);
    String syndicated = label(LabelKind.SYNDICATED, locale);
    if (importedSources.isEmpty()) {
      return texts.text("notice.sources.none", locale, imported, syndicated);
    }
    List<String> named = new ArrayList<>();
    for (ImportedSource source : importedSources) {
      named.add(texts.text(source.source() == Source.IMPORTED ? "notice.source.imported" : "notice.source.syndicated",
          locale, source.name()));
    }
    return texts.text("notice.sources.named", locale, String.join(texts.text("notice.separator", locale), named),
        imported, syndicated);
  }

  private String label(LabelKind kind, Locale locale) {
    return labels.render(kind, locale);
  }
}
