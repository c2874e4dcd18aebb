package dev.meadow.trust.notice;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.trust.labels.LabelKind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A shop's "how reviews are verified" notice: the settings it states, as data, and the same in
 * plain text a shop shows next to its reviews. Obtained from {@link VerificationNotices}; every
 * field comes from the shop's configuration, so changing it changes the notice.
 *
 * @param locale the language of the text
 * @param purchases whether and how reviews are checked to come from buyers (EU Omnibus)
 * @param moderation the checks every review passes before it is published
 * @param incentives the referral rewards the shop pays, which make a review incentivised
 * @param importedSources where imported and syndicated reviews come from, as the shop declared
 * @param suspicious what happens to a review that may not be genuine
 * @param labels the labels reviews may carry, in display order (FTC 16 CFR 465.4, 465.5)
 * @param title the notice's heading
 * @param paragraphs the notice's text, one paragraph per setting, in order
 */
public record VerificationNotice(
    Locale locale,
    PurchaseCheck purchases,
    Moderation moderation,
    Incentives incentives,
    List<ImportedSource> importedSources,
    Suspicious suspicious,
    List<LabelKind> labels,
    String title,
    List<String> paragraphs) {
  public VerificationNotice {
    requireNonNull(locale, "locale");
    requireNonNull(purchases, "purchases");
    requireNonNull(moderation, "moderation");
    requireNonNull(incentives, "incentives");
    importedSources = List.copyOf(importedSources);
    requireNonNull(suspicious, "suspicious");
    labels = List.copyOf(labels);
    requireNonNull(title, "title");
    paragraphs = List.copyOf(paragraphs);
  }

  /** Returns the notice as plain text: the title, then the paragraphs, separated by blank lines. */
  public String text() {
    return title + "\n\n" + String.join("\n\n", paragraphs);
  }

  /**
   * Whether and how reviews are checked against the shop's orders.
   *
   * @param checked whether the shop set a purchase verifier; without one no review is verified
   * @param minimumState how far the purchase must have got
   * @param allowRefunded whether a refunded purchase still verifies
   * @param window the longest time from purchase to review, or {@code null} for no limit
   */
  public record PurchaseCheck(boolean checked, PurchaseState minimumState, boolean allowRefunded, @Nullable Duration window) {
    public PurchaseCheck {
      requireNonNull(minimumState, "minimumState");
    }
  }

  /**
   * The moderation chain.
   *
   * @param rules each moderator's {@linkplain dev.meadow.core.reviews.ContentModerator#name() name},
   *     in the order they run; none see the star rating
   */
  public record Moderation(List<String> rules) {
    public Moderation {
      rules = List.copyOf(rules);
    }
  }

  /**
   * The referral program's rewards.
   *
   * @param programId the program, or {@code null} when the shop runs none
   * @param referrerReward what whoever refers a buyer earns, or {@code null}
   * @param friendReward what the referred buyer earns, or {@code null}
   * @param secondLevelReward what the referrer's own referrer earns, or {@code null}
   */
  public record Incentives(@Nullable String programId, @Nullable RewardRule referrerReward,
      @Nullable RewardRule friendReward, @Nullable RewardRule secondLevelReward) {
    /** Returns whether the shop runs a referral program. */
    public boolean referralProgram() {
      return programId != null;
    }
  }

  /**
   * What Meadow does with a review that may not be genuine.
   *
   * @param automaticScoring whether reviews are scored automatically for authenticity: not yet in
   *     Meadow, so {@code false}
   * @param reportThreshold how many open abuse reports hold a published review for a person
   */
  public record Suspicious(boolean automaticScoring, int reportThreshold) {}
}
