package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.ReferralStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The attribution stage of referrals: which referrer a new customer is bound to, by the clicks
 * of the visitor they were and the program's touch model.
 */
final class Attributor {
  /** The most click records of one visitor that attribution weighs: the stores' largest page. */
  private static final int CLICKS_WEIGHED = 1_000;

  private final ModuleContext context;
  private final ReferralProgram program;
  private final FraudChecks fraud;

  Attributor(ModuleContext context, ReferralProgram program, FraudChecks fraud) {
    this.context = context;
    this.program = program;
    this.fraud = fraud;
  }

  Optional<Attribution> attributeSignup(String visitorKey, UserId customer) {
    String visitor = Sharing.visitorHash(visitorKey);
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
    boolean sharedFingerprint = fraud.sharesFingerprint(customer, share.sharer());
    try {
      return Optional.of(context.write(unit -> {
        ReferralStore store = unit.tx().referrals();
        Set<String> reasons = new LinkedHashSet<>();
        FraudChecks.checkPeople(customer, share.sharer(), store.findAttribution(share.sharer()), sharedFingerprint,
            reasons);
        fraud.checkLeak(unit, share, customer, reasons);
        Attribution attribution = new Attribution(customer, share.sharer(), share.code(), share.programId(),
            unit.now(), List.copyOf(reasons));
        if (!store.insertAttribution(attribution)) {
          throw new Ledger.Lost();
        }
        Ledger.adjust(store, share.programId(), share.sharer(), StatsDelta.signups(1));
        unit.emit(new ReferralEvent.SignupAttributed(unit.newEventId(), unit.now(), customer, share.sharer(),
            share.code(), attribution.reasons()));
        return attribution;
      }));
    } catch (Ledger.Lost raced) {
      return attribution(customer);
    }
  }

  Optional<Attribution> attribution(UserId customer) {
    requireNonNull(customer, "customer");
    return context.read(tx -> tx.referrals().findAttribution(customer));
  }
}
