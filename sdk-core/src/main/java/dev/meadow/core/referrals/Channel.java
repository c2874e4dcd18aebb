package dev.meadow.core.referrals;

/** Where a share was sent; recorded for the shop's statistics, it changes no rule. */
public enum Channel {
  /** A link the sharer copied. */
  LINK,
  /** A chat or direct message. */
  MESSAGE,
  /** An email. */
  EMAIL,
  /** A text message. */
  SMS,
  /** A post on a social network. */
  SOCIAL,
  /** A printed or shown QR code. */
  QR
}
