package dev.meadow.trust.labels;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.Source;
import org.jspecify.annotations.Nullable;

/**
 * The recorded fact a {@link Label} comes from. Every kind is data Meadow recorded or read from the
 * host's ports, so a shop can show (or audit) why a label is there.
 */
public sealed interface Evidence {
  /**
   * The purchase the host reported, which met the shop's verification rule.
   *
   * @param orderId the order the host named, or {@code null} if it named none
   */
  record VerifiedPurchase(@Nullable OrderId orderId) implements Evidence {}

  /**
   * Where the review came from, as recorded on its provenance.
   *
   * @param source invited, imported or syndicated
   * @param name the name of the source an imported review came from or a syndicated one is shown
   *     from, as recorded ({@link dev.meadow.core.reviews.Provenance#sourceName()}), or {@code null}
   *     when none was named; plain text, to escape for HTML
   */
  record ReviewSource(Source source, @Nullable String name) implements Evidence {
    public ReviewSource {
      requireNonNull(source, "source");
    }

    /** Returns the evidence of a source that was not named. */
    public ReviewSource(Source source) {
      this(source, null);
    }
  }

  /**
   * What the review's provenance records the reviewer got for writing.
   *
   * @param incentive anything but {@link Incentive#NONE}
   */
  record RecordedIncentive(Incentive incentive) implements Evidence {
    public RecordedIncentive {
      requireNonNull(incentive, "incentive");
    }
  }

  /**
   * How the review's provenance records the reviewer's tie to the seller; Meadow records the
   * store's own staff as employees whatever the draft said.
   *
   * @param relationship anything but {@link Relationship#NONE}
   */
  record RecordedRelationship(Relationship relationship) implements Evidence {
    public RecordedRelationship {
      requireNonNull(relationship, "relationship");
    }
  }

  /**
   * A referral reward the reviewer earned, or is to earn, from an order of the reviewed product.
   *
   * @param rewardId the reward in the referral ledger
   * @param role why the reviewer gets it: they referred the buyer, they are the referred buyer, or
   *     they referred the referrer
   * @param state where it stands: pending, held, approved, paid or reversed alike, because the tie
   *     existed when it was promised
   */
  record ReferralReward(RewardId rewardId, RewardRole role, RewardState state) implements Evidence {
    public ReferralReward {
      requireNonNull(rewardId, "rewardId");
      requireNonNull(role, "role");
      requireNonNull(state, "state");
    }
  }

  /**
   * The reviewer was referred to the shop by someone who works for the reviewed product's store.
   *
   * @param referrer who referred them
   * @param storeId the store the referrer works for
   */
  record ReferredByStaff(UserId referrer, StoreId storeId) implements Evidence {
    public ReferredByStaff {
      requireNonNull(referrer, "referrer");
      requireNonNull(storeId, "storeId");
    }
  }

  /**
   * The author worked for a store when posting, as the post records.
   *
   * @param storeId the store
   */
  record StoreAffiliation(StoreId storeId) implements Evidence {
    public StoreAffiliation {
      requireNonNull(storeId, "storeId");
    }
  }

  /**
   * What the post's author disclosed when publishing it, as the post records.
   *
   * @param disclosure sponsored, gifted or affiliate
   */
  record PostDisclosure(Disclosure disclosure) implements Evidence {
    public PostDisclosure {
      requireNonNull(disclosure, "disclosure");
    }
  }
}
