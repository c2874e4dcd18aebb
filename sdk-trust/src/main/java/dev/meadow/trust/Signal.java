package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ValidationException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named number about a user that badge rules compare: Meadow's own (kept up to date from its
 * events) or the host's (asked of {@link TrustSignals} when a rule needs it).
 *
 * @param name the signal's name: lower case letters, digits and {@code _}, 1 to 64 characters
 * @param host whether the host supplies it
 */
public record Signal(String name, boolean host) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

  /** Reviews published and not withdrawn, rejected or held. */
  public static final Signal REVIEWS = new Signal("reviews", false);
  /** Published reviews of a verified purchase. */
  public static final Signal VERIFIED_REVIEWS = new Signal("verified_reviews", false);
  /** Helpful votes on the user's published reviews. */
  public static final Signal HELPFUL_VOTES = new Signal("helpful_votes", false);
  /** Unhelpful votes on the user's published reviews. */
  public static final Signal UNHELPFUL_VOTES = new Signal("unhelpful_votes", false);
  /**
   * The Wilson lower bound (95%) of the share of helpful votes on the user's published reviews,
   * 0 to 1; derived from {@link #HELPFUL_VOTES} and {@link #UNHELPFUL_VOTES}.
   */
  public static final Signal HELPFUL_LOWER_BOUND = new Signal("helpful_lower_bound", false);
  /** Published posts, not removed. */
  public static final Signal POSTS = new Signal("posts", false);
  /** Comments and replies, not removed. */
  public static final Signal COMMENTS = new Signal("comments", false);
  /** Likes on the user's posts and comments. */
  public static final Signal LIKES_RECEIVED = new Signal("likes_received", false);
  /** Users following the user. */
  public static final Signal FOLLOWERS = new Signal("followers", false);
  /** Whole days since Meadow first saw the user's activity. */
  public static final Signal TENURE_DAYS = new Signal("tenure_days", false);
  /** Reports against the user's reviews that moderation upheld (the review was rejected). */
  public static final Signal UPHELD_REPORTS = new Signal("upheld_reports", false);
  /** The user's reviews rejected and posts or comments removed by a moderator. */
  public static final Signal MODERATION_REJECTIONS = new Signal("moderation_rejections", false);
  /** Orders the user referred that converted with no fraud reason and no refund. */
  public static final Signal CLEAN_CONVERSIONS = new Signal("clean_conversions", false);

  static final Set<Signal> MEADOW = Set.of(REVIEWS, VERIFIED_REVIEWS, HELPFUL_VOTES, UNHELPFUL_VOTES,
      HELPFUL_LOWER_BOUND, POSTS, COMMENTS, LIKES_RECEIVED, FOLLOWERS, TENURE_DAYS, UPHELD_REPORTS,
      MODERATION_REJECTIONS, CLEAN_CONVERSIONS);

  /**
   * Checks the signal.
   *
   * @throws ValidationException naming {@code signal} for a malformed name
   */
  public Signal {
    requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw ValidationException.of("signal", "malformed", "must be 1 to 64 of a-z, 0-9 and _");
    }
  }

  /**
   * Returns a signal the host supplies through {@link TrustSignals}, such as {@code orders}.
   *
   * @throws ValidationException naming {@code signal} for a malformed name
   */
  public static Signal host(String name) {
    return new Signal(name, true);
  }
}
