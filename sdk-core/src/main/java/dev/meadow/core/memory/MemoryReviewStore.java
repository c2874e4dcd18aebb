package dev.meadow.core.memory;

import static dev.meadow.core.spi.Listings.checkLimit;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.MerchantReply;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.ReplyRevision;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewReport;
import dev.meadow.core.reviews.ReviewRevision;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.spi.ReviewStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reviews, revisions, votes, reports, replies and rating summaries kept in memory; guarded by the
 * storage's lock.
 */
final class MemoryReviewStore {
  /*
   * Published reviews are indexed per subject (their product and their store), per sort and per
   * rating: a listing merges the buckets of the ratings its filter asks for, each already in the
   * sort's order, and checks the remaining filters (verified, media, style label) as it walks.
   * A review is in eight buckets; every write replaces a review in all of them at once, so
   * counts that move its helpful score also move its place in MOST_HELPFUL.
   */

  /** A review's place in one sort: the sort value (0 for NEWEST), then the id, newest first. */
  private record Position(double value, ReviewId id) {}

  private record Bucket(SummaryKey subject, ReviewSort sort, int rating) {}

  private record AuthorKey(UserId author, ProductId productId, String dedupeKey) {}

  private record TextKey(UserId author, String textHash) {}

  private record VoteKey(ReviewId reviewId, UserId userId) {}

  private record Vote(boolean helpful, Instant at) {}

  /** A report's place among a review's reports: oldest first, then by reporter. */
  private record ReportPosition(long millis, String reporter) {}

  private static final Comparator<ReviewId> NEWEST_FIRST = Comparator.reverseOrder();

  private static final Comparator<Position> BY_ID = Comparator.comparing(Position::id, NEWEST_FIRST);

  private static final Comparator<Position> HIGHEST_FIRST =
      Comparator.comparingDouble(Position::value).reversed().thenComparing(BY_ID);

  private static final Comparator<Position> LOWEST_FIRST =
      Comparator.comparingDouble(Position::value).thenComparing(BY_ID);

  private static final Comparator<ReportPosition> OLDEST_FIRST =
      Comparator.comparingLong(ReportPosition::millis).thenComparing(ReportPosition::reporter);

  private final MemoryLabelStore labels;

  private final NavigableMap<ReviewId, Review> reviews = new TreeMap<>();
  private final Map<AuthorKey, ReviewId> reviewsByKey = new HashMap<>();
  /** Published reviews in listing order. */
  private final Map<Bucket, NavigableMap<Position, Review>> listed = new HashMap<>();
  /** Held reviews, oldest first. */
  private final NavigableMap<ReviewId, Review> held = new TreeMap<>();
  /** Reviews in any state but removed, by author and text hash. */
  private final Map<TextKey, NavigableMap<ReviewId, ReviewId>> texts = new HashMap<>();

  private final Map<ReviewId, NavigableMap<Integer, ReviewRevision>> revisions = new HashMap<>();
  private final Map<VoteKey, Vote> votes = new HashMap<>();
  private final Map<VoteKey, ReviewReport> reports = new HashMap<>();
  private final Map<ReviewId, NavigableMap<ReportPosition, ReviewReport>> reportsOfReview = new HashMap<>();

  private final Map<ReviewId, MerchantReply> replies = new HashMap<>();
  private final Map<ReviewId, NavigableMap<Integer, ReplyRevision>> replyRevisions = new HashMap<>();

  private final Map<SummaryKey, RatingSummary> summaries = new HashMap<>();

  MemoryReviewStore(MemoryLabelStore labels) {
    this.labels = labels;
  }

  ReviewStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  private static Position position(ReviewSort sort, Review review) {
    double value = switch (sort) {
      case NEWEST -> 0;
      case HIGHEST, LOWEST -> review.rating();
      case MOST_HELPFUL -> review.helpfulScore();
    };
    return new Position(value, review.id());
  }

  private static Comparator<Position> order(ReviewSort sort) {
    return switch (sort) {
      case NEWEST -> BY_ID;
      case HIGHEST, MOST_HELPFUL -> HIGHEST_FIRST;
      case LOWEST -> LOWEST_FIRST;
    };
  }

  private static List<SummaryKey> subjects(Review review) {
    return List.of(SummaryKey.product(review.productId()), SummaryKey.store(review.storeId()));
  }

  private void putReview(MemoryTransaction tx, @Nullable Review previous, Review next) {
    writeReview(previous, next);
    tx.onRollback(() -> writeReview(next, previous));
  }

  private void writeReview(@Nullable Review previous, @Nullable Review next) {
    if (previous != null) {
      reviews.remove(previous.id());
      reviewsByKey.remove(new AuthorKey(previous.author(), previous.productId(), previous.dedupeKey()));
      for (SummaryKey subject : subjects(previous)) {
        for (ReviewSort sort : ReviewSort.values()) {
          Indexes.remove(listed, new Bucket(subject, sort, previous.rating()), position(sort, previous));
        }
      }
      held.remove(previous.id());
      Indexes.remove(texts, new TextKey(previous.author(), previous.textHash()), previous.id());
    }
    if (next != null) {
      reviews.put(next.id(), next);
      reviewsByKey.put(new AuthorKey(next.author(), next.productId(), next.dedupeKey()), next.id());
      if (next.state() == ReviewState.PUBLISHED) {
        for (SummaryKey subject : subjects(next)) {
          for (ReviewSort sort : ReviewSort.values()) {
            Indexes.add(listed, new Bucket(subject, sort, next.rating()), position(sort, next), next, order(sort));
          }
        }
      }
      if (next.state() == ReviewState.HELD) {
        held.put(next.id(), next);
      }
      if (next.state() != ReviewState.REMOVED) {
        Indexes.add(texts, new TextKey(next.author(), next.textHash()), next.id(), next.id());
      }
    }
  }

  private void writeRevision(@Nullable ReviewRevision previous, @Nullable ReviewRevision next) {
    if (previous != null) {
      Indexes.remove(revisions, previous.reviewId(), previous.number());
    }
    if (next != null) {
      Indexes.add(revisions, next.reviewId(), next.number(), next);
    }
  }

  private void writeVote(VoteKey key, @Nullable Vote vote) {
    if (vote == null) {
      votes.remove(key);
    } else {
      votes.put(key, vote);
    }
  }

  private static ReportPosition position(ReviewReport report) {
    return new ReportPosition(report.at().toEpochMilli(), report.reporter().value());
  }

  private void writeReport(@Nullable ReviewReport previous, @Nullable ReviewReport next) {
    if (previous != null) {
      reports.remove(new VoteKey(previous.reviewId(), previous.reporter()));
      Indexes.remove(reportsOfReview, previous.reviewId(), position(previous));
    }
    if (next != null) {
      reports.put(new VoteKey(next.reviewId(), next.reporter()), next);
      Indexes.add(reportsOfReview, next.reviewId(), position(next), next, OLDEST_FIRST);
    }
  }

  private void writeReply(ReviewId reviewId, @Nullable MerchantReply reply) {
    if (reply == null) {
      replies.remove(reviewId);
    } else {
      replies.put(reviewId, reply);
    }
  }

  private void writeReplyRevision(@Nullable ReplyRevision previous, @Nullable ReplyRevision next) {
    if (previous != null) {
      Indexes.remove(replyRevisions, previous.reviewId(), previous.number());
    }
    if (next != null) {
      Indexes.add(replyRevisions, next.reviewId(), next.number(), next);
    }
  }

  private void writeSummary(SummaryKey key, @Nullable RatingSummary summary) {
    if (summary == null) {
      summaries.remove(key);
    } else {
      summaries.put(key, summary);
    }
  }

  private static Review withCounts(Review review, long helpful, long unhelpful, long reports) {
    return new Review(review.id(), review.productId(), review.storeId(), review.author(), review.orderId(),
        review.dedupeKey(), review.rating(), review.title(), review.body(), review.media(), review.attributes(),
        review.wouldRecommend(), review.provenance(), review.state(), review.reasons(), review.textHash(), helpful,
        unhelpful, RatingSummary.wilsonLowerBound(helpful, helpful + unhelpful), reports, review.createdAt(),
        review.editedAt(), review.version());
  }

  private final class Bound implements ReviewStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    // Reviews

    @Override
    public boolean insertReview(Review review) {
      tx.checkOpen();
      requireNonNull(review, "review");
      if (reviews.containsKey(review.id())
          || reviewsByKey.containsKey(new AuthorKey(review.author(), review.productId(), review.dedupeKey()))) {
        return false;
      }
      putReview(tx, null, review);
      return true;
    }

    @Override
    public Optional<Review> findReview(ReviewId id) {
      tx.checkOpen();
      return Optional.ofNullable(reviews.get(requireNonNull(id, "id")));
    }

    @Override
    public Optional<Review> findReviewByKey(UserId author, ProductId productId, String dedupeKey) {
      tx.checkOpen();
      AuthorKey key = new AuthorKey(requireNonNull(author, "author"), requireNonNull(productId, "productId"),
          requireNonNull(dedupeKey, "dedupeKey"));
      ReviewId id = reviewsByKey.get(key);
      return id == null ? Optional.empty() : Optional.of(reviews.get(id));
    }

    @Override
    public boolean updateReview(Review next) {
      tx.checkOpen();
      requireNonNull(next, "next");
      Review stored = reviews.get(next.id());
      if (stored == null || stored.version() != next.version() - 1) {
        return false;
      }
      putReview(tx, stored, new Review(stored.id(), stored.productId(), stored.storeId(), stored.author(),
          stored.orderId(), stored.dedupeKey(), next.rating(), next.title(), next.body(), next.media(),
          next.attributes(), next.wouldRecommend(), next.provenance(), next.state(), next.reasons(), next.textHash(),
          stored.helpfulCount(), stored.unhelpfulCount(), stored.helpfulScore(), stored.reportCount(),
          stored.createdAt(), next.editedAt(), next.version()));
      return true;
    }

    @Override
    public Optional<Review> adjustReviewCounts(ReviewId id, long helpfulDelta, long unhelpfulDelta,
        long reportsDelta) {
      tx.checkOpen();
      Review stored = reviews.get(requireNonNull(id, "id"));
      if (stored == null) {
        return Optional.empty();
      }
      Review next = withCounts(stored, stored.helpfulCount() + helpfulDelta,
          stored.unhelpfulCount() + unhelpfulDelta, stored.reportCount() + reportsDelta);
      putReview(tx, stored, next);
      return Optional.of(next);
    }

    @Override
    public boolean authorHasText(UserId author, String textHash, @Nullable ReviewId except) {
      tx.checkOpen();
      NavigableMap<ReviewId, ReviewId> written =
          texts.get(new TextKey(requireNonNull(author, "author"), requireNonNull(textHash, "textHash")));
      if (written == null) {
        return false;
      }
      return except == null || written.size() > 1 || !written.containsKey(except);
    }

    @Override
    public List<Review> listReviews(SummaryKey subject, ReviewFilter filter, ReviewSort sort, @Nullable Review after,
        int limit) {
      tx.checkOpen();
      requireNonNull(subject, "subject");
      requireNonNull(filter, "filter");
      requireNonNull(sort, "sort");
      checkLimit(limit);
      List<Review> page = new ArrayList<>();
      if (limit == 0) {
        return page;
      }
      Position start = after == null ? null : position(sort, after);
      Comparator<Position> order = order(sort);
      List<Iterator<Map.Entry<Position, Review>>> perRating = new ArrayList<>();
      for (int rating : filter.ratings()) {
        perRating.add(Indexes.after(listed, new Bucket(subject, sort, rating), start).entrySet().iterator());
      }
      Iterator<Map.Entry<Position, Review>> merged =
          Iterators.mergeSorted(perRating, Map.Entry.comparingByKey(order));
      String styleLabel = filter.styleLabel();
      while (merged.hasNext() && page.size() < limit) {
        Review review = merged.next().getValue();
        if ((filter.verifiedOnly() && !review.verified())
            || (filter.withMedia() && !review.hasMedia())
            || (styleLabel != null && !labels.hasLabel(review.author(), styleLabel))) {
          continue;
        }
        page.add(review);
      }
      return page;
    }

    @Override
    public List<Review> listHeld(@Nullable ReviewId after, int limit) {
      tx.checkOpen();
      checkLimit(limit);
      return Indexes.first((after == null ? held : held.tailMap(after, false)).values(), limit);
    }

    @Override
    public List<Review> scanReviews(@Nullable ReviewId after, int limit) {
      tx.checkOpen();
      checkLimit(limit);
      return Indexes.first((after == null ? reviews : reviews.tailMap(after, false)).values(), limit);
    }

    @Override
    public boolean insertRevision(ReviewRevision revision) {
      tx.checkOpen();
      requireNonNull(revision, "revision");
      if (Indexes.after(revisions, revision.reviewId(), null).containsKey(revision.number())) {
        return false;
      }
      writeRevision(null, revision);
      tx.onRollback(() -> writeRevision(revision, null));
      return true;
    }

    @Override
    public List<ReviewRevision> listRevisions(ReviewId reviewId, int limit) {
      tx.checkOpen();
      requireNonNull(reviewId, "reviewId");
      checkLimit(limit);
      return Indexes.first(Indexes.after(revisions, reviewId, null).values(), limit);
    }

    // Votes and reports

    @Override
    public Optional<Boolean> findVote(ReviewId reviewId, UserId userId) {
      tx.checkOpen();
      Vote vote = votes.get(voteKey(reviewId, userId));
      return vote == null ? Optional.empty() : Optional.of(vote.helpful());
    }

    @Override
    public boolean insertVote(ReviewId reviewId, UserId userId, boolean helpful, Instant at) {
      tx.checkOpen();
      VoteKey key = voteKey(reviewId, userId);
      requireNonNull(at, "at");
      if (votes.containsKey(key)) {
        return false;
      }
      Vote vote = new Vote(helpful, at);
      writeVote(key, vote);
      tx.onRollback(() -> writeVote(key, null));
      return true;
    }

    @Override
    public boolean changeVote(ReviewId reviewId, UserId userId, boolean helpful, Instant at) {
      tx.checkOpen();
      VoteKey key = voteKey(reviewId, userId);
      requireNonNull(at, "at");
      Vote stored = votes.get(key);
      if (stored == null || stored.helpful() == helpful) {
        return false;
      }
      writeVote(key, new Vote(helpful, at));
      tx.onRollback(() -> writeVote(key, stored));
      return true;
    }

    @Override
    public boolean deleteVote(ReviewId reviewId, UserId userId, boolean helpful) {
      tx.checkOpen();
      VoteKey key = voteKey(reviewId, userId);
      Vote stored = votes.get(key);
      if (stored == null || stored.helpful() != helpful) {
        return false;
      }
      writeVote(key, null);
      tx.onRollback(() -> writeVote(key, stored));
      return true;
    }

    private VoteKey voteKey(ReviewId reviewId, UserId userId) {
      return new VoteKey(requireNonNull(reviewId, "reviewId"), requireNonNull(userId, "userId"));
    }

    @Override
    public boolean insertReport(ReviewReport report) {
      tx.checkOpen();
      requireNonNull(report, "report");
      if (reports.containsKey(new VoteKey(report.reviewId(), report.reporter()))) {
        return false;
      }
      writeReport(null, report);
      tx.onRollback(() -> writeReport(report, null));
      return true;
    }

    @Override
    public List<ReviewReport> listReports(ReviewId reviewId, int limit) {
      tx.checkOpen();
      requireNonNull(reviewId, "reviewId");
      checkLimit(limit);
      return Indexes.first(Indexes.after(reportsOfReview, reviewId, null).values(), limit);
    }

    @Override
    public int resolveReports(ReviewId reviewId, Instant at) {
      tx.checkOpen();
      requireNonNull(reviewId, "reviewId");
      requireNonNull(at, "at");
      List<ReviewReport> open = Indexes.after(reportsOfReview, reviewId, null).values().stream()
          .filter(ReviewReport::open)
          .toList();
      for (ReviewReport report : open) {
        ReviewReport resolved = new ReviewReport(report.reviewId(), report.reporter(), report.reason(), report.at(), at);
        writeReport(report, resolved);
        tx.onRollback(() -> writeReport(resolved, report));
      }
      return open.size();
    }

    // Merchant replies

    @Override
    public boolean insertReply(MerchantReply reply) {
      tx.checkOpen();
      requireNonNull(reply, "reply");
      if (replies.containsKey(reply.reviewId())) {
        return false;
      }
      writeReply(reply.reviewId(), reply);
      tx.onRollback(() -> writeReply(reply.reviewId(), null));
      return true;
    }

    @Override
    public Optional<MerchantReply> findReply(ReviewId reviewId) {
      tx.checkOpen();
      return Optional.ofNullable(replies.get(requireNonNull(reviewId, "reviewId")));
    }

    @Override
    public boolean updateReply(MerchantReply next) {
      tx.checkOpen();
      requireNonNull(next, "next");
      MerchantReply stored = replies.get(next.reviewId());
      if (stored == null || stored.version() != next.version() - 1) {
        return false;
      }
      writeReply(stored.reviewId(), new MerchantReply(stored.reviewId(), stored.storeId(), next.author(), next.body(),
          stored.createdAt(), next.editedAt(), next.version()));
      tx.onRollback(() -> writeReply(stored.reviewId(), stored));
      return true;
    }

    @Override
    public boolean insertReplyRevision(ReplyRevision revision) {
      tx.checkOpen();
      requireNonNull(revision, "revision");
      if (Indexes.after(replyRevisions, revision.reviewId(), null).containsKey(revision.number())) {
        return false;
      }
      writeReplyRevision(null, revision);
      tx.onRollback(() -> writeReplyRevision(revision, null));
      return true;
    }

    @Override
    public List<ReplyRevision> listReplyRevisions(ReviewId reviewId, int limit) {
      tx.checkOpen();
      requireNonNull(reviewId, "reviewId");
      checkLimit(limit);
      return Indexes.first(Indexes.after(replyRevisions, reviewId, null).values(), limit);
    }

    // Summaries

    @Override
    public RatingSummary findSummary(SummaryKey key) {
      tx.checkOpen();
      RatingSummary summary = summaries.get(requireNonNull(key, "key"));
      return summary == null ? RatingSummary.empty(key) : summary;
    }

    @Override
    public void adjustSummary(SummaryKey key, int rating, boolean verified, long delta) {
      tx.checkOpen();
      requireNonNull(key, "key");
      if (rating < 1 || rating > 5) {
        throw new IllegalArgumentException("rating must be 1 to 5, was " + rating);
      }
      RatingSummary stored = summaries.get(key);
      RatingSummary current = stored == null ? RatingSummary.empty(key) : stored;
      List<Long> histogram = new ArrayList<>(current.histogram());
      histogram.set(rating - 1, histogram.get(rating - 1) + delta);
      writeSummary(key, new RatingSummary(key, current.count() + delta, current.sum() + rating * delta, histogram,
          current.verifiedCount() + (verified ? delta : 0)));
      tx.onRollback(() -> writeSummary(key, stored));
    }

    @Override
    public RatingSummary computeSummary(SummaryKey key) {
      tx.checkOpen();
      requireNonNull(key, "key");
      long count = 0;
      long sum = 0;
      long verifiedCount = 0;
      List<Long> histogram = new ArrayList<>();
      for (int rating = 1; rating <= 5; rating++) {
        long ofRating = 0;
        for (Review review : Indexes.after(listed, new Bucket(key, ReviewSort.NEWEST, rating), null).values()) {
          ofRating++;
          if (review.verified()) {
            verifiedCount++;
          }
        }
        histogram.add(ofRating);
        count += ofRating;
        sum += rating * ofRating;
      }
      return new RatingSummary(key, count, sum, histogram, verifiedCount);
    }

    @Override
    public void replaceSummary(RatingSummary summary) {
      tx.checkOpen();
      requireNonNull(summary, "summary");
      RatingSummary stored = summaries.get(summary.key());
      writeSummary(summary.key(), summary);
      tx.onRollback(() -> writeSummary(summary.key(), stored));
    }
  }
}
