package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.OrderId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.ports.Fingerprints;
import dev.meadow.core.ports.RewardIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Referral sharing: share links, clicks, attribution of new customers, conversions of their
 * orders, the reward ledger and fraud checks, under the shop's {@link ReferralProgram}.
 *
 * <p>Conversions are idempotent by order id: however often, and from however many threads, the
 * host reports one order, it converts once and earns one set of rewards. Rewards move from
 * {@link RewardState#PENDING} to {@link RewardState#APPROVED} once the program's approval hold
 * has passed, then to {@link RewardState#ISSUED} through the host's {@link RewardIssuer}, with an
 * idempotency key so that a retry never pays twice; refunds reverse them in proportion, clawing
 * back what was paid. A reward any fraud check flags is {@link RewardState#HELD} for a person to
 * release or reject, with its reasons recorded: never dropped or paid silently.
 *
 * <p>Meadow starts no threads: approvals, payments and clawbacks happen when the host calls
 * {@link #runPending()}, or on the executor it passes to {@link #runPending(Executor)}.
 *
 * <p>Obtained from {@code Meadow.referrals()}; thread-safe.
 */
public final class Referrals {
  /** The longest visitor key a host may pass. */
  public static final int MAX_VISITOR_KEY = 256;

  /** The most lines of one order. */
  public static final int MAX_LINES = 500;

  /** The longest rejection reason. */
  public static final int MAX_REASON = 500;

  /** The longest a share link may be valid for. */
  public static final Duration MAX_VALID_FOR = Duration.ofDays(365);

  /**
   * How long a payment or clawback whose outcome Meadow did not learn waits before a run retries
   * it, with the same idempotency key and amount.
   */
  public static final Duration ISSUE_RETRY_AFTER = Duration.ofMinutes(1);

  /** The most entries a leaderboard returns. */
  public static final int MAX_LEADERBOARD = 100;

  private final ReferralProgram program;
  private final Sharing sharing;
  private final Attributor attributor;
  private final Conversions conversions;
  private final Payouts payouts;
  private final Statistics statistics;

  /**
   * Creates the referrals service; hosts obtain it from {@code Meadow.referrals()}.
   *
   * @param issuer the host's issuer, or null to leave approved rewards waiting
   */
  public Referrals(ModuleContext context, ReferralProgram program, @Nullable RewardIssuer issuer, Fingerprints fingerprints) {
    requireNonNull(context, "context");
    this.program = requireNonNull(program, "program");
    FraudChecks fraud = new FraudChecks(program, requireNonNull(fingerprints, "fingerprints"));
    Ledger ledger = new Ledger(context);
    this.sharing = new Sharing(context, program);
    this.attributor = new Attributor(context, program, fraud);
    this.conversions = new Conversions(context, program, attributor, fraud, ledger);
    this.payouts = new Payouts(context, issuer, ledger);
    this.statistics = new Statistics(context, program);
  }

  /** Returns the shop's referral program. */
  public ReferralProgram program() {
    return program;
  }

  /**
   * Shares a target: makes a link with a new random code that never expires.
   *
   * @see #share(Actor, ShareTarget, Channel, Audience, Duration)
   */
  public Share share(Actor actor, ShareTarget target, Channel channel, Audience audience) {
    return share(actor, target, channel, audience, null);
  }

  /**
   * Shares a target: makes a link with a new random code, for everyone or for chosen recipients.
   *
   * @param validFor how long the link works, up to {@link #MAX_VALID_FOR}; null for ever
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code target} if the program does not let its kind be
   *     shared, {@code recipients} if the sharer is among them, or {@code validFor}
   */
  public Share share(Actor actor, ShareTarget target, Channel channel, Audience audience, @Nullable Duration validFor) {
    return sharing.share(actor, target, channel, audience, validFor);
  }

  /** Returns where a share's link lands, from the program's template. */
  public String landingUrl(Share share) {
    return program.landingUrl(share);
  }

  /**
   * Returns a share: a public one to anyone, a direct one only to its sender and recipients.
   *
   * @throws NotFoundException if there is no such share, or the actor may not see it
   */
  public Share get(Actor actor, ShareCode code) {
    return sharing.get(actor, code);
  }

  /**
   * Lists the actor's own shares, newest first.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Share> sharesOf(Actor actor, PageRequest request) {
    return sharing.sharesOf(actor, request);
  }

  /**
   * Lists the direct shares sent to the actor, newest first.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Share> sharedWith(Actor actor, PageRequest request) {
    return sharing.sharedWith(actor, request);
  }

  /**
   * Records a visitor's click on a link. Meadow stores only a hash of {@code visitorKey} (a cookie
   * or device id the host chose); clicks of one visitor on one link within the program's click
   * window count once.
   *
   * @return whether the click counted
   * @throws NotFoundException if no link has the code; nothing is stored
   * @throws ConflictException if the link has expired; nothing is stored
   * @throws ValidationException naming {@code visitorKey}
   */
  public boolean recordClick(ShareCode code, String visitorKey) {
    return sharing.recordClick(code, visitorKey);
  }

  /**
   * Binds a customer who just signed up to the referrer whose link they clicked within the
   * program's attribution window; the program's touch model picks among several links. The fraud
   * checks' findings (self-referral, a shared fingerprint, a ring, a leaked direct share) are
   * recorded on the attribution and hold the rewards it later earns.
   *
   * @param visitorKey the key the visitor clicked under, as given to {@link #recordClick}
   * @return the attribution, the one made earlier if the customer was attributed already, or
   *     empty (storing nothing) if the visitor clicked no link within the window
   * @throws ValidationException naming {@code visitorKey}
   */
  public Optional<Attribution> attributeSignup(String visitorKey, UserId customer) {
    return attributor.attributeSignup(visitorKey, customer);
  }

  /** Returns the attribution of a customer, if any. */
  public Optional<Attribution> attribution(UserId customer) {
    return attributor.attribution(customer);
  }

  /**
   * Records an order. If the buyer was attributed to a referrer within the program's attribution
   * window, the order converts and earns the program's rewards: pending until the approval hold
   * passes, or held for review with the reasons if a fraud check flags it (self-referral, a shared
   * fingerprint, a ring, velocity per link or per referrer, a leaked direct share, the referrer's
   * cap).
   *
   * <p>Idempotent by order id: reporting an order again, from any thread, returns its conversion
   * and changes nothing.
   *
   * @param amount what the order cost, in the program's currency, more than zero
   * @param items its lines, up to {@value #MAX_LINES}, in the same currency, together no more than
   *     {@code amount}
   * @return the conversion, or empty (storing nothing) if the buyer was not referred or the window
   *     has passed
   * @throws ValidationException naming {@code amount} or {@code items}
   */
  public Optional<Conversion> recordOrder(OrderId orderId, UserId buyer, Money amount, List<OrderLine> items) {
    return conversions.recordOrder(orderId, buyer, amount, items);
  }

  /**
   * Records that {@code refundedInAll} of a converted order has been refunded so far: the total,
   * not this refund's part, so that reporting one refund twice changes nothing. Each of the
   * order's rewards keeps only its share of what the buyer kept (rounded down): unpaid rewards of
   * a fully refunded order are {@link RewardState#REVERSED}, and paid ones move to
   * {@link RewardState#CLAWBACK} until {@link #runPending()} takes the difference back through the
   * host's issuer.
   *
   * @return the conversion as it stands now, or empty (storing nothing) if the order did not
   *     convert
   * @throws ValidationException naming {@code amount} if it is in another currency or more than
   *     the order cost
   */
  public Optional<Conversion> recordRefund(OrderId orderId, Money refundedInAll) {
    return conversions.recordRefund(orderId, refundedInAll);
  }

  /** Returns the conversion of an order, if it converted. */
  public Optional<Conversion> conversion(OrderId orderId) {
    return conversions.conversion(orderId);
  }

  /** Lists the rewards an order earned, referrer's first. */
  public List<Reward> rewardsOfOrder(OrderId orderId) {
    return conversions.rewardsOfOrder(orderId);
  }

  /**
   * Lists the actor's rewards, newest first.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Reward> rewardsOf(Actor actor, PageRequest request) {
    return payouts.rewardsOf(actor, request);
  }

  /**
   * Lists the rewards held for review, oldest first.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Reward> held(PageRequest request) {
    return payouts.held(request);
  }

  /**
   * Releases a held reward: it becomes pending and is approved once its hold has passed. The
   * host decides who reviews; Meadow records who did among the reward's reasons.
   *
   * @return {@code false} if the reward was not held
   * @throws NotFoundException if there is no such reward
   */
  public boolean release(UserId reviewer, RewardId rewardId) {
    return payouts.release(reviewer, rewardId);
  }

  /**
   * Rejects a held reward with a reason: it will never be paid.
   *
   * @return {@code false} if the reward was not held
   * @throws NotFoundException if there is no such reward
   * @throws ValidationException naming {@code reason}
   */
  public boolean reject(UserId reviewer, RewardId rewardId, String reason) {
    return payouts.reject(reviewer, rewardId, reason);
  }

  /**
   * Runs the ledger's pending work now, on the calling thread: approves pending rewards whose
   * hold has passed, pays approved ones through the host's issuer, and claws back what refunds
   * took from paid ones. Each payment and clawback records its amount before the issuer is called;
   * one whose outcome Meadow did not learn (the call threw, or the process stopped) is retried once
   * it has waited {@link #ISSUE_RETRY_AFTER}, with the same idempotency key and the same amount,
   * even if a refund changed what is owed meanwhile; what that leaves to take back is then clawed
   * back under a new key. Runs on several threads or processes at once call the issuer for each
   * claim from one of them (unless a call outlasts {@link #ISSUE_RETRY_AFTER}, when a retry with
   * the same key and amount may overlap it). A failing issuer call is logged and counted, never
   * thrown. Without an issuer, approved rewards wait.
   */
  public PendingRun runPending() {
    return payouts.runPending();
  }

  /** Runs {@link #runPending()} on {@code executor} and returns what it did when it is done. */
  public CompletableFuture<PendingRun> runPending(Executor executor) {
    return payouts.runPending(executor);
  }

  /** Returns what a sharer's links brought in this program. */
  public ReferralStats stats(UserId sharer) {
    return statistics.stats(sharer);
  }

  /** Returns what the whole program brought. */
  public ReferralStats programStats() {
    return statistics.programStats();
  }

  /**
   * Returns the program's top sharers: most orders first, then most revenue, then by user id.
   *
   * @throws ValidationException naming {@code limit} if it is not 1 to {@value #MAX_LEADERBOARD}
   */
  public List<ReferralStats> leaderboard(int limit) {
    return statistics.leaderboard(limit);
  }

  /** Returns the hash Meadow stores for a visitor key: SHA-256, hex. */
  static String visitorHash(String visitorKey) {
    return Sharing.visitorHash(visitorKey);
  }
}
