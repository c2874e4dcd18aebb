package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a review came from and what might colour it, recorded as data on every review. The
 * {@link #labels() disclosure labels} shown with a review are derived from it.
 *
 * @param source organic, invited, imported or syndicated
 * @param verification the purchase evidence and the verdict of the shop's rule
 * @param incentive what the reviewer got for writing
 * @param relationship how the reviewer is tied to the seller
 * @param sourceName the name of the source an {@link Source#IMPORTED imported} review came from or a
 *     {@link Source#SYNDICATED syndicated} one is shown from, such as {@code "Old Shop Reviews"} or
 *     {@code "Trustpilot"}: plain text of 1 to {@value #MAX_SOURCE_NAME} characters (see
 *     {@link PlainText}); {@code null} when not named, and always for organic and invited reviews
 */
public record Provenance(
    Source source, Verification verification, Incentive incentive, Relationship relationship,
    @Nullable String sourceName) {
  /** The most characters a source's name may have. */
  public static final int MAX_SOURCE_NAME = 100;

  /**
   * Checks the provenance and cleans the source's name as {@link PlainText#require} does.
   *
   * @throws ValidationException naming {@code sourceName} if the name breaks a {@link PlainText}
   *     rule, is blank, is longer than {@value #MAX_SOURCE_NAME} characters, or is given for an
   *     organic or invited review
   */
  public Provenance {
    requireNonNull(source, "source");
    requireNonNull(verification, "verification");
    requireNonNull(incentive, "incentive");
    requireNonNull(relationship, "relationship");
    sourceName = sourceName(source, sourceName);
  }

  /** Returns a provenance that names no source. */
  public Provenance(Source source, Verification verification, Incentive incentive, Relationship relationship) {
    this(source, verification, incentive, relationship, null);
  }

  /**
   * Returns {@code name} cleaned as the name of {@code source}, or {@code null} if it is null.
   *
   * @throws ValidationException naming {@code sourceName} if the name breaks a rule
   */
  static @Nullable String sourceName(Source source, @Nullable String name) {
    if (name == null) {
      return null;
    }
    if (source != Source.IMPORTED && source != Source.SYNDICATED) {
      throw ValidationException.of("sourceName", "not_allowed",
          "only imported and syndicated reviews name their source, not " + source + " ones");
    }
    return PlainText.require("sourceName", name, MAX_SOURCE_NAME);
  }

  /** Returns whether the purchase was verified: never for imported or syndicated reviews. */
  public boolean verified() {
    return verification.verified() && source != Source.IMPORTED && source != Source.SYNDICATED;
  }

  /** Returns the disclosure labels to show with the review, in display order. */
  public List<DisclosureLabel> labels() {
    List<DisclosureLabel> labels = new ArrayList<>();
    if (verified()) {
      labels.add(DisclosureLabel.VERIFIED_PURCHASE);
    }
    switch (source) {
      case INVITED -> labels.add(DisclosureLabel.INVITED);
      case IMPORTED -> labels.add(DisclosureLabel.IMPORTED);
      case SYNDICATED -> labels.add(DisclosureLabel.SYNDICATED);
      case ORGANIC -> { }
    }
    switch (incentive) {
      case FREE_PRODUCT -> labels.add(DisclosureLabel.RECEIVED_FREE_PRODUCT);
      case DISCOUNT -> labels.add(DisclosureLabel.RECEIVED_DISCOUNT);
      case POINTS -> labels.add(DisclosureLabel.RECEIVED_POINTS);
      case REFERRAL_REWARD -> labels.add(DisclosureLabel.RECEIVED_REFERRAL_REWARD);
      case OTHER -> labels.add(DisclosureLabel.RECEIVED_INCENTIVE);
      case NONE -> { }
    }
    switch (relationship) {
      case EMPLOYEE -> labels.add(DisclosureLabel.EMPLOYEE_OF_SELLER);
      case SELLER -> labels.add(DisclosureLabel.SELLER);
      case FAMILY -> labels.add(DisclosureLabel.FAMILY_OF_SELLER);
      case AFFILIATE -> labels.add(DisclosureLabel.AFFILIATE_OF_SELLER);
      case NONE -> { }
    }
    return List.copyOf(labels);
  }
}
