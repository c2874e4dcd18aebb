package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a review came from and what might colour it, recorded as data on every review. The
 * {@link #labels() disclosure labels} shown with a review are derived from it.
 *
 * @param source organic, invited, imported or syndicated
 * @param verification the purchase evidence and the verdict of the shop's rule
 * @param incentive what the reviewer got for writing
 * @param relationship how the reviewer is tied to the seller
 */
public record Provenance(Source source, Verification verification, Incentive incentive, Relationship relationship) {
  public Provenance {
    requireNonNull(source, "source");
    requireNonNull(verification, "verification");
    requireNonNull(incentive, "incentive");
    requireNonNull(relationship, "relationship");
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
