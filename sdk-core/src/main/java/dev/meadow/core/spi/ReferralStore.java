package dev.meadow.core.spi;

import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.Click;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.referrals.ReferralStats;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareCode;
import dev.meadow.core.referrals.StatsDelta;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Share links, clicks, attributions, conversions, the reward ledger and referral statistics. Each
 * method runs inside the transaction it was obtained from.
 *
 * <p>Uniqueness is the store's job, by unique keys: one share per code; one click record per code
 * and visitor hash; one attribution per customer; one conversion per order id; one reward per id
 * and per order and role. Under concurrency exactly one of several racing inserts of the same key
 * succeeds, {@link #recordClick} counts exactly one of several racing clicks within the window,
 * and compare-and-set updates succeed for exactly one racer. Statistics change only through
 * {@link #adjustStats}, atomically, so concurrent adjustments all count. Instants are stored at
 * millisecond precision; money, lists and maps round-trip exactly. Listing methods return at most
 * {@code limit} items (0 to 1,000, else {@code IllegalArgumentException}).
 */
public interface ReferralStore {
  /**
   * Inserts a share exactly as given, recipients and note included.
   *
   * @return {@code false}, inserting nothing, if a share with the same code exists
   */
  boolean insertShare(Share share);

  /** Returns a share by its code. */
  Optional<Share> findShare(ShareCode code);

  /**
   * Lists a user's shares, newest first (ties by code, descending), starting after {@code after}
   * (null for the first page).
   */
  List<Share> listShares(UserId sharer, @Nullable Share after, int limit);

  /**
   * Lists the direct shares sent to {@code recipient}, newest first (ties by code, descending),
   * starting after {@code after} (null for the first page).
   */
  List<Share> listSharesTo(UserId recipient, @Nullable Share after, int limit);

  /**
   * Records one click of a visitor on a link, atomically: creates the visitor's click record for
   * the code (first, last and counted click at {@code at}, counted 1), or else moves its last click
   * to {@code at} if later and, if its counted click is before {@code countIfCountedBefore}, also
   * moves the counted click to {@code at} and adds one to its count.
   *
   * @return whether the click counted: of several racing clicks of one visitor on one code, at
   *     most one counts while the window lasts
   */
  boolean recordClick(ShareCode code, String visitorHash, Instant at, Instant countIfCountedBefore);

  /** Returns a visitor's click record for a code. */
  Optional<Click> findClick(ShareCode code, String visitorHash);

  /**
   * Lists a visitor's click records whose last click is at or after {@code since}, oldest first
   * click first (ties by code).
   */
  List<Click> listClicks(String visitorHash, Instant since, int limit);

  /**
   * Inserts an attribution exactly as given.
   *
   * @return {@code false}, inserting nothing, if the customer is attributed already
   */
  boolean insertAttribution(Attribution attribution);

  /** Returns the attribution of a customer. */
  Optional<Attribution> findAttribution(UserId customer);

  /**
   * Inserts a conversion exactly as given.
   *
   * @return {@code false}, inserting nothing, if a conversion of the same order exists
   */
  boolean insertConversion(Conversion conversion);

  /** Returns the conversion of an order. */
  Optional<Conversion> findConversion(OrderId orderId);

  /**
   * Replaces a conversion's refunded amount and version with {@code next}'s if the stored version
   * is {@code next.version() - 1}; nothing else changes.
   *
   * @return {@code false}, changing nothing, if there is no such conversion, its version differs or
   *     it is in another currency than {@code next}
   */
  boolean updateConversion(Conversion next);

  /**
   * Inserts a reward exactly as given.
   *
   * @return {@code false}, inserting nothing, if a reward with the same id, or the same order and
   *     role, exists
   */
  boolean insertReward(Reward reward);

  /** Returns a reward. */
  Optional<Reward> findReward(RewardId id);

  /** Lists the rewards of an order, in role order. */
  List<Reward> listRewardsOfOrder(OrderId orderId);

  /** Lists the rewards in {@code state}, oldest first, starting after {@code after} (null for the first page). */
  List<Reward> listRewards(RewardState state, @Nullable RewardId after, int limit);

  /**
   * Lists a beneficiary's rewards, newest first, starting after {@code after} (null for the first
   * page).
   */
  List<Reward> listRewardsOf(UserId beneficiary, @Nullable RewardId after, int limit);

  /**
   * Replaces a reward's reversed, paid, clawed-back and clawing (in flight) amounts, state, reasons,
   * update time and version with {@code next}'s if the stored version is {@code next.version() - 1}. Its id,
   * order, program, beneficiary, role, amount, creation and approval times never change here.
   *
   * @return {@code false}, changing nothing, if there is no such reward or its version differs
   */
  boolean updateReward(Reward next);

  /**
   * Adds {@code delta} to the statistics of a sharer in a program (or of the whole program, for a
   * null sharer), atomically, creating them if needed.
   */
  void adjustStats(String programId, @Nullable UserId sharer, StatsDelta delta);

  /** Returns the statistics of a sharer in a program, or of the whole program: all zero if never adjusted. */
  ReferralStats findStats(String programId, @Nullable UserId sharer);

  /**
   * Lists the sharers of a program with statistics, most orders first, then most revenue, then by
   * sharer id.
   */
  List<ReferralStats> leaderboard(String programId, int limit);
}
