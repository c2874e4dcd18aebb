package dev.meadow.core.events;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.ReviewState;
import java.time.Instant;
import java.util.List;

/** Events about reviews, their votes, reports and replies. */
public sealed interface ReviewEvent extends MeadowEvent {
  /** Returns the review the event is about. */
  ReviewId reviewId();

  /** Returns the product reviewed. */
  ProductId productId();

  /**
   * A review was written: published, held for a moderator, or rejected by moderation.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param storeId the store that sold it
   * @param author who wrote it
   * @param rating the stars
   * @param state where moderation put it
   * @param verified whether the purchase was verified
   * @param reasons why moderation held or rejected it
   */
  @EventType("review.submitted")
  record Submitted(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, StoreId storeId, UserId author, int rating, ReviewState state, boolean verified, List<String> reasons)
      implements ReviewEvent {
    public Submitted {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(storeId, "storeId");
      requireNonNull(author, "author");
      requireNonNull(state, "state");
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A review's author edited it; the earlier text is kept as a revision.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param rating the stars now
   * @param state where moderation put it
   * @param version the review's new version
   */
  @EventType("review.edited")
  record Edited(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, int rating, ReviewState state, long version)
      implements ReviewEvent {
    public Edited {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(state, "state");
    }
  }

  /**
   * A moderator published a held review.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param by the moderator
   */
  @EventType("review.published")
  record Published(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, UserId by)
      implements ReviewEvent {
    public Published {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(by, "by");
    }
  }

  /**
   * A published review was held for a moderator, after abuse reports.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param reasons why
   */
  @EventType("review.held")
  record Held(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, List<String> reasons)
      implements ReviewEvent {
    public Held {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A moderator rejected a held review.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param by the moderator
   * @param reason why
   */
  @EventType("review.rejected")
  record Rejected(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, UserId by, String reason)
      implements ReviewEvent {
    public Rejected {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(by, "by");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A review's author withdrew it.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   */
  @EventType("review.withdrawn")
  record Withdrawn(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId)
      implements ReviewEvent {
    public Withdrawn {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
    }
  }

  /**
   * A user voted on a review, or changed their vote.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param userId who
   * @param helpful whether they found it helpful
   */
  @EventType("review.voted")
  record Voted(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, UserId userId, boolean helpful)
      implements ReviewEvent {
    public Voted {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(userId, "userId");
    }
  }

  /**
   * A user took back their vote.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param userId who
   */
  @EventType("review.vote_withdrawn")
  record VoteWithdrawn(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, UserId userId)
      implements ReviewEvent {
    public VoteWithdrawn {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(userId, "userId");
    }
  }

  /**
   * A user reported a review as abusive.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param reporter who
   * @param reason why
   */
  @EventType("review.reported")
  record Reported(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, UserId reporter, String reason)
      implements ReviewEvent {
    public Reported {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(reporter, "reporter");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * The store replied to a review, or edited its reply.
   *
   * @param id the event id
   * @param occurredAt when
   * @param reviewId the review
   * @param productId the product reviewed
   * @param storeId the store
   * @param author the staff member
   * @param version the reply's version
   */
  @EventType("review.replied")
  record Replied(EventId id, Instant occurredAt, ReviewId reviewId, ProductId productId, StoreId storeId, UserId author, long version)
      implements ReviewEvent {
    public Replied {
      requireNonNull(id, "id");
      requireNonNull(occurredAt, "occurredAt");
      requireNonNull(reviewId, "reviewId");
      requireNonNull(productId, "productId");
      requireNonNull(storeId, "storeId");
      requireNonNull(author, "author");
    }
  }
}
