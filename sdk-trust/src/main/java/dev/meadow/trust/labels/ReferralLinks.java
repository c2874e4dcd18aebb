package dev.meadow.trust.labels;

import dev.meadow.core.IntegrationException;
import dev.meadow.core.OrderId;
import dev.meadow.core.RewardId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ports.StoreStaff;
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.spi.Listings;
import dev.meadow.core.spi.ReferralStore;
import dev.meadow.core.spi.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The referral ledger's ties between a reviewer and the reviewed product: rewards from orders of
 * the product, and a referral by the product's store's own staff.
 */
final class ReferralLinks {
  private final Storage storage;
  private final StoreStaff storeStaff;

  ReferralLinks(Storage storage, StoreStaff storeStaff) {
    this.storage = storage;
    this.storeStaff = storeStaff;
  }

  /** Returns the reviewer's referral rewards on the reviewed product, then a referral by its store's staff. */
  List<Evidence> links(Review review) {
    Found found = storage.inTransaction(tx -> read(tx.referrals(), review));
    List<Evidence> links = new ArrayList<>(found.rewards());
    Attribution attribution = found.attribution();
    if (attribution != null && worksFor(attribution.referrer(), review.storeId())) {
      links.add(new Evidence.ReferredByStaff(attribution.referrer(), review.storeId()));
    }
    return links;
  }

  /*
   * A reward is tied to the product when the order that earned it has a line of the product: the
   * reviewer referred its buyer, is its buyer, or referred the referrer. Rejected rewards were
   * never due (a person refused them as fraud); every other state counts, reversed ones too,
   * because the reward was promised while the review could be written. An order reported without
   * lines names no product, so its rewards tie to none.
   */
  private static Found read(ReferralStore store, Review review) {
    List<Evidence> rewards = new ArrayList<>();
    Map<OrderId, Boolean> ofProduct = new HashMap<>();
    RewardId after = null;
    while (true) {
      List<Reward> page = store.listRewardsOf(review.author(), after, Listings.MAX_LIMIT);
      for (Reward reward : page) {
        if (reward.state() == RewardState.REJECTED) {
          continue;
        }
        boolean tied = ofProduct.computeIfAbsent(reward.orderId(), order -> store.findConversion(order)
            .map(conversion -> conversion.lines().stream().map(OrderLine::productId).anyMatch(review.productId()::equals))
            .orElse(false));
        if (tied) {
          rewards.add(new Evidence.ReferralReward(reward.id(), reward.role(), reward.state()));
        }
      }
      if (page.size() < Listings.MAX_LIMIT) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    return new Found(rewards, store.findAttribution(review.author()).orElse(null));
  }

  private boolean worksFor(UserId user, StoreId store) {
    Set<StoreId> stores;
    try {
      stores = storeStaff.storesOf(user);
    } catch (RuntimeException e) {
      throw new IntegrationException("the host's StoreStaff failed; try again", e);
    }
    if (stores == null) {
      throw new IntegrationException("the host's StoreStaff answered null", null);
    }
    return stores.contains(store);
  }

  private record Found(List<Evidence> rewards, @Nullable Attribution attribution) {}
}
