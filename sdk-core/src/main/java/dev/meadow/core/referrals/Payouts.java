package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PlainText;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.ports.RewardIssuer;
import dev.meadow.core.spi.ReferralStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payout stage of referrals: the reward ledger's listings, a person's review of held rewards,
 * and the pending runs that approve rewards, pay them through the host's issuer and claw back
 * what refunds took.
 */
final class Payouts {
  // Named after the public service, so that hosts' logging configuration keeps applying.
  private static final Logger log = LoggerFactory.getLogger(Referrals.class);

  private static final int PAGE = 100;

  private final ModuleContext context;
  private final @Nullable RewardIssuer issuer;
  private final Ledger ledger;

  Payouts(ModuleContext context, @Nullable RewardIssuer issuer, Ledger ledger) {
    this.context = context;
    this.issuer = issuer;
    this.ledger = ledger;
  }

  Page<Reward> rewardsOf(Actor actor, PageRequest request) {
    UserId user = Actors.signedIn(actor, "list rewards");
    return rewards("referrals.rewards:" + user.value(), request,
        (store, after) -> store.listRewardsOf(user, after, request.limit() + 1));
  }

  Page<Reward> held(PageRequest request) {
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

  boolean release(UserId reviewer, RewardId rewardId) {
    requireNonNull(reviewer, "reviewer");
    requireNonNull(rewardId, "rewardId");
    return decide(rewardId, RewardState.PENDING, "released by " + reviewer.value());
  }

  boolean reject(UserId reviewer, RewardId rewardId, String reason) {
    requireNonNull(reviewer, "reviewer");
    requireNonNull(rewardId, "rewardId");
    String why = PlainText.require("reason", reason, Referrals.MAX_REASON);
    return decide(rewardId, RewardState.REJECTED, "rejected by " + reviewer.value() + ": " + why);
  }

  private boolean decide(RewardId rewardId, RewardState to, String note) {
    return ledger.retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(rewardId)
          .orElseThrow(() -> new NotFoundException("reward", rewardId.value()));
      if (reward.state() != RewardState.HELD) {
        return false;
      }
      Ledger.change(unit, reward, reward.with(to, reward.reversed(), reward.paid(), reward.clawedBack(),
          Ledger.withReason(reward.reasons(), note), unit.now()));
      return true;
    });
  }

  PendingRun runPending() {
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
        if (!stale.updatedAt().plus(Referrals.ISSUE_RETRY_AFTER).isAfter(context.now())) {
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

  CompletableFuture<PendingRun> runPending(Executor executor) {
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
    return ledger.retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(seen.id()).orElseThrow();
      if (reward.state() != RewardState.PENDING || reward.approveAt().isAfter(unit.now())) {
        return false;
      }
      Ledger.change(unit, reward, reward.to(RewardState.APPROVED, unit.now()));
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
    Reward claimed = ledger.retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(seen.id()).orElseThrow();
      boolean claimable = reward.state() == RewardState.APPROVED
          || reward.state() == RewardState.ISSUING
              && !reward.updatedAt().plus(Referrals.ISSUE_RETRY_AFTER).isAfter(unit.now());
      if (!claimable || reward.version() != seen.version()) {
        return null;
      }
      long amount = reward.state() == RewardState.APPROVED ? reward.owed().minor() : reward.paid();
      return Ledger.change(unit, reward, reward.with(RewardState.ISSUING, reward.reversed(), amount,
          reward.clawedBack(), reward.reasons(), unit.now()));
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
    ledger.retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(claimed.id()).orElseThrow();
      if (reward.state() != RewardState.ISSUING) {
        return null;
      }
      return Ledger.change(unit, reward, reward.to(settled(reward.held().minor(), reward.owed().minor()), unit.now()));
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
    Reward claimed = ledger.retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(seen.id()).orElseThrow();
      if (reward.state() != RewardState.CLAWBACK) {
        return null;
      }
      if (reward.isClawing()) {
        if (reward.updatedAt().plus(Referrals.ISSUE_RETRY_AFTER).isAfter(unit.now())) {
          return null;
        }
        return Ledger.change(unit, reward, reward.to(RewardState.CLAWBACK, unit.now()));
      }
      long amount = reward.held().minor() - reward.owed().minor();
      if (amount <= 0) {
        Ledger.change(unit, reward, reward.to(settled(reward.held().minor(), reward.owed().minor()), unit.now()));
        return null;
      }
      return Ledger.change(unit, reward, reward.with(RewardState.CLAWBACK, reward.reversed(), reward.paid(),
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
    Reward done = ledger.retrying(unit -> {
      Reward reward = unit.tx().referrals().findReward(claimed.id()).orElseThrow();
      if (!reward.isClawing() || reward.clawedBack() != claimed.clawedBack()) {
        return null;
      }
      long clawed = reward.clawedBack() + reward.clawing();
      return Ledger.change(unit, reward, reward.with(settled(reward.paid() - clawed, reward.owed().minor()),
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
}
