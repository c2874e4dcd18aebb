package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.ReferralStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The conversion stage of referrals: a referred buyer's orders, the rewards each earns, and the
 * refunds that reverse them in proportion.
 */
final class Conversions {
  private final ModuleContext context;
  private final ReferralProgram program;
  private final Attributor attributor;
  private final FraudChecks fraud;
  private final Ledger ledger;

  Conversions(ModuleContext context, ReferralProgram program, Attributor attributor, FraudChecks fraud,
      Ledger ledger) {
    this.context = context;
    this.program = program;
    this.attributor = attributor;
    this.fraud = fraud;
    this.ledger = ledger;
  }

  Optional<Conversion> recordOrder(OrderId orderId, UserId buyer, Money amount, List<OrderLine> items) {
    requireNonNull(orderId, "orderId");
    requireNonNull(buyer, "buyer");
    requireNonNull(amount, "amount");
    requireNonNull(items, "items");
    checkOrder(amount, items);
    Optional<Conversion> existing = conversion(orderId);
    if (existing.isPresent()) {
      return existing;
    }
    Optional<Attribution> attributed = attributor.attribution(buyer)
        .filter(a -> !context.now().isAfter(a.attributedAt().plus(program.attributionWindow())));
    if (attributed.isEmpty()) {
      return Optional.empty();
    }
    Attribution attribution = attributed.get();
    boolean sharedFingerprint = fraud.sharesFingerprint(buyer, attribution.referrer());
    try {
      return Optional.of(context.write(unit -> convert(unit, orderId, buyer, amount, items, attribution,
          sharedFingerprint)));
    } catch (Ledger.Lost raced) {
      return conversion(orderId);
    }
  }

  private Conversion convert(UnitOfWork unit, OrderId orderId, UserId buyer, Money amount, List<OrderLine> items,
      Attribution attribution, boolean sharedFingerprint) {
    ReferralStore store = unit.tx().referrals();
    UserId referrer = attribution.referrer();
    Set<String> reasons = new LinkedHashSet<>(attribution.reasons());
    Optional<Attribution> above = store.findAttribution(referrer);
    FraudChecks.checkPeople(buyer, referrer, above, sharedFingerprint, reasons);
    fraud.checkVelocity(unit, attribution, reasons);
    Conversion conversion = new Conversion(orderId, attribution.programId(), attribution.code(), referrer, buyer,
        amount, Money.zero(amount.currency()), items, List.copyOf(reasons), unit.now(), 1);
    // The order's unique key decides which of several racing reports converts; the others roll back.
    if (!store.insertConversion(conversion)) {
      throw new Ledger.Lost();
    }
    Ledger.adjust(store, conversion.programId(), referrer, StatsDelta.orders(1, amount.minor()));
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
    if (role == RewardRole.REFERRER) {
      fraud.checkCap(unit, conversion, beneficiary, reasons);
    }
    RewardState state = reasons.isEmpty() ? RewardState.PENDING : RewardState.HELD;
    Reward reward = new Reward(new RewardId(unit.newId()), conversion.orderId(), conversion.programId(), beneficiary,
        role, amount, 0, 0, 0, 0, state, reasons, unit.now(), unit.now().plus(program.approvalHold()), unit.now(), 1);
    if (!unit.tx().referrals().insertReward(reward)) {
      throw new Ledger.Lost();
    }
    Ledger.adjust(unit.tx().referrals(), reward.programId(), beneficiary, StatsDelta.reward(state, amount.minor()));
    unit.emit(new ReferralEvent.RewardEarned(unit.newEventId(), unit.now(), reward.id(), reward.orderId(),
        beneficiary, role, amount, state, reasons));
  }

  Optional<Conversion> recordRefund(OrderId orderId, Money refundedInAll) {
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
    return Optional.of(ledger.retrying(unit -> refund(unit, orderId, refundedInAll)));
  }

  private static Conversion refund(UnitOfWork unit, OrderId orderId, Money refundedInAll) {
    ReferralStore store = unit.tx().referrals();
    Conversion conversion = store.findConversion(orderId).orElseThrow();
    if (refundedInAll.compareTo(conversion.refunded()) <= 0) {
      return conversion;
    }
    Conversion next = new Conversion(conversion.orderId(), conversion.programId(), conversion.code(),
        conversion.referrer(), conversion.buyer(), conversion.amount(), refundedInAll, conversion.lines(),
        conversion.reasons(), conversion.createdAt(), conversion.version() + 1);
    if (!store.updateConversion(next)) {
      throw new Ledger.Lost();
    }
    long delta = refundedInAll.minor() - conversion.refunded().minor();
    Ledger.adjust(store, conversion.programId(), conversion.referrer(), StatsDelta.orders(0, -delta));
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
      Ledger.change(unit, reward, reward.with(to, reversed, reward.paid(), reward.clawedBack(),
          Ledger.withReason(reward.reasons(), FraudReason.REFUNDED), unit.now()));
    }
    return next;
  }

  /** Returns {@code amount * kept / total}, rounded down, without overflow. */
  private static long share(long amount, long kept, long total) {
    return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(kept)).divide(BigInteger.valueOf(total)).longValueExact();
  }

  Optional<Conversion> conversion(OrderId orderId) {
    requireNonNull(orderId, "orderId");
    return context.read(tx -> tx.referrals().findConversion(orderId));
  }

  List<Reward> rewardsOfOrder(OrderId orderId) {
    requireNonNull(orderId, "orderId");
    return context.read(tx -> tx.referrals().listRewardsOfOrder(orderId));
  }

  private void checkOrder(Money amount, List<OrderLine> items) {
    if (!amount.isIn(program.currency())) {
      throw ValidationException.of("amount", "currency", "the referral program counts orders in " + program.currency());
    }
    if (amount.minor() == 0) {
      throw ValidationException.of("amount", "not_positive", "an order costs more than nothing");
    }
    if (items.size() > Referrals.MAX_LINES) {
      throw ValidationException.of("items", "too_many", "an order has up to " + Referrals.MAX_LINES + " lines");
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
}
