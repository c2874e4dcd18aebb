package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.OrderId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.PlainText;
import dev.meadow.core.RewardId;
import dev.meadow.core.StorageException;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.ports.Fingerprints;
import dev.meadow.core.spi.ReferralStore;
import dev.meadow.core.ports.RewardIssuer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(Referrals.class);

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

  private static final int PAGE = 100;
  private static final int ATTEMPTS = 20;
  /** Fresh random codes tried before sharing gives up; a collision of 66 random bits is already rare. */
  private static final int SHARE_CODE_ATTEMPTS = 5;
  /** The most click records of one visitor that attribution weighs: the stores' largest page. */
  private static final int CLICKS_WEIGHED = 1_000;

  private final ModuleContext context;
  private final ReferralProgram program;
  private final @Nullable RewardIssuer issuer;
  private final Fingerprints fingerprints;

  /**
   * Creates the referrals service; hosts obtain it from {@code Meadow.referrals()}.
   *
   * @param issuer the host's issuer, or null to leave approved rewards waiting
   */
  public Referrals(ModuleContext context, ReferralProgram program, @Nullable RewardIssuer issuer, Fingerprints fingerprints) {
    this.context = requireNonNull(context, "context");
    this.program = requireNonNull(program, "program");
    this.issuer = issuer;
    this.fingerprints = requireNonNull(fingerprints, "fingerprints");
  }

  /** Returns the shop's referral program. */
  public ReferralProgram program() {
    return program;
  }

  // Sharing

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
    requireNonNull(target, "target");
    requireNonNull(channel, "channel");
    requireNonNull(audience, "audience");
    UserId sharer = Actors.signedIn(actor, "share");
    if (!program.eligibleTargets().contains(target.kind())) {
      throw ValidationException.of("target", "not_eligible", "the referral program does not let "
          + target.kind() + " targets be shared");
    }
    if (audience.recipients().contains(sharer)) {
      throw ValidationException.of("recipients", "self", "a user does not share with themselves");
    }
    if (validFor != null && (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_VALID_FOR) > 0)) {
      throw ValidationException.of("validFor", "out_of_range", "a link is valid for more than 0 and up to 365 days");
    }
    return context.write(unit -> {
      for (int attempt = 0; attempt < SHARE_CODE_ATTEMPTS; attempt++) {
        Share share = new Share(ShareCode.random(), program.id(), sharer, target, channel, audience, unit.now(),
            validFor == null ? null : unit.now().plus(validFor));
        if (unit.tx().referrals().insertShare(share)) {
          unit.emit(new ReferralEvent.Shared(unit.newEventId(), unit.now(), share.code(), share.programId(), sharer,
              target, channel, audience.kind(), audience.recipients()));
          return share;
        }
      }
      // 66 random bits: five collisions in a row mean the random source is broken.
      throw new StorageException("could not find an unused share code in " + SHARE_CODE_ATTEMPTS + " attempts");
    });
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
    requireNonNull(actor, "actor");
    requireNonNull(code, "code");
    return context.read(tx -> tx.referrals().findShare(code))
        .filter(share -> share.visibleTo(actor.user().orElse(null)))
        .orElseThrow(() -> new NotFoundException("share", code.value()));
  }

  /**
   * Lists the actor's own shares, newest first.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Share> sharesOf(Actor actor, PageRequest request) {
    UserId user = Actors.signedIn(actor, "list shares");
    return shares("referrals.shares:" + user.value(), request, share -> share.sharer().equals(user),
        (store, after) -> store.listShares(user, after, request.limit() + 1));
  }

  /**
   * Lists the direct shares sent to the actor, newest first.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Share> sharedWith(Actor actor, PageRequest request) {
    UserId user = Actors.signedIn(actor, "list shares");
    return shares("referrals.shared_with:" + user.value(), request,
        share -> share.audience().recipients().contains(user),
        (store, after) -> store.listSharesTo(user, after, request.limit() + 1));
  }

  private Page<Share> shares(String listing, PageRequest request, Predicate<Share> belongs,
      BiFunction<ReferralStore, @Nullable Share, List<Share>> list) {
    requireNonNull(request, "request");
    ShareCode after = context.cursors().position(listing, request, 1, parts -> ShareCode.of(parts.get(0)));
    List<Share> rows = context.read(tx -> {
      Share anchor = after == null ? null
          : tx.referrals().findShare(after).filter(belongs).orElseThrow(Cursors::malformed);
      return list.apply(tx.referrals(), anchor);
    });
    return context.cursors().page(rows, request.limit(), listing, s -> new String[] {s.code().value()});
  }

  // Clicks and attribution

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
    requireNonNull(code, "code");
    String visitor = visitorHash(visitorKey);
    return context.write(unit -> {
      ReferralStore store = unit.tx().referrals();
      Share share = store.findShare(code).orElseThrow(() -> new NotFoundException("share", code.value()));
      if (share.expiredAt(unit.now())) {
        throw new ConflictException("share link " + code + " expired at " + share.expiresAt());
      }
      if (!store.recordClick(code, visitor, unit.now(), unit.now().minus(program.clickWindow()))) {
        return false;
      }
      adjust(store, share.programId(), share.sharer(), StatsDelta.clicks(1));
      unit.emit(new ReferralEvent.Clicked(unit.newEventId(), unit.now(), code, share.sharer()));
      return true;
    });
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
    String visitor = visitorHash(visitorKey);
    requireNonNull(customer, "customer");
    Instant since = context.now().minus(program.attributionWindow());
    Optional<Attribution> existing = attribution(customer);
    if (existing.isPresent()) {
      return existing;
    }
    Comparator<Click> order = program.model() == TouchModel.FIRST_TOUCH
        ? Comparator.comparing(Click::firstAt).reversed()
        : Comparator.comparing(Click::lastAt);
    Optional<Share> won = context.read(tx -> tx.referrals().listClicks(visitor, since, CLICKS_WEIGHED).stream()
        .max(order.thenComparing(Click::code))
        .flatMap(click -> tx.referrals().findShare(click.code())));
    if (won.isEmpty()) {
      return Optional.empty();
    }
    Share share = won.get();
    boolean sharedFingerprint = sharesFingerprint(customer, share.sharer());
    try {
      return Optional.of(context.write(unit -> {
        ReferralStore store = unit.tx().referrals();
        Set<String> reasons = new LinkedHashSet<>();
        checkPeople(customer, share.sharer(), store.findAttribution(share.sharer()), sharedFingerprint, reasons);
        if (share.audience().kind() == Audience.Kind.DIRECT && !share.visibleTo(customer)
            && unit.tx().counters().add("referral.strangers", share.code().value(), 1)
                > program.maxStrangersPerDirectShare()) {
          reasons.add(FraudReason.LEAKED_CODE);
        }
        Attribution attribution = new Attribution(customer, share.sharer(), share.code(), share.programId(),
            unit.now(), List.copyOf(reasons));
        if (!store.insertAttribution(attribution)) {
          throw new Lost();
        }
        adjust(store, share.programId(), share.sharer(), StatsDelta.signups(1));
        unit.emit(new ReferralEvent.SignupAttributed(unit.newEventId(), unit.now(), customer, share.sharer(),
            share.code(), attribution.reasons()));
        return attribution;
      }));
    } catch (Lost raced) {
      return attribution(customer);
    }
  }

  /** Returns the attribution of a customer, if any. */
  public Optional<Attribution> attribution(UserId customer) {
    requireNonNull(customer, "customer");
    return context.read(tx -> tx.referrals().findAttribution(customer));
  }

  // Conversions and refunds

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
    requireNonNull(orderId, "orderId");
    requireNonNull(buyer, "buyer");
    requireNonNull(amount, "amount");
    requireNonNull(items, "items");
    checkOrder(amount, items);
    Optional<Conversion> existing = conversion(orderId);
    if (existing.isPresent()) {
      return existing;
    }
    Optional<Attribution> attributed = attribution(buyer)
        .filter(a -> !context.now().isAfter(a.attributedAt().plus(program.attributionWindow())));
    if (attributed.isEmpty()) {
      return Optional.empty();
    }
    Attribution attribution = attributed.get();
    boolean sharedFingerprint = sharesFingerprint(buyer, attribution.referrer());
    try {
      return Optional.of(context.write(unit -> convert(unit, orderId, buyer, amount, items, attribution,
          sharedFingerprint)));
    } catch (Lost raced) {
      return conversion(orderId);
    }
  }

  private Conversion convert(UnitOfWork unit, OrderId orderId, UserId buyer, Money amount, List<OrderLine> items,
      Attribution attribution, boolean sharedFingerprint) {
    ReferralStore store = unit.tx().referrals();
    UserId referrer = attribution.referrer();
    Set<String> reasons = new LinkedHashSet<>(attribution.reasons());
    Optional<Attribution> above = store.findAttribution(referrer);
    checkPeople(buyer, referrer, above, sharedFingerprint, reasons);
    long velocityPeriod = unit.now().toEpochMilli() / program.velocityPeriod().toMillis();
    if (unit.tx().counters().add("referral.code_velocity", attribution.code() + "@" + velocityPeriod, 1)
        > program.maxConversionsPerCode()) {
      reasons.add(FraudReason.CODE_VELOCITY);
    }
    if (unit.tx().counters().add("referral.referrer_velocity",
        attribution.programId() + "/" + referrer.value() + "@" + velocityPeriod, 1) > program.maxConversionsPerReferrer()) {
      reasons.add(FraudReason.REFERRER_VELOCITY);
    }
    Conversion conversion = new Conversion(orderId, attribution.programId(), attribution.code(), referrer, buyer,
        amount, Money.zero(amount.currency()), items, List.copyOf(reasons), unit.now(), 1);
    // The order's unique key decides which of several racing reports converts; the others roll back.
    if (!store.insertConversion(conversion)) {
      throw new Lost();
    }
    adjust(store, conversion.programId(), referrer, StatsDelta.orders(1, amount.minor()));
    unit.emit(new ReferralEvent.Converted(unit.newEventId(), unit.now(), orderId, buyer, referrer, conversion.code(),
        amount, conversion.reasons()));
    long number = store.findStats(conversion.programId(), referrer).orders();
    earn(unit, conversion, RewardRole.REFERRER, referrer, program.referrerReward(), number);
    earn(unit, conversion, RewardRole.FRIEND, buyer, program.friendReward(), number);
    if (program.depth() == 2) {
      if (above.isPresent()) {
        earn(unit, conversion, RewardRole.SECOND_LEVEL, above.get().referrer(), program.secondLevelReward(), number);
      }
    }
    return conversion;
  }

  private void earn(UnitOfWork unit, Conversion conversion, RewardRole role, UserId beneficiary,
      @Nullable RewardRule rule, long conversionNumber) {
    if (rule == null) {
      return;
    }
    Money amount = rule.amountFor(conversion.amount(), conversionNumber);
    if (amount.minor() == 0) {
      return;
    }
    List<String> reasons = new ArrayList<>(conversion.reasons());
    if (role == RewardRole.REFERRER && program.capPerReferrer() > 0) {
      long period = unit.now().toEpochMilli() / program.capPeriod().toMillis();
      if (!unit.tx().counters().incrementBelow("referral.referrer_cap",
          conversion.programId() + "/" + beneficiary.value() + "@" + period, program.capPerReferrer())) {
        reasons.add(FraudReason.REFERRER_CAP);
      }
    }
    RewardState state = reasons.isEmpty() ? RewardState.PENDING : RewardState.HELD;
    Reward reward = new Reward(new RewardId(unit.newId()), conversion.orderId(), conversion.programId(), beneficiary,
        role, amount, 0, 0, 0, 0, state, reasons, unit.now(), unit.now().plus(program.approvalHold()), unit.now(), 1);
    if (!unit.tx().referrals().insertReward(reward)) {
      throw new Lost();
    }
    adjust(unit.tx().referrals(), reward.programId(), beneficiary, StatsDelta.reward(state, amount.minor()));
    unit.emit(new ReferralEvent.RewardEarned(unit.newEventId(), unit.now(), reward.id(), reward.orderId(),
        beneficiary, role, amount, state, reasons));
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
    requireNonNull(orderId, "orderId");
    requireNonNull(refundedInAll, "refundedInAll");
    Optional<Conversion> found = conversion(orderId);
    if (found.isEmpty()) {
      return found;
    }
    Conversion current = found.get();
    if (!refundedInAll.isIn(current.amount().currency())) {
      throw ValidationException.of("amount", "currency", "the order was in " + current.amount().currency());
    }
    if (refundedInAll.compareTo(current.amount()) > 0) {
      throw ValidationException.of("amount", "exceeds_order", "more than the order's " + current.amount());
    }
    return Optional.of(retrying(unit -> refund(unit, orderId, refundedInAll)));
  }

  private Conversion refund(UnitOfWork unit, OrderId orderId, Money refundedInAll) {
    ReferralStore store = unit.tx().referrals();
    Conversion conversion = store.findConversion(orderId).orElseThrow();
    if (refundedInAll.compareTo(conversion.refunded()) <= 0) {
      return conversion;
    }
    Conversion next = new Conversion(conversion.orderId(), conversion.programId(), conversion.code(),
        conversion.referrer(), conversion.buyer(), conversion.amount(), refundedInAll, conversion.lines(),
        conversion.reasons(), conversion.createdAt(), conversion.version() + 1);
    if (!store.updateConversion(next)) {
      throw new Lost();
    }
    long delta = refundedInAll.minor() - conversion.refunded().minor();
    adjust(store, conversion.programId(), conversion.referrer(), StatsDelta.orders(0, -delta));
    unit.emit(new ReferralEvent.Refunded(unit.newEventId(), unit.now(), orderId, refundedInAll, next.kept()));
    for (Reward reward : store.listRewardsOfOrder(orderId)) {
      if (reward.state() == RewardState.REJECTED) {
        continue;
      }
      long reversed = reward.amount().minor() - share(reward.amount().minor(), next.kept().minor(),
          next.amount().minor());
      if (reversed == reward.reversed()) {
        continue;
      }
      long owed = reward.amount().minor() - reversed;
      RewardState to = switch (reward.state()) {
        case PENDING, HELD, APPROVED -> owed == 0 ? RewardState.REVERSED : reward.state();
        case ISSUED, CLAWBACK -> reward.paid() - reward.clawedBack() > owed ? RewardState.CLAWBACK : reward.state();
        default -> reward.state();
      };
      change(unit, reward, reward.with(to, reversed, reward.paid(), reward.clawedBack(),
          withReason(reward.reasons(), FraudReason.REFUNDED), unit.now()));
    }
    return next;
  }

  /** Returns {@code amount * kept / total}, rounded down, without overflow. */
  private static long share(long amount, long kept, long total) {
    return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(kept)).divide(BigInteger.valueOf(total)).longValueExact();
  }

  /** Returns the conversion of an order, if it converted. */
  public Optional<Conversion> conversion(OrderId orderId) {
    requireNonNull(orderId, "orderId");
    return context.read(tx -> tx.referrals().findConversion(orderId));
  }

  /** Lists the rewards an order earned, referrer's first. */
  public List<Reward> rewardsOfOrder(OrderId orderId) {
    requireNonNull(orderId, "orderId");
    return context.read(tx -> tx.referrals().listRewardsOfOrder(orderId));
  }

  // The reward ledger

  /**
   * Lists the actor's rewards, newest first.
   *
   * @throws PermissionDeniedException for an anonymous visitor
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Reward> rewardsOf(Actor actor, PageRequest request) {
    UserId user = Actors.signedIn(actor, "list rewards");
    return rewards("referrals.rewards:" + user.value(), request,
        (store, after) -> store.listRewardsOf(user, after, request.limit() + 1));
  }

  /**
   * Lists the rewards held for review, oldest first.
   *
   * @throws ValidationException naming {@code cursor} for a cursor this listing did not issue
   */
  public Page<Reward> held(PageRequest request) {
    return rewards("referrals.held", request,
        (store, after) -> store.listRewards(RewardState.HELD, after, request.limit() + 1));
  }

  private Page<Reward> rewards(String listing, PageRequest request,
      BiFunction<ReferralStore, @Nullable RewardId, List<Reward>> list) {
    requireNonNull(request, "request");
    RewardId after = context.cursors().position(listing, request, 1, parts -> RewardId.of(parts.get(0)));
    List<Reward> rows = context.read(tx -> {
      if (after != null && tx.referrals().findReward(after).isEmpty()) {
        throw Cursors.malformed();
      }
      return list.apply(tx.referrals(), after);
    });
    return context.cursors().page(rows, request.limit(), listing, r -> new String[] {r.id().value()});
  }

  /**
   * Releases a held reward: it becomes pending and is approved once its hold has passed. The
   * host decides who reviews; Meadow records who did among the reward's reasons.
   *
   * @return {@code false} if the reward was not held
   * @throws NotFoundException if there is no such reward
   */
  public boolean release(UserId reviewer, RewardId rewardId) {
    requireNonNull(reviewer, "reviewer");
    requireNonNull(rewardId, "rewardId");
    return decide(rewardId, RewardState.PENDING, "released by " + reviewer.value());
  }

  /**
   * Rejects a held reward with a reason: it will never be paid.
   *
   * @return {@code false} if the reward was not held
   * @throws NotFoundException if there is no such reward
   * @throws ValidationException naming {@code reason}
   */
  public boolean reject(UserId reviewer, RewardId rewardId, String reason) {
    requireNonNull(reviewer, "reviewer");
    requireNonNull(rewardId, "rewardId");
    String why = PlainText.require("reason", reason, MAX_REASON);
    return decide(rewardId, RewardState.REJECTED, "rejected by " + reviewer.value() + ": " + why);
  }

  private boolean decide(RewardId rewardId, RewardState to, String note) {
    return retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(rewardId)
          .orElseThrow(() -> new NotFoundException("reward", rewardId.value()));
      if (reward.state() != RewardState.HELD) {
        return false;
      }
      change(unit, reward, reward.with(to, reward.reversed(), reward.paid(), reward.clawedBack(),
          withReason(reward.reasons(), note), unit.now()));
      return true;
    });
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
    int approved = 0;
    for (Reward reward : all(RewardState.PENDING)) {
      if (!reward.approveAt().isAfter(context.now()) && approve(reward)) {
        approved++;
      }
    }
    int issued = 0;
    int clawedBack = 0;
    int failed = 0;
    if (issuer != null) {
      List<Reward> toIssue = new ArrayList<>(all(RewardState.APPROVED));
      for (Reward stale : all(RewardState.ISSUING)) {
        if (!stale.updatedAt().plus(ISSUE_RETRY_AFTER).isAfter(context.now())) {
          toIssue.add(stale);
        }
      }
      for (Reward reward : toIssue) {
        switch (issue(issuer, reward)) {
          case DONE -> issued++;
          case FAILED -> failed++;
          case SKIPPED -> { }
        }
      }
      for (Reward reward : all(RewardState.CLAWBACK)) {
        // A settled clawback may leave more to take back, if a refund came while it was in flight.
        for (Outcome outcome = Outcome.DONE; outcome == Outcome.DONE; ) {
          outcome = clawBack(issuer, reward);
          switch (outcome) {
            case DONE -> clawedBack++;
            case FAILED -> failed++;
            case SKIPPED -> { }
          }
        }
      }
    }
    return new PendingRun(approved, issued, clawedBack, failed);
  }

  /** Runs {@link #runPending()} on {@code executor} and returns what it did when it is done. */
  public CompletableFuture<PendingRun> runPending(Executor executor) {
    requireNonNull(executor, "executor");
    return CompletableFuture.supplyAsync(this::runPending, executor);
  }

  private List<Reward> all(RewardState state) {
    List<Reward> all = new ArrayList<>();
    List<Reward> page;
    RewardId after = null;
    do {
      RewardId from = after;
      page = context.read(tx -> tx.referrals().listRewards(state, from, PAGE));
      all.addAll(page);
      after = page.isEmpty() ? null : page.get(page.size() - 1).id();
    } while (page.size() == PAGE);
    return all;
  }

  private boolean approve(Reward seen) {
    return retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(seen.id()).orElseThrow();
      if (reward.state() != RewardState.PENDING || reward.approveAt().isAfter(unit.now())) {
        return false;
      }
      change(unit, reward, reward.to(RewardState.APPROVED, unit.now()));
      return true;
    });
  }

  private enum Outcome { DONE, FAILED, SKIPPED }

  /*
   * Paying is three steps, because the host's issuer is called outside any transaction. First the
   * reward is claimed: APPROVED becomes ISSUING by compare-and-set, with the amount to pay in
   * `paid`, so that of several runs one claims it. Then the issuer is called with a key derived
   * from the reward id alone. Last ISSUING becomes ISSUED (or CLAWBACK, if a refund came
   * meanwhile). If the call fails or the process stops between the steps, the reward stays
   * ISSUING and a later run calls again with the same key and the same amount, which the host
   * completes at most once.
   */
  private Outcome issue(RewardIssuer issuer, Reward seen) {
    Reward claimed = retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(seen.id()).orElseThrow();
      boolean claimable = reward.state() == RewardState.APPROVED
          || reward.state() == RewardState.ISSUING && !reward.updatedAt().plus(ISSUE_RETRY_AFTER).isAfter(unit.now());
      if (!claimable || reward.version() != seen.version()) {
        return null;
      }
      long amount = reward.state() == RewardState.APPROVED ? reward.owed().minor() : reward.paid();
      return change(unit, reward, reward.with(RewardState.ISSUING, reward.reversed(), amount, reward.clawedBack(),
          reward.reasons(), unit.now()));
    });
    if (claimed == null) {
      return Outcome.SKIPPED;
    }
    if (claimed.paid() > 0) {
      try {
        issuer.issue(new RewardPayment("meadow-reward-" + claimed.id() + "-issue", claimed.id(), claimed.orderId(),
            claimed.beneficiary(), claimed.role(), new Money(claimed.paid(), claimed.amount().currency())));
      } catch (RuntimeException e) {
        log.warn("Reward issuer failed to pay reward {}; a later run retries with the same idempotency key",
            claimed.id(), e);
        return Outcome.FAILED;
      }
    }
    retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(claimed.id()).orElseThrow();
      if (reward.state() != RewardState.ISSUING) {
        return null;
      }
      return change(unit, reward, reward.to(settled(reward.held().minor(), reward.owed().minor()), unit.now()));
    });
    return Outcome.DONE;
  }

  /*
   * Clawing back is three steps as well. First the reward is claimed: a CLAWBACK reward with
   * nothing in flight records what to take back now (what it holds less what it is owed) in
   * `clawing`, by compare-and-set, so that of several runs one claims it. Then the issuer is
   * called with a key derived from the reward id and what was clawed back before the claim; since
   * `clawedBack` only grows, and grows by the claimed amount at each settlement, no two claims of
   * a reward share a key. Last the claim is settled: `clawing` moves into `clawedBack`. If the call
   * fails or the process stops in between, the claim stays, and a later run (once the reward has
   * not changed for ISSUE_RETRY_AFTER, as for payments; a refund meanwhile restarts that wait)
   * re-claims it by compare-and-set and repeats the same key with the same amount. Only once that
   * is settled does a run claim what is left, under a new key.
   */
  private Outcome clawBack(RewardIssuer issuer, Reward seen) {
    Reward claimed = retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(seen.id()).orElseThrow();
      if (reward.state() != RewardState.CLAWBACK) {
        return null;
      }
      if (reward.isClawing()) {
        if (reward.updatedAt().plus(ISSUE_RETRY_AFTER).isAfter(unit.now())) {
          return null;
        }
        return change(unit, reward, reward.to(RewardState.CLAWBACK, unit.now()));
      }
      long amount = reward.held().minor() - reward.owed().minor();
      if (amount <= 0) {
        change(unit, reward, reward.to(settled(reward.held().minor(), reward.owed().minor()), unit.now()));
        return null;
      }
      return change(unit, reward, reward.with(RewardState.CLAWBACK, reward.reversed(), reward.paid(),
          reward.clawedBack(), amount, reward.reasons(), unit.now()));
    });
    if (claimed == null) {
      return Outcome.SKIPPED;
    }
    try {
      issuer.clawBack(new RewardPayment(clawbackKey(claimed), claimed.id(), claimed.orderId(), claimed.beneficiary(),
          claimed.role(), new Money(claimed.clawing(), claimed.amount().currency())));
    } catch (RuntimeException e) {
      log.warn("Reward issuer failed to claw back reward {}; a later run retries with the same idempotency key"
          + " and amount", claimed.id(), e);
      return Outcome.FAILED;
    }
    Reward done = retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(claimed.id()).orElseThrow();
      if (!reward.isClawing() || reward.clawedBack() != claimed.clawedBack()) {
        return null;
      }
      long clawed = reward.clawedBack() + reward.clawing();
      return change(unit, reward, reward.with(settled(reward.paid() - clawed, reward.owed().minor()),
          reward.reversed(), reward.paid(), clawed, 0, reward.reasons(), unit.now()));
    });
    return done == null ? Outcome.SKIPPED : Outcome.DONE;
  }

  /** Returns the idempotency key of a claimed clawback: the same for every retry of that claim. */
  static String clawbackKey(Reward claimed) {
    return "meadow-reward-" + claimed.id() + "-clawback-" + claimed.clawedBack();
  }

  /** Returns where a paid reward stands once nothing is in flight. */
  private static RewardState settled(long held, long owed) {
    return held > owed ? RewardState.CLAWBACK : owed == 0 ? RewardState.REVERSED : RewardState.ISSUED;
  }

  /** Saves {@code next}, the next version of {@code reward}, with its statistics and event. */
  private Reward change(UnitOfWork unit, Reward reward, Reward next) {
    ReferralStore store = unit.tx().referrals();
    if (!store.updateReward(next)) {
      throw new Lost();
    }
    StatsDelta delta = StatsDelta.move(reward.state(), worth(reward), next.state(), worth(next));
    if (!delta.isZero()) {
      adjust(store, reward.programId(), reward.beneficiary(), delta);
    }
    if (reward.state() != next.state() || reward.reversed() != next.reversed()) {
      unit.emit(new ReferralEvent.RewardChanged(unit.newEventId(), unit.now(), next.id(), next.orderId(),
          next.beneficiary(), reward.state(), next.state(), next.owed(), next.reasons()));
    }
    return next;
  }

  /** What a reward counts for in the statistics of its state: what was reversed, or what is owed. */
  private static long worth(Reward reward) {
    return reward.state() == RewardState.REVERSED ? reward.reversed() : reward.owed().minor();
  }

  // Statistics

  /** Returns what a sharer's links brought in this program. */
  public ReferralStats stats(UserId sharer) {
    requireNonNull(sharer, "sharer");
    return context.read(tx -> tx.referrals().findStats(program.id(), sharer));
  }

  /** Returns what the whole program brought. */
  public ReferralStats programStats() {
    return context.read(tx -> tx.referrals().findStats(program.id(), null));
  }

  /**
   * Returns the program's top sharers: most orders first, then most revenue, then by user id.
   *
   * @throws ValidationException naming {@code limit} if it is not 1 to {@value #MAX_LEADERBOARD}
   */
  public List<ReferralStats> leaderboard(int limit) {
    if (limit < 1 || limit > MAX_LEADERBOARD) {
      throw ValidationException.of("limit", "out_of_range", "must be 1 to " + MAX_LEADERBOARD + ", was " + limit);
    }
    return context.read(tx -> tx.referrals().leaderboard(program.id(), limit));
  }

  // Helpers

  /** Adds {@code delta} to a sharer's statistics and to the program's. */
  private static void adjust(ReferralStore store, String programId, UserId sharer, StatsDelta delta) {
    store.adjustStats(programId, sharer, delta);
    store.adjustStats(programId, null, delta);
  }

  /** Adds the reasons that concern who referred whom. */
  private static void checkPeople(UserId customer, UserId referrer, Optional<Attribution> referrersOwn,
      boolean sharedFingerprint, Set<String> reasons) {
    if (customer.equals(referrer)) {
      reasons.add(FraudReason.SELF_REFERRAL);
    }
    if (sharedFingerprint) {
      reasons.add(FraudReason.SHARED_FINGERPRINT);
    }
    if (referrersOwn.filter(a -> a.referrer().equals(customer)).isPresent()) {
      reasons.add(FraudReason.RING);
    }
  }

  private boolean sharesFingerprint(UserId customer, UserId referrer) {
    if (customer.equals(referrer)) {
      return false;
    }
    Set<String> theirs = Set.copyOf(fingerprints.of(referrer));
    return fingerprints.of(customer).stream().anyMatch(theirs::contains);
  }

  private void checkOrder(Money amount, List<OrderLine> items) {
    if (!amount.isIn(program.currency())) {
      throw ValidationException.of("amount", "currency", "the referral program counts orders in " + program.currency());
    }
    if (amount.minor() == 0) {
      throw ValidationException.of("amount", "not_positive", "an order costs more than nothing");
    }
    if (items.size() > MAX_LINES) {
      throw ValidationException.of("items", "too_many", "an order has up to " + MAX_LINES + " lines");
    }
    long sum = 0;
    for (int i = 0; i < items.size(); i++) {
      OrderLine line = requireNonNull(items.get(i), "items[" + i + "]");
      if (!line.amount().isIn(amount.currency())) {
        throw ValidationException.of("items[" + i + "]", "currency", "a line is in the order's currency");
      }
      sum += line.amount().minor();
    }
    if (sum > amount.minor()) {
      throw ValidationException.of("items", "exceeds_amount", "the lines cost more than the order");
    }
  }

  private static List<String> withReason(List<String> reasons, String reason) {
    Set<String> all = new LinkedHashSet<>(reasons);
    all.add(reason);
    return List.copyOf(all);
  }

  /** Returns the hash Meadow stores for a visitor key: SHA-256, hex. */
  static String visitorHash(String visitorKey) {
    String key = PlainText.token("visitorKey", visitorKey, MAX_VISITOR_KEY);
    return Hashing.sha256().hashString("meadow.visitor\u0000" + key, StandardCharsets.UTF_8).toString();
  }

  /** Runs a write that loses compare-and-set races, again until it wins. */
  private <T> T retrying(Function<UnitOfWork, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return context.write(work);
      } catch (Lost lost) {
        if (attempt == ATTEMPTS) {
          throw new ConflictException("the referral ledger kept changing; try again");
        }
      }
    }
  }

  /** Thrown inside a write that lost a race on a unique key or a version, to roll it back. */
  private static final class Lost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Lost() {
      super(null, null, false, false);
    }
  }
}
