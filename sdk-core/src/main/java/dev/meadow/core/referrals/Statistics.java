package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.modules.ModuleContext;
import java.util.List;

/** The statistics stage of referrals: what sharers' links and the whole program brought. */
final class Statistics {
  private final ModuleContext context;
  private final ReferralProgram program;

  Statistics(ModuleContext context, ReferralProgram program) {
    this.context = context;
    this.program = program;
  }

  ReferralStats stats(UserId sharer) {
    requireNonNull(sharer, "sharer");
    return context.read(tx -> tx.referrals().findStats(program.id(), sharer));
  }

  ReferralStats programStats() {
    return context.read(tx -> tx.referrals().findStats(program.id(), null));
  }

  List<ReferralStats> leaderboard(int limit) {
    if (limit < 1 || limit > Referrals.MAX_LEADERBOARD) {
      throw ValidationException.of("limit", "out_of_range",
          "must be 1 to " + Referrals.MAX_LEADERBOARD + ", was " + limit);
    }
    return context.read(tx -> tx.referrals().leaderboard(program.id(), limit));
  }
}
