package dev.meadow.core.referrals;

/**
 * The reasons fraud checks give, as recorded on attributions, conversions and rewards. A reward
 * with any reason is held for a person to release or reject; none is dropped or paid silently.
 */
public final class FraudReason {
  /** The buyer is the sharer. */
  public static final String SELF_REFERRAL = "self_referral";

  /** The buyer and the referrer share a device or payment fingerprint the host supplied. */
  public static final String SHARED_FINGERPRINT = "shared_fingerprint";

  /** The referrer was referred by the buyer: a ring. */
  public static final String RING = "referral_ring";

  /** The link converted more often within the velocity period than the program allows. */
  public static final String CODE_VELOCITY = "code_velocity";

  /** The referrer's links converted more often within the velocity period than the program allows. */
  public static final String REFERRER_VELOCITY = "referrer_velocity";

  /** A direct share converted for more users outside its recipients than the program allows: a leaked code. */
  public static final String LEAKED_CODE = "leaked_code";

  /** The referrer earned more rewards within the cap period than the program allows. */
  public static final String REFERRER_CAP = "referrer_cap";

  /** A refund took the reward back. */
  public static final String REFUNDED = "refunded";

  private FraudReason() {}
}
