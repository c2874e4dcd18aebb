package dev.meadow.storage.jdbc;

import dev.meadow.core.spi.Listings;
import static java.util.Objects.requireNonNull;

import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.ReviewId;
import dev.meadow.core.StorageException;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.MerchantReply;
import dev.meadow.core.reviews.Provenance;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.ReplyRevision;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewReport;
import dev.meadow.core.reviews.ReviewRevision;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.ReviewState;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.core.reviews.Verification;
import dev.meadow.core.spi.ReviewStore;
import dev.meadow.storage.jdbc.JdbcSession.Binder;
import dev.meadow.storage.jdbc.Sql.Query;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reviews in {@code meadow_reviews}, their earlier revisions in {@code meadow_review_revisions},
 * votes in {@code meadow_review_votes}, reports in {@code meadow_review_reports}, merchant replies
 * in {@code meadow_review_replies} with their revisions in {@code meadow_review_reply_revisions},
 * and rating summaries in {@code meadow_review_summaries}.
 */
final class JdbcReviewStore implements ReviewStore {
  /** What a review and each of its revisions say: the columns {@link Content} binds and reads. */
  private static final String CONTENT_COLUMNS =
      "rating, title, body, media, attribute_names, attribute_values, would_recommend";
  /** What {@link #updateReview} replaces, in the order {@link #bindChangeable} binds it. */
  private static final String CHANGEABLE_COLUMNS = CONTENT_COLUMNS + ", source, source_name, incentive, relationship,"
      + " verified, verification_passed, verification_checked_at, verification_reason, purchase_order_id,"
      + " purchase_product_id, purchased_at, purchase_state, state, reasons, text_hash";
  private static final String REVIEW_COLUMNS = "id, product_id, store_id, author_id, order_id, dedupe_key, "
      + CHANGEABLE_COLUMNS + ", helpful_count, unhelpful_count, helpful_score, report_count, created_at, edited_at,"
      + " version";
  private static final String SELECT_REVIEW = "SELECT " + REVIEW_COLUMNS + " FROM meadow_reviews";
  private static final String INSERT_REVIEW =
      "INSERT INTO meadow_reviews (" + REVIEW_COLUMNS + ") VALUES (" + Sql.parameters(REVIEW_COLUMNS) + ")";
  private static final String FIND_REVIEW = SELECT_REVIEW + " WHERE id = ?";
  private static final String FIND_REVIEW_BY_KEY =
      SELECT_REVIEW + " WHERE author_id = ? AND product_id = ? AND dedupe_key = ?";
  private static final String UPDATE_REVIEW = "UPDATE meadow_reviews SET " + Sql.assignments(CHANGEABLE_COLUMNS)
      + ", edited_at = ?, version = ? WHERE id = ? AND version = ?";
  private static final String ADJUST_REVIEW_COUNTS = "UPDATE meadow_reviews SET "
      + Sql.increments("helpful_count, unhelpful_count, report_count") + " WHERE id = ?";
  private static final String SET_HELPFUL_SCORE = "UPDATE meadow_reviews SET helpful_score = ? WHERE id = ?";
  private static final String AUTHOR_HAS_TEXT =
      "SELECT 1 FROM meadow_reviews WHERE author_id = ? AND text_hash = ? AND state <> 'REMOVED'";
  private static final String AUTHOR_HAS_TEXT_ANYWHERE = AUTHOR_HAS_TEXT + " LIMIT 1";
  private static final String AUTHOR_HAS_TEXT_ELSEWHERE = AUTHOR_HAS_TEXT + " AND id <> ? LIMIT 1";
  private static final Keyset HELD = Keyset.byText(SELECT_REVIEW, "state = 'HELD'", "id", false);
  /** Every review in id order, read from the primary key's index. */
  static final Keyset SCAN = Keyset.byText(SELECT_REVIEW, "TRUE", "id", false);

  /** Listings' condition, the same text as the partial indexes' on PostgreSQL. */
  private static final String PUBLISHED = " AND r.state = 'PUBLISHED'";
  private static final String LIST_REVIEWS = "SELECT " + REVIEW_COLUMNS + " FROM meadow_reviews r WHERE r.";

  private static final String REVISION_COLUMNS = "review_id, number, " + CONTENT_COLUMNS + ", written_at";
  private static final String INSERT_REVISION = "INSERT INTO meadow_review_revisions (" + REVISION_COLUMNS
      + ") VALUES (" + Sql.parameters(REVISION_COLUMNS) + ")";
  private static final String LIST_REVISIONS = "SELECT " + REVISION_COLUMNS
      + " FROM meadow_review_revisions WHERE review_id = ? ORDER BY number LIMIT ?";

  private static final String VOTE_KEY = " WHERE review_id = ? AND user_id = ?";
  private static final String FIND_VOTE = "SELECT helpful FROM meadow_review_votes" + VOTE_KEY;
  private static final String INSERT_VOTE =
      "INSERT INTO meadow_review_votes (review_id, user_id, helpful, voted_at) VALUES (?, ?, ?, ?)";
  private static final String CHANGE_VOTE =
      "UPDATE meadow_review_votes SET helpful = ?, voted_at = ?" + VOTE_KEY + " AND helpful = ?";
  private static final String DELETE_VOTE = "DELETE FROM meadow_review_votes" + VOTE_KEY + " AND helpful = ?";

  private static final String REPORT_COLUMNS = "review_id, reporter_id, reason, reported_at, resolved_at";
  private static final String INSERT_REPORT =
      "INSERT INTO meadow_review_reports (" + REPORT_COLUMNS + ") VALUES (" + Sql.parameters(REPORT_COLUMNS) + ")";
  private static final String RESOLVE_REPORTS =
      "UPDATE meadow_review_reports SET resolved_at = ? WHERE review_id = ? AND resolved_at IS NULL";
  private static final String LIST_REPORTS = "SELECT " + REPORT_COLUMNS
      + " FROM meadow_review_reports WHERE review_id = ? ORDER BY reported_at, reporter_id LIMIT ?";

  private static final String REPLY_COLUMNS = "review_id, store_id, author_id, body, created_at, edited_at, version";
  private static final String INSERT_REPLY =
      "INSERT INTO meadow_review_replies (" + REPLY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String FIND_REPLY = "SELECT " + REPLY_COLUMNS + " FROM meadow_review_replies WHERE review_id = ?";
  private static final String UPDATE_REPLY = "UPDATE meadow_review_replies SET author_id = ?, body = ?, edited_at = ?,"
      + " version = ? WHERE review_id = ? AND version = ?";
  private static final String REPLY_REVISION_COLUMNS = "review_id, number, author_id, body, written_at";
  private static final String INSERT_REPLY_REVISION =
      "INSERT INTO meadow_review_reply_revisions (" + REPLY_REVISION_COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
  private static final String LIST_REPLY_REVISIONS = "SELECT " + REPLY_REVISION_COLUMNS
      + " FROM meadow_review_reply_revisions WHERE review_id = ? ORDER BY number LIMIT ?";

  /** A summary's counts, in the order {@link #summary} reads and {@link #REPLACE_SUMMARY} binds them. */
  private static final String SUMMARY_COUNTS =
      "review_count, rating_sum, stars_1, stars_2, stars_3, stars_4, stars_5, verified_count";
  private static final String SUMMARY_KEY = " WHERE subject_kind = ? AND subject_id = ?";
  private static final String FIND_SUMMARY = "SELECT " + SUMMARY_COUNTS + " FROM meadow_review_summaries" + SUMMARY_KEY;
  private static final String CREATE_SUMMARY = "INSERT INTO meadow_review_summaries (subject_kind, subject_id, "
      + SUMMARY_COUNTS + ") VALUES (?, ?, 0, 0, 0, 0, 0, 0, 0, 0)";
  private static final String ADJUST_SUMMARY =
      "UPDATE meadow_review_summaries SET " + Sql.increments(SUMMARY_COUNTS) + SUMMARY_KEY;
  private static final String REPLACE_SUMMARY =
      "UPDATE meadow_review_summaries SET " + Sql.assignments(SUMMARY_COUNTS) + SUMMARY_KEY;
  /** A summary's counts computed from the published reviews, named as the stored summary's columns. */
  private static final String COMPUTE_SUMMARY = "SELECT COUNT(*) AS review_count,"
      + " COALESCE(SUM(r.rating), 0) AS rating_sum, COUNT(CASE WHEN r.rating = 1 THEN 1 END) AS stars_1,"
      + " COUNT(CASE WHEN r.rating = 2 THEN 1 END) AS stars_2, COUNT(CASE WHEN r.rating = 3 THEN 1 END) AS stars_3,"
      + " COUNT(CASE WHEN r.rating = 4 THEN 1 END) AS stars_4, COUNT(CASE WHEN r.rating = 5 THEN 1 END) AS stars_5,"
      + " COUNT(CASE WHEN r.verified THEN 1 END) AS verified_count FROM meadow_reviews r WHERE r.";
  private static final String COMPUTE_PRODUCT_SUMMARY = COMPUTE_SUMMARY + "product_id = ?" + PUBLISHED;
  private static final String COMPUTE_STORE_SUMMARY = COMPUTE_SUMMARY + "store_id = ?" + PUBLISHED;

  private final JdbcTransaction tx;

  JdbcReviewStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public boolean insertReview(Review review) {
    requireNonNull(review, "review");
    return tx.insertIfAbsent("insert a review", INSERT_REVIEW, s -> {
      s.setString(1, review.id().value());
      s.setString(2, review.productId().value());
      s.setString(3, review.storeId().value());
      s.setString(4, review.author().value());
      s.setString(5, review.orderId() == null ? null : review.orderId().value());
      s.setString(6, review.dedupeKey());
      int index = bindChangeable(s, 7, review);
      s.setLong(index, review.helpfulCount());
      s.setLong(index + 1, review.unhelpfulCount());
      s.setDouble(index + 2, review.helpfulScore());
      s.setLong(index + 3, review.reportCount());
      Sql.setInstant(s, index + 4, review.createdAt());
      Sql.setInstant(s, index + 5, review.editedAt());
      s.setLong(index + 6, review.version());
    });
  }

  @Override
  public Optional<Review> findReview(ReviewId id) {
    requireNonNull(id, "id");
    return tx.one("find a review", FIND_REVIEW, s -> s.setString(1, id.value()), JdbcReviewStore::review);
  }

  @Override
  public Optional<Review> findReviewByKey(UserId author, ProductId productId, String dedupeKey) {
    requireNonNull(author, "author");
    requireNonNull(productId, "productId");
    requireNonNull(dedupeKey, "dedupeKey");
    return tx.one("find a review by its key", FIND_REVIEW_BY_KEY, s -> {
      s.setString(1, author.value());
      s.setString(2, productId.value());
      s.setString(3, dedupeKey);
    }, JdbcReviewStore::review);
  }

  @Override
  public boolean updateReview(Review next) {
    requireNonNull(next, "next");
    return tx.update("update a review", UPDATE_REVIEW, s -> {
      int index = bindChangeable(s, 1, next);
      Sql.setInstant(s, index, next.editedAt());
      s.setLong(index + 1, next.version());
      s.setString(index + 2, next.id().value());
      s.setLong(index + 3, next.version() - 1);
    }) == 1;
  }

  /**
   * Binds what an update may change, {@link #CHANGEABLE_COLUMNS}, from parameter {@code index} on,
   * and returns the index of the next parameter.
   */
  private static int bindChangeable(PreparedStatement s, int index, Review review) throws SQLException {
    int i = Content.of(review).bind(s, index);
    Provenance provenance = review.provenance();
    Verification verification = provenance.verification();
    Purchase purchase = verification.purchase();
    s.setString(i++, provenance.source().name());
    s.setString(i++, provenance.sourceName());
    s.setString(i++, provenance.incentive().name());
    s.setString(i++, provenance.relationship().name());
    s.setBoolean(i++, provenance.verified());
    s.setBoolean(i++, verification.verified());
    Sql.setInstant(s, i++, verification.checkedAt());
    s.setString(i++, verification.reason());
    s.setString(i++, purchase == null ? null : purchase.orderId().value());
    s.setString(i++, purchase == null ? null : purchase.productId().value());
    Sql.setInstant(s, i++, purchase == null ? null : purchase.purchasedAt());
    s.setString(i++, purchase == null ? null : purchase.state().name());
    s.setString(i++, review.state().name());
    Sql.setArray(s, i++, review.reasons());
    s.setString(i++, review.textHash());
    return i;
  }

  /*
   * The counts change in one UPDATE, which holds the review's row lock until the transaction ends
   * and returns the row as changed; the score computed from those counts is written by a second
   * UPDATE of the locked row, so no other adjustment can come between the two and the score always
   * matches the counts.
   */
  @Override
  public Optional<Review> adjustReviewCounts(ReviewId id, long helpfulDelta, long unhelpfulDelta, long reportsDelta) {
    requireNonNull(id, "id");
    String operation = "adjust a review's counts";
    String adjust = tx.dialect().updateReturning(ADJUST_REVIEW_COUNTS, REVIEW_COLUMNS);
    Optional<Review> adjusted = tx.one(operation, adjust, s -> {
      s.setLong(1, helpfulDelta);
      s.setLong(2, unhelpfulDelta);
      s.setLong(3, reportsDelta);
      s.setString(4, id.value());
    }, JdbcReviewStore::rescored);
    adjusted.ifPresent(review -> tx.update(operation, SET_HELPFUL_SCORE, s -> {
      s.setDouble(1, review.helpfulScore());
      s.setString(2, id.value());
    }));
    return adjusted;
  }

  @Override
  public boolean authorHasText(UserId author, String textHash, @Nullable ReviewId except) {
    requireNonNull(author, "author");
    requireNonNull(textHash, "textHash");
    Binder authorAndText = s -> {
      s.setString(1, author.value());
      s.setString(2, textHash);
    };
    if (except == null) {
      return tx.one("look for an author's text", AUTHOR_HAS_TEXT_ANYWHERE, authorAndText, row -> Boolean.TRUE)
          .isPresent();
    }
    return tx.one("look for an author's text", AUTHOR_HAS_TEXT_ELSEWHERE, s -> {
      authorAndText.bind(s);
      s.setString(3, except.value());
    }, row -> Boolean.TRUE).isPresent();
  }

  /*
   * A listing is one statement assembled from constant fragments, every value bound. Newest first
   * over every rating, and most helpful first, read one index range of the product's or store's
   * published reviews from the position on. Highest and lowest first, and newest first over some
   * ratings, are a union with one branch per rating, each the newest of that rating's own index
   * range (past the position), merged in the listing's order: each branch reads at most a page,
   * however the ratings are spread, and the ratings a filter leaves out are never read.
   */
  @Override
  public List<Review> listReviews(SummaryKey subject, ReviewFilter filter, ReviewSort sort, @Nullable Review after,
      int limit) {
    tx.checkOpen();
    requireNonNull(subject, "subject");
    requireNonNull(filter, "filter");
    requireNonNull(sort, "sort");
    Listings.checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    String subjectIs = subject.kind() == SummaryKey.Kind.PRODUCT ? "product_id = ?" : "store_id = ?";
    TreeSet<Integer> ratings = new TreeSet<>(filter.ratings());
    Query query;
    if (sort == ReviewSort.MOST_HELPFUL || (sort == ReviewSort.NEWEST && ratings.size() == 5)) {
      query = oneRange(subjectIs, subject.id(), ratings, filter, sort, after, limit);
    } else {
      List<Query> branches = new ArrayList<>();
      for (int rating : ratings) {
        boolean passed = after != null && switch (sort) {
          case HIGHEST -> rating > after.rating();
          case LOWEST -> rating < after.rating();
          default -> false;
        };
        if (!passed) {
          boolean bounded = after != null && (sort == ReviewSort.NEWEST || rating == after.rating());
          branches.add(ratingRange(subjectIs, subject.id(), rating, filter, bounded ? after : null, limit));
        }
      }
      if (branches.isEmpty()) {
        return List.of();
      }
      String order = switch (sort) {
        case HIGHEST -> "rating DESC, id DESC";
        case LOWEST -> "rating, id DESC";
        default -> "id DESC";
      };
      query = Query.unionAll(branches, order, limit);
    }
    return tx.list("list reviews", query.sql(), query, JdbcReviewStore::review);
  }

  /** Returns the listing newest first or most helpful first, as one range of one index. */
  private static Query oneRange(String subjectIs, String subject, Set<Integer> ratings, ReviewFilter filter,
      ReviewSort sort, @Nullable Review after, int limit) {
    Query query = new Query(LIST_REVIEWS).append(subjectIs + PUBLISHED, subject);
    if (ratings.size() < 5) {
      query.append(" AND r.rating IN (" + Sql.placeholders(ratings.size()) + ")", ratings);
    }
    appendFilter(query, filter);
    if (sort == ReviewSort.NEWEST) {
      if (after != null) {
        query.append(" AND r.id < ?", after.id().value());
      }
      return query.append(" ORDER BY r.id DESC LIMIT ?", limit);
    }
    if (after != null) {
      // The redundant bound on the score alone lets the database range-scan the index.
      double score = after.helpfulScore();
      query.append(" AND r.helpful_score <= ? AND (r.helpful_score < ? OR (r.helpful_score = ? AND r.id < ?))",
          score, score, score, after.id().value());
    }
    return query.append(" ORDER BY r.helpful_score DESC, r.id DESC LIMIT ?", limit);
  }

  /** Returns the newest reviews of one rating, older than {@code before} if given. */
  private static Query ratingRange(String subjectIs, String subject, int rating, ReviewFilter filter,
      @Nullable Review before, int limit) {
    Query query = new Query(LIST_REVIEWS).append(subjectIs + PUBLISHED + " AND r.rating = ?", subject, rating);
    appendFilter(query, filter);
    if (before != null) {
      query.append(" AND r.id < ?", before.id().value());
    }
    return query.append(" ORDER BY r.id DESC LIMIT ?", limit);
  }

  /** Appends the filter's conditions other than the ratings, on the review aliased {@code r}. */
  private static void appendFilter(Query query, ReviewFilter filter) {
    if (filter.verifiedOnly()) {
      query.append(" AND r.verified");
    }
    if (filter.withMedia()) {
      query.append(" AND CARDINALITY(r.media) > 0");
    }
    if (filter.styleLabel() != null) {
      query.append(" AND EXISTS (SELECT 1 FROM meadow_user_labels l WHERE l.user_id = r.author_id AND l.label = ?)",
          filter.styleLabel());
    }
  }

  @Override
  public List<Review> listHeld(@Nullable ReviewId after, int limit) {
    return HELD.list(tx, "list held reviews", List.of(), null, after == null ? null : after.value(), limit,
        JdbcReviewStore::review);
  }

  @Override
  public List<Review> scanReviews(@Nullable ReviewId after, int limit) {
    return SCAN.list(tx, "scan reviews", List.of(), null, after == null ? null : after.value(), limit,
        JdbcReviewStore::review);
  }

  @Override
  public boolean insertRevision(ReviewRevision revision) {
    requireNonNull(revision, "revision");
    return tx.insertIfAbsent("insert a review revision", INSERT_REVISION, s -> {
      s.setString(1, revision.reviewId().value());
      s.setInt(2, revision.number());
      int index = Content.of(revision).bind(s, 3);
      Sql.setInstant(s, index, revision.writtenAt());
    });
  }

  @Override
  public List<ReviewRevision> listRevisions(ReviewId reviewId, int limit) {
    requireNonNull(reviewId, "reviewId");
    return tx.listByKey("list a review's revisions", LIST_REVISIONS, reviewId.value(), limit, row -> {
      Content content = Content.read(row);
      return new ReviewRevision(new ReviewId(Sql.string(row, "review_id")), row.getInt("number"), content.rating(),
          content.title(), content.body(), content.media(), content.attributes(), content.wouldRecommend(),
          Sql.instant(row, "written_at"));
    });
  }

  @Override
  public Optional<Boolean> findVote(ReviewId reviewId, UserId userId) {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(userId, "userId");
    return tx.one("find a vote", FIND_VOTE, s -> bindVoteKey(s, 1, reviewId, userId), row -> row.getBoolean("helpful"));
  }

  @Override
  public boolean insertVote(ReviewId reviewId, UserId userId, boolean helpful, Instant at) {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(userId, "userId");
    requireNonNull(at, "at");
    return tx.insertIfAbsent("insert a vote", INSERT_VOTE, s -> {
      bindVoteKey(s, 1, reviewId, userId);
      s.setBoolean(3, helpful);
      Sql.setInstant(s, 4, at);
    });
  }

  @Override
  public boolean changeVote(ReviewId reviewId, UserId userId, boolean helpful, Instant at) {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(userId, "userId");
    requireNonNull(at, "at");
    return tx.update("change a vote", CHANGE_VOTE, s -> {
      s.setBoolean(1, helpful);
      Sql.setInstant(s, 2, at);
      bindVoteKey(s, 3, reviewId, userId);
      s.setBoolean(5, !helpful);
    }) == 1;
  }

  @Override
  public boolean deleteVote(ReviewId reviewId, UserId userId, boolean helpful) {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(userId, "userId");
    return tx.update("delete a vote", DELETE_VOTE, s -> {
      bindVoteKey(s, 1, reviewId, userId);
      s.setBoolean(3, helpful);
    }) == 1;
  }

  private static void bindVoteKey(PreparedStatement s, int index, ReviewId reviewId, UserId userId)
      throws SQLException {
    s.setString(index, reviewId.value());
    s.setString(index + 1, userId.value());
  }

  @Override
  public boolean insertReport(ReviewReport report) {
    requireNonNull(report, "report");
    return tx.insertIfAbsent("insert a report", INSERT_REPORT, s -> {
      s.setString(1, report.reviewId().value());
      s.setString(2, report.reporter().value());
      s.setString(3, report.reason());
      Sql.setInstant(s, 4, report.at());
      Sql.setInstant(s, 5, report.resolvedAt());
    });
  }

  @Override
  public List<ReviewReport> listReports(ReviewId reviewId, int limit) {
    requireNonNull(reviewId, "reviewId");
    return tx.listByKey("list a review's reports", LIST_REPORTS, reviewId.value(), limit, row -> new ReviewReport(
        new ReviewId(Sql.string(row, "review_id")), new UserId(Sql.string(row, "reporter_id")),
        Sql.string(row, "reason"), Sql.instant(row, "reported_at"), Sql.nullableInstant(row, "resolved_at")));
  }

  @Override
  public int resolveReports(ReviewId reviewId, Instant at) {
    requireNonNull(reviewId, "reviewId");
    requireNonNull(at, "at");
    return tx.update("resolve a review's reports", RESOLVE_REPORTS, s -> {
      Sql.setInstant(s, 1, at);
      s.setString(2, reviewId.value());
    });
  }

  @Override
  public boolean insertReply(MerchantReply reply) {
    requireNonNull(reply, "reply");
    return tx.insertIfAbsent("insert a reply", INSERT_REPLY, s -> {
      s.setString(1, reply.reviewId().value());
      s.setString(2, reply.storeId().value());
      s.setString(3, reply.author().value());
      s.setString(4, reply.body());
      Sql.setInstant(s, 5, reply.createdAt());
      Sql.setInstant(s, 6, reply.editedAt());
      s.setLong(7, reply.version());
    });
  }

  @Override
  public Optional<MerchantReply> findReply(ReviewId reviewId) {
    requireNonNull(reviewId, "reviewId");
    return tx.one("find a reply", FIND_REPLY, s -> s.setString(1, reviewId.value()), row -> new MerchantReply(
        new ReviewId(Sql.string(row, "review_id")), new StoreId(Sql.string(row, "store_id")),
        new UserId(Sql.string(row, "author_id")), Sql.string(row, "body"), Sql.instant(row, "created_at"),
        Sql.nullableInstant(row, "edited_at"), row.getLong("version")));
  }

  @Override
  public boolean updateReply(MerchantReply next) {
    requireNonNull(next, "next");
    return tx.update("update a reply", UPDATE_REPLY, s -> {
      s.setString(1, next.author().value());
      s.setString(2, next.body());
      Sql.setInstant(s, 3, next.editedAt());
      s.setLong(4, next.version());
      s.setString(5, next.reviewId().value());
      s.setLong(6, next.version() - 1);
    }) == 1;
  }

  @Override
  public boolean insertReplyRevision(ReplyRevision revision) {
    requireNonNull(revision, "revision");
    return tx.insertIfAbsent("insert a reply revision", INSERT_REPLY_REVISION, s -> {
      s.setString(1, revision.reviewId().value());
      s.setInt(2, revision.number());
      s.setString(3, revision.author().value());
      s.setString(4, revision.body());
      Sql.setInstant(s, 5, revision.writtenAt());
    });
  }

  @Override
  public List<ReplyRevision> listReplyRevisions(ReviewId reviewId, int limit) {
    requireNonNull(reviewId, "reviewId");
    return tx.listByKey("list a reply's revisions", LIST_REPLY_REVISIONS, reviewId.value(), limit,
        row -> new ReplyRevision(new ReviewId(Sql.string(row, "review_id")), row.getInt("number"),
            new UserId(Sql.string(row, "author_id")), Sql.string(row, "body"), Sql.instant(row, "written_at")));
  }

  @Override
  public RatingSummary findSummary(SummaryKey key) {
    requireNonNull(key, "key");
    return tx.one("read a rating summary", FIND_SUMMARY, s -> bindSummaryKey(s, 1, key), row -> summary(row, key))
        .orElseGet(() -> RatingSummary.empty(key));
  }

  @Override
  public void adjustSummary(SummaryKey key, int rating, boolean verified, long delta) {
    requireNonNull(key, "key");
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("rating must be 1 to 5, was " + rating);
    }
    tx.updateCreating("adjust a rating summary", ADJUST_SUMMARY, s -> {
      s.setLong(1, delta);
      s.setLong(2, delta * rating);
      for (int stars = 1; stars <= 5; stars++) {
        s.setLong(2 + stars, stars == rating ? delta : 0);
      }
      s.setLong(8, verified ? delta : 0);
      bindSummaryKey(s, 9, key);
    }, CREATE_SUMMARY, s -> bindSummaryKey(s, 1, key));
  }

  @Override
  public RatingSummary computeSummary(SummaryKey key) {
    requireNonNull(key, "key");
    String sql = key.kind() == SummaryKey.Kind.PRODUCT ? COMPUTE_PRODUCT_SUMMARY : COMPUTE_STORE_SUMMARY;
    return tx.one("compute a rating summary", sql, s -> s.setString(1, key.id()), row -> summary(row, key))
        .orElseThrow(() -> new StorageException("Meadow storage could not compute a rating summary: no result"));
  }

  @Override
  public void replaceSummary(RatingSummary summary) {
    requireNonNull(summary, "summary");
    tx.updateCreating("replace a rating summary", REPLACE_SUMMARY, s -> {
      s.setLong(1, summary.count());
      s.setLong(2, summary.sum());
      for (int stars = 1; stars <= 5; stars++) {
        s.setLong(2 + stars, summary.count(stars));
      }
      s.setLong(8, summary.verifiedCount());
      bindSummaryKey(s, 9, summary.key());
    }, CREATE_SUMMARY, s -> bindSummaryKey(s, 1, summary.key()));
  }

  private static void bindSummaryKey(PreparedStatement s, int index, SummaryKey key) throws SQLException {
    s.setString(index, key.kind().name());
    s.setString(index + 1, key.id());
  }

  private static RatingSummary summary(ResultSet row, SummaryKey key) throws SQLException {
    List<Long> histogram = new ArrayList<>(5);
    for (int stars = 1; stars <= 5; stars++) {
      histogram.add(row.getLong("stars_" + stars));
    }
    return new RatingSummary(key, row.getLong("review_count"), row.getLong("rating_sum"), histogram,
        row.getLong("verified_count"));
  }

  private static Review review(ResultSet row) throws SQLException {
    return review(row, row.getDouble("helpful_score"));
  }

  /** Reads a review whose counts just changed, with the helpful score of those counts. */
  private static Review rescored(ResultSet row) throws SQLException {
    long helpful = row.getLong("helpful_count");
    return review(row, RatingSummary.wilsonLowerBound(helpful, helpful + row.getLong("unhelpful_count")));
  }

  private static Review review(ResultSet row, double helpfulScore) throws SQLException {
    Content content = Content.read(row);
    String order = row.getString("order_id");
    String purchaseOrder = row.getString("purchase_order_id");
    Purchase purchase = purchaseOrder == null ? null : new Purchase(new OrderId(purchaseOrder),
        new ProductId(Sql.string(row, "purchase_product_id")), Sql.instant(row, "purchased_at"),
        Sql.enumValue(row, "purchase_state", PurchaseState.class));
    Verification verification = new Verification(purchase, Sql.instant(row, "verification_checked_at"),
        row.getBoolean("verification_passed"), row.getString("verification_reason"));
    Provenance provenance = new Provenance(Sql.enumValue(row, "source", Source.class), verification,
        Sql.enumValue(row, "incentive", Incentive.class), Sql.enumValue(row, "relationship", Relationship.class),
        row.getString("source_name"));
    return new Review(
        new ReviewId(Sql.string(row, "id")),
        new ProductId(Sql.string(row, "product_id")),
        new StoreId(Sql.string(row, "store_id")),
        new UserId(Sql.string(row, "author_id")),
        order == null ? null : new OrderId(order),
        Sql.string(row, "dedupe_key"),
        content.rating(),
        content.title(),
        content.body(),
        content.media(),
        content.attributes(),
        content.wouldRecommend(),
        provenance,
        Sql.enumValue(row, "state", ReviewState.class),
        Sql.list(row, "reasons"),
        Sql.string(row, "text_hash"),
        row.getLong("helpful_count"),
        row.getLong("unhelpful_count"),
        helpfulScore,
        row.getLong("report_count"),
        Sql.instant(row, "created_at"),
        Sql.nullableInstant(row, "edited_at"),
        row.getLong("version"));
  }

  /**
   * What a review and each of its revisions say, stored in {@link #CONTENT_COLUMNS}: the
   * attributes as two arrays, names in order and their values at the same positions.
   */
  private record Content(int rating, @Nullable String title, String body, List<String> media,
      Map<String, String> attributes, @Nullable Boolean wouldRecommend) {
    static Content of(Review review) {
      return new Content(review.rating(), review.title(), review.body(), review.media(), review.attributes(),
          review.wouldRecommend());
    }

    static Content of(ReviewRevision revision) {
      return new Content(revision.rating(), revision.title(), revision.body(), revision.media(),
          revision.attributes(), revision.wouldRecommend());
    }

    static Content read(ResultSet row) throws SQLException {
      List<String> names = Sql.list(row, "attribute_names");
      List<String> values = Sql.list(row, "attribute_values");
      if (names.size() != values.size()) {
        throw new SQLException("columns attribute_names and attribute_values unexpectedly differ in length");
      }
      Map<String, String> attributes = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        attributes.put(names.get(i), values.get(i));
      }
      return new Content(row.getInt("rating"), row.getString("title"), Sql.string(row, "body"),
          Sql.list(row, "media"), attributes, Sql.nullableBoolean(row, "would_recommend"));
    }

    /** Binds the content from parameter {@code index} on and returns the index of the next parameter. */
    int bind(PreparedStatement s, int index) throws SQLException {
      List<String> names = new ArrayList<>(attributes.size());
      List<String> values = new ArrayList<>(attributes.size());
      attributes.forEach((name, value) -> {
        names.add(name);
        values.add(value);
      });
      s.setInt(index, rating);
      s.setString(index + 1, title);
      s.setString(index + 2, body);
      Sql.setArray(s, index + 3, media);
      Sql.setArray(s, index + 4, names);
      Sql.setArray(s, index + 5, values);
      Sql.setBoolean(s, index + 6, wouldRecommend);
      return index + 7;
    }
  }
}
