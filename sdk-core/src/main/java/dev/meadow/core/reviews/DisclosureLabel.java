package dev.meadow.core.reviews;

/**
 * A label shown with a review, derived from its {@link Provenance}: never typed in, so it cannot
 * be left out.
 */
public enum DisclosureLabel {
  /** The host confirmed the reviewer bought the product, under the shop's verification rule. */
  VERIFIED_PURCHASE("Verified purchase"),
  /** Written after the shop invited the reviewer. */
  INVITED("Invited to review"),
  /** Imported from an earlier system. */
  IMPORTED("Imported review"),
  /** Shown from another site. */
  SYNDICATED("From another site"),
  /** The reviewer received the product free. */
  RECEIVED_FREE_PRODUCT("Received free product"),
  /** The reviewer received a discount. */
  RECEIVED_DISCOUNT("Received a discount"),
  /** The reviewer received loyalty points. */
  RECEIVED_POINTS("Received points"),
  /** The reviewer received a referral reward. */
  RECEIVED_REFERRAL_REWARD("Received a referral reward"),
  /** The reviewer received something else of value. */
  RECEIVED_INCENTIVE("Received an incentive"),
  /** The reviewer works for the seller. */
  EMPLOYEE_OF_SELLER("Employee of seller"),
  /** The reviewer is the seller. */
  SELLER("Seller"),
  /** The reviewer is family of the seller. */
  FAMILY_OF_SELLER("Family of seller"),
  /** The reviewer earns from the seller's sales. */
  AFFILIATE_OF_SELLER("Affiliate of seller");

  private final String text;

  DisclosureLabel(String text) {
    this.text = text;
  }

  /** Returns the label's English text, such as "Verified purchase". */
  public String text() {
    return text;
  }
}
