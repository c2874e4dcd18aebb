package dev.meadow.core.spi;

import org.jspecify.annotations.Nullable;

/**
 * An open storage transaction, handing out the stores that take part in it: core's through one
 * accessor each, and any store, core's or a module's, by type through {@link #store}. Valid only
 * inside the {@link TransactionWork} it was given to, and only on that thread.
 */
public interface Transaction {
  /** Returns the outbox of events waiting to be delivered. */
  OutboxStore outbox();

  /** Returns the store of groups, members, invitations and group activity. */
  GroupStore groups();

  /** Returns the store of posts, comments and reactions. */
  PostStore posts();

  /** Returns the store of follows. */
  FollowStore follows();

  /** Returns the store of users' style labels. */
  LabelStore labels();

  /** Returns the store of reviews, votes, replies and rating summaries. */
  ReviewStore reviews();

  /** Returns the store of share links, clicks, attributions, conversions, rewards and referral statistics. */
  ReferralStore referrals();

  /** Returns the store of named counters. */
  CounterStore counters();

  /**
   * Returns the store of type {@code storeType} bound to this transaction: one of core's (the same
   * as its accessor above) or a module's. The storage's
   * {@link Storage#provides} tells in advance which types it hands out; modules check it when a
   * {@code Meadow} is built.
   *
   * <p>Adapters that provide module stores override this and fall back on this default for core's.
   *
   * @throws IllegalArgumentException if this adapter provides no store of that type
   */
  default <S> S store(Class<S> storeType) {
    Object store = coreStore(this, storeType);
    if (store == null) {
      throw new IllegalArgumentException(this + " provides no " + storeType.getName());
    }
    return storeType.cast(store);
  }

  /** Returns core's store of {@code storeType} in {@code tx}, or null if it is not one of core's. */
  private static @Nullable Object coreStore(Transaction tx, Class<?> storeType) {
    if (storeType == OutboxStore.class) {
      return tx.outbox();
    } else if (storeType == GroupStore.class) {
      return tx.groups();
    } else if (storeType == PostStore.class) {
      return tx.posts();
    } else if (storeType == FollowStore.class) {
      return tx.follows();
    } else if (storeType == LabelStore.class) {
      return tx.labels();
    } else if (storeType == ReviewStore.class) {
      return tx.reviews();
    } else if (storeType == ReferralStore.class) {
      return tx.referrals();
    } else if (storeType == CounterStore.class) {
      return tx.counters();
    }
    return null;
  }
}
