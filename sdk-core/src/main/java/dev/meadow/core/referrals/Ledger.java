package dev.meadow.core.referrals;

import dev.meadow.core.ConflictException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.ReferralEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.spi.ReferralStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The writes that several referral stages share: statistics, each next version of a reward with
 * its event, and writes retried until they win their compare-and-set race.
 */
final class Ledger {
  private static final int ATTEMPTS = 20;

  private final ModuleContext context;

  Ledger(ModuleContext context) {
    this.context = context;
  }

  /** Adds {@code delta} to a sharer's statistics and to the program's. */
  static void adjust(ReferralStore store, String programId, UserId sharer, StatsDelta delta) {
    store.adjustStats(programId, sharer, delta);
    store.adjustStats(programId, null, delta);
  }

  /** Saves {@code next}, the next version of {@code reward}, with its statistics and event. */
  static Reward change(UnitOfWork unit, Reward reward, Reward next) {
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

  static List<String> withReason(List<String> reasons, String reason) {
    Set<String> all = new LinkedHashSet<>(reasons);
    all.add(reason);
    return List.copyOf(all);
  }

  /** Runs a write that loses compare-and-set races, again until it wins. */
  <T> T retrying(Function<UnitOfWork, T> work) {
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
  static final class Lost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Lost() {
      super(null, null, false, false);
    }
  }
}
