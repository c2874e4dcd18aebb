package dev.meadow.core.referrals;

/** Which link wins when a new customer clicked several within the attribution window. */
public enum TouchModel {
  /** The first link the customer clicked. */
  FIRST_TOUCH,
  /** The last link the customer clicked. */
  LAST_TOUCH
}
