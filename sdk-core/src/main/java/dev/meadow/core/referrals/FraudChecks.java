package dev.meadow.core.referrals;

import dev.meadow.core.UserId;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.ports.Fingerprints;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The referral program's fraud checks: each adds the {@link FraudReason} it finds to the reasons
 * that hold an attribution's or a conversion's rewards for review.
 */
final class FraudChecks {
  private final ReferralProgram program;
  private final Fingerprints fingerprints;

  FraudChecks(ReferralProgram program, Fingerprints fingerprints) {
    this.program = program;
    this.fingerprints = fingerprints;
  }

  /** Returns whether two users share a fingerprint; asks the host, so call outside any transaction. */
  boolean sharesFingerprint(UserId customer, UserId referrer) {
    if (customer.equals(referrer)) {
      return false;
    }
    Set<String> theirs = Set.copyOf(fingerprints.of(referrer));
    return fingerprints.of(customer).stream().anyMatch(theirs::contains);
  }

  /** Adds the reasons that concern who referred whom. */
  static void checkPeople(UserId customer, UserId referrer, Optional<Attribution> referrersOwn,
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

  /** Adds {@link FraudReason#LEAKED_CODE} once a direct share has signed up too many strangers. */
  void checkLeak(UnitOfWork unit, Share share, UserId customer, Set<String> reasons) {
    if (share.audience().kind() == Audience.Kind.DIRECT && !share.visibleTo(customer)
        && unit.tx().counters().add("referral.strangers", share.code().value(), 1)
            > program.maxStrangersPerDirectShare()) {
      reasons.add(FraudReason.LEAKED_CODE);
    }
  }

  /** Counts a conversion against its link's and its referrer's velocity, adding what they exceed. */
  void checkVelocity(UnitOfWork unit, Attribution attribution, Set<String> reasons) {
    long velocityPeriod = unit.now().toEpochMilli() / program.velocityPeriod().toMillis();
    if (unit.tx().counters().add("referral.code_velocity", attribution.code() + "@" + velocityPeriod, 1)
        > program.maxConversionsPerCode()) {
      reasons.add(FraudReason.CODE_VELOCITY);
    }
    if (unit.tx().counters().add("referral.referrer_velocity",
        attribution.programId() + "/" + attribution.referrer().value() + "@" + velocityPeriod, 1)
        > program.maxConversionsPerReferrer()) {
      reasons.add(FraudReason.REFERRER_VELOCITY);
    }
  }

  /** Counts a referrer's reward against the program's cap, adding {@link FraudReason#REFERRER_CAP} past it. */
  void checkCap(UnitOfWork unit, Conversion conversion, UserId referrer, List<String> reasons) {
    if (program.capPerReferrer() <= 0) {
      return;
    }
    long period = unit.now().toEpochMilli() / program.capPeriod().toMillis();
    if (!unit.tx().counters().incrementBelow("referral.referrer_cap",
        conversion.programId() + "/" + referrer.value() + "@" + period, program.capPerReferrer())) {
      reasons.add(FraudReason.REFERRER_CAP);
    }
  }
}
