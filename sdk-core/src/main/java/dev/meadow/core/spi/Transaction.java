package dev.meadow.core.spi;

/**
 * An open storage transaction, handing out the stores that take part in it. Valid only inside the
 * {@link TransactionWork} it was given to, and only on that thread.
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

  /** Returns the store of webhook endpoints and their deliveries. */
  WebhookStore webhooks();
}
