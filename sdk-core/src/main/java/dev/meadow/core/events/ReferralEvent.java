package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.UserId;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.ShareCode;
import dev.meadow.core.referrals.ShareTarget;
import java.time.Instant;
import java.util.List;

/** Events about share links, attributions, conversions and the reward ledger. */
public sealed interface ReferralEvent extends MeadowEvent {
  /**
   * A user made a share link.
   *
   * @param id the event id
   * @param occurredAt when
   * @param code the link's code
   * @param programId the program
   * @param sharer who shared
   * @param target what the link points at
   * @param channel where it was sent
   * @param audience public, or direct to {@code recipients}
   * @param recipients the recipients of a direct share
   */
  @EventType("referral.shared")
  record Shared(EventId id, Instant occurredAt, ShareCode code, String programId, UserId sharer, ShareTarget target,
      Channel channel, Audience.Kind audience, List<UserId> recipients) implements ReferralEvent {
    public Shared {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(code, "code");
      requireNonNull(programId, "programId");
      requireNonNull(sharer, "sharer");
      requireNonNull(target, "target");
      requireNonNull(channel, "channel");
      requireNonNull(audience, "audience");
      recipients = List.copyOf(recipients);
    }
  }

  /**
   * A visitor's click on a link counted (repeats within the click window do not emit).
   *
   * @param id the event id
   * @param occurredAt when
   * @param code the link's code
   * @param sharer whose link it is
   */
  @EventType("referral.clicked")
  record Clicked(EventId id, Instant occurredAt, ShareCode code, UserId sharer) implements ReferralEvent {
    public Clicked {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(code, "code");
      requireNonNull(sharer, "sharer");
    }
  }

  /**
   * A new customer was bound to their referrer.
   *
   * @param id the event id
   * @param occurredAt when
   * @param customer the new customer
   * @param referrer who referred them
   * @param code the link that won
   * @param reasons what the fraud checks found; empty when nothing
   */
  @EventType("referral.signup_attributed")
  record SignupAttributed(EventId id, Instant occurredAt, UserId customer, UserId referrer, ShareCode code,
      List<String> reasons) implements ReferralEvent {
    public SignupAttributed {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(customer, "customer");
      requireNonNull(referrer, "referrer");
      requireNonNull(code, "code");
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A referred customer's order converted.
   *
   * @param id the event id
   * @param occurredAt when
   * @param orderId the order
   * @param buyer who bought
   * @param referrer who referred them
   * @param code the link
   * @param amount what the order cost
   * @param reasons why its rewards are held; empty when nothing is suspect
   */
  @EventType("referral.converted")
  record Converted(EventId id, Instant occurredAt, OrderId orderId, UserId buyer, UserId referrer, ShareCode code,
      Money amount, List<String> reasons) implements ReferralEvent {
    public Converted {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(orderId, "orderId");
      requireNonNull(buyer, "buyer");
      requireNonNull(referrer, "referrer");
      requireNonNull(code, "code");
      requireNonNull(amount, "amount");
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A converted order was refunded, in part or in full.
   *
   * @param id the event id
   * @param occurredAt when
   * @param orderId the order
   * @param refunded how much of it is refunded now, in all
   * @param kept what is left of it
   */
  @EventType("referral.refunded")
  record Refunded(EventId id, Instant occurredAt, OrderId orderId, Money refunded, Money kept)
      implements ReferralEvent {
    public Refunded {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(orderId, "orderId");
      requireNonNull(refunded, "refunded");
      requireNonNull(kept, "kept");
    }
  }

  /**
   * A conversion earned a reward.
   *
   * @param id the event id
   * @param occurredAt when
   * @param rewardId the reward
   * @param orderId the order that earned it
   * @param beneficiary who gets it
   * @param role why
   * @param amount what it is worth
   * @param state pending, or held for review
   * @param reasons why it is held; empty otherwise
   */
  @EventType("referral.reward_earned")
  record RewardEarned(EventId id, Instant occurredAt, RewardId rewardId, OrderId orderId, UserId beneficiary,
      RewardRole role, Money amount, RewardState state, List<String> reasons) implements ReferralEvent {
    public RewardEarned {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(rewardId, "rewardId");
      requireNonNull(orderId, "orderId");
      requireNonNull(beneficiary, "beneficiary");
      requireNonNull(role, "role");
      requireNonNull(amount, "amount");
      requireNonNull(state, "state");
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A reward moved in the ledger, or a refund changed what it is worth.
   *
   * @param id the event id
   * @param occurredAt when
   * @param rewardId the reward
   * @param orderId the order that earned it
   * @param beneficiary who gets it
   * @param from its state before
   * @param to its state now
   * @param owed what the beneficiary is owed now, after refunds
   * @param reasons why it was held, rejected or reversed; empty otherwise
   */
  @EventType("referral.reward_changed")
  record RewardChanged(EventId id, Instant occurredAt, RewardId rewardId, OrderId orderId, UserId beneficiary,
      RewardState from, RewardState to, Money owed, List<String> reasons) implements ReferralEvent {
    public RewardChanged {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(rewardId, "rewardId");
      requireNonNull(orderId, "orderId");
      requireNonNull(beneficiary, "beneficiary");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      requireNonNull(owed, "owed");
      reasons = List.copyOf(reasons);
    }
  }
}
