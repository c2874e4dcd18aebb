package dev.meadow.core.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.internal.Context;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.modules.Cursors;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fraud-check stage on its own: what each check adds, with no service around it. */
class FraudChecksStageTest {
  private static final UserId ANN = UserId.of("ann");
  private static final UserId BO = UserId.of("bo");

  private final Context context = new Context(MemoryStorage.create(), TestClock.at(ReferralsFixture.START),
      Cursors.withSecret(ReferralsFixture.CURSOR_SECRET), List.of());

  private static FraudChecks checks(ReferralProgram program, Map<UserId, Set<String>> fingerprints) {
    return new FraudChecks(program, user -> fingerprints.getOrDefault(user, Set.of()));
  }

  @Test
  void checkPeople_namesSelfReferralSharedFingerprintAndRing_inThatOrder() {
    Attribution referrersOwn = new Attribution(BO, ANN, ShareCode.random(), "default",
        context.now(), List.of());
    Set<String> reasons = new LinkedHashSet<>();
    FraudChecks.checkPeople(ANN, BO, Optional.of(referrersOwn), true, reasons);
    assertEquals(List.of(FraudReason.SHARED_FINGERPRINT, FraudReason.RING), List.copyOf(reasons));

    Set<String> self = new LinkedHashSet<>();
    FraudChecks.checkPeople(ANN, ANN, Optional.empty(), false, self);
    assertEquals(List.of(FraudReason.SELF_REFERRAL), List.copyOf(self));
  }

  @Test
  void sharesFingerprint_asksTheHostForBoth_butNeverForOneself() {
    FraudChecks checks = checks(ReferralsFixture.program().build(),
        Map.of(ANN, Set.of("f1", "f2"), BO, Set.of("f2")));
    assertTrue(checks.sharesFingerprint(ANN, BO));
    assertFalse(checks.sharesFingerprint(ANN, ANN));
    assertFalse(checks.sharesFingerprint(ANN, UserId.of("cy")));
  }

  @Test
  void checkVelocity_flagsTheConversionPastTheLinksLimit_inOnePeriod() {
    FraudChecks checks = checks(ReferralsFixture.program().velocity(1, 20, Duration.ofDays(1)).build(), Map.of());
    Attribution attribution = new Attribution(BO, ANN, ShareCode.random(), "default", context.now(), List.of());
    List<Set<String>> found = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
    for (Set<String> reasons : found) {
      context.write(unit -> {
        checks.checkVelocity(unit, attribution, reasons);
        return null;
      });
    }
    assertEquals(List.of(Set.of(), Set.of(FraudReason.CODE_VELOCITY)), found);
  }
}
