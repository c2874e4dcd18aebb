package dev.meadow.trust.labels;

/**
 * What a disclosure label says, in display order. Each kind comes from one kind of recorded fact
 * (see {@link Evidence}); a host can neither add a kind nor give one its own wording, only
 * translate the texts (see {@link TrustTexts}).
 */
public enum LabelKind {
  /** The host reported a purchase of the product that met the shop's verification rule. */
  VERIFIED_PURCHASE,
  /** The reviewer or author works for the seller, or is the seller (FTC 16 CFR 465.5). */
  EMPLOYEE_OR_SELLER,
  /** The reviewer is family of the seller (FTC 16 CFR 465.5). */
  FAMILY,
  /** The reviewer or author earns from the seller's sales, or the post links as an affiliate. */
  AFFILIATE,
  /** A brand or store paid for the post. */
  PAID_OR_SPONSORED,
  /** The reviewer or author received the product free. */
  RECEIVED_FREE_PRODUCT,
  /**
   * The reviewer got, or will get, something of value tied to the product: a recorded discount,
   * points or other incentive, a referral reward on the reviewed product, or a referral by the
   * store's own staff (FTC 16 CFR 465.4).
   */
  INCENTIVISED,
  /** The shop invited the reviewer to write, for example after delivery. */
  INVITED,
  /** Imported from an earlier system; never counted as verified. */
  IMPORTED,
  /** Shown from another site that shares reviews; never counted as verified. */
  SYNDICATED
}
