package dev.meadow.benchmarks;

import com.google.common.hash.Hashing;
import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.core.Meadow;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.internal.Ulids;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.SummaryKey;
import dev.meadow.storage.jdbc.JdbcStorage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Throughput of {@code meadow.reviews().submit(...)} through {@link JdbcStorage#postgres} on an
 * embedded PostgreSQL server, one thread, against the baseline of hand-written JDBC issuing the
 * same statements on the same HikariCP pool in one transaction. Every operation is a new user's
 * review of one product (ratings 5 down to 1 in turn), so uniqueness never refuses one and every
 * review is published. The target is Meadow at 0.9× the baseline's throughput or better.
 *
 * <p>The two sides are measured in {@link PairedRounds}: in one JVM, on one database and one pool,
 * each round submits through Meadow for one slice of time and by hand for another, back to back,
 * in turns (A B, then B A), both sides adding their reviews to the same tables and summaries; the
 * report gives the median and spread of the per-round ratio, Meadow's throughput over the
 * baseline's.
 *
 * <p>The statements are the ones the adapter runs for a submit: looking for the author's review
 * of the product ({@code findReviewByKey}), looking for the author's text elsewhere
 * ({@code authorHasText}), inserting the review, adding it to the product's and the store's rating
 * summaries, and appending the {@code review.submitted} event to the outbox. The baseline binds
 * the same columns with the same JDBC types, takes its ids from a ULID generator as Meadow does,
 * computes the text hash (SHA-256 of the text) and the event's JSON itself, and does nothing else:
 * no moderation, no verification, no retries.
 */
@State(Scope.Benchmark)
public class ReviewSubmitBenchmark {
  private static final String BODY = "Fits true to size and washes well.";

  static final String REVIEW_COLUMNS = "id, product_id, store_id, author_id, order_id, dedupe_key,"
      + " rating, title, body, media, attribute_names, attribute_values, would_recommend, source, incentive,"
      + " relationship, verified, verification_passed, verification_checked_at, verification_reason,"
      + " purchase_order_id, purchase_product_id, purchased_at, purchase_state, state, reasons, text_hash,"
      + " helpful_count, unhelpful_count, helpful_score, report_count, created_at, edited_at, version";
  private static final String FIND_REVIEW_BY_KEY = "SELECT " + REVIEW_COLUMNS
      + " FROM meadow_reviews WHERE author_id = ? AND product_id = ? AND dedupe_key = ?";
  private static final String AUTHOR_HAS_TEXT = "SELECT 1 FROM meadow_reviews WHERE author_id = ? AND text_hash = ?"
      + " AND state <> 'REMOVED' LIMIT 1";
  private static final String INSERT_REVIEW = "INSERT INTO meadow_reviews (" + REVIEW_COLUMNS + ") VALUES (?, ?, ?,"
      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT DO NOTHING";
  private static final String ADJUST_SUMMARY = "UPDATE meadow_review_summaries SET review_count = review_count + ?,"
      + " rating_sum = rating_sum + ?, stars_1 = stars_1 + ?, stars_2 = stars_2 + ?, stars_3 = stars_3 + ?,"
      + " stars_4 = stars_4 + ?, stars_5 = stars_5 + ?, verified_count = verified_count + ?"
      + " WHERE subject_kind = ? AND subject_id = ?";
  private static final String CREATE_SUMMARY = "INSERT INTO meadow_review_summaries (subject_kind, subject_id,"
      + " review_count, rating_sum, stars_1, stars_2, stars_3, stars_4, stars_5, verified_count)"
      + " VALUES (?, ?, 0, 0, 0, 0, 0, 0, 0, 0) ON CONFLICT DO NOTHING";
  private static final String APPEND_TO_OUTBOX = "INSERT INTO meadow_outbox (id, type, schema_version, occurred_at,"
      + " payload, status, attempts, available_at, lease_token, lease_until, last_error)"
      + " VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, NULL, NULL, NULL) ON CONFLICT DO NOTHING";

  /** How long each side runs in a round, in milliseconds. */
  @Param("250")
  public int sliceMillis = 250;

  private final ProductId product = ProductId.of("product-1");
  private final StoreId store = StoreId.of("store-1");
  private final Ulids ids = Ulids.create(Clock.systemUTC());
  private HikariDataSource pool;
  private Meadow meadow;
  private long next;
  private PairedRounds rounds;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkDatabase.create("review_submit");
    meadow = Meadow.builder().storage(JdbcStorage.postgres(pool)).build();
    next = 0;
    rounds = new PairedRounds("ReviewSubmitBenchmark.meadowVsJdbc", "Meadow submit", this::meadowSubmit,
        "hand-written JDBC", this::jdbcBaseline, Duration.ofMillis(sliceMillis));
  }

  @Setup(Level.Iteration)
  public void beginRound(IterationParams iteration) {
    rounds.begin(iteration);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.print(rounds.format());
    pool.close();
  }

  /** One round: a slice of Meadow's submits and a slice of the hand-written ones, in turns. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(1)
  @Warmup(iterations = 8)
  @Measurement(iterations = 120)
  public void meadowVsJdbc(Blackhole sink) {
    rounds.round(sink);
  }

  /** Side A: one submit through Meadow. */
  Review meadowSubmit() {
    long n = next++;
    ReviewContent content = ReviewContent.of(rating(n), BODY);
    return meadow.reviews().submit(UserId.of("meadow-user-" + n), ReviewDraft.of(product, store, content));
  }

  /** Side B: the same submit written by hand; returns the new review's id. */
  String jdbcBaseline() throws SQLException {
    long n = next++;
    String author = "jdbc-user-" + n;
    int rating = rating(n);
    String textHash = Hashing.sha256().hashString(BODY, StandardCharsets.UTF_8).toString();
    return BenchmarkDatabase.inTransaction(pool, connection -> submit(connection, author, rating, textHash));
  }

  /** Issues the statements of one submit, the way an application would write them by hand. */
  private String submit(Connection connection, String author, int rating, String textHash) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND_REVIEW_BY_KEY)) {
      find.setString(1, author);
      find.setString(2, product.value());
      find.setString(3, "product");
      try (ResultSet rows = find.executeQuery()) {
        if (rows.next()) {
          throw new IllegalStateException(author + " reviewed " + product + " already");
        }
      }
    }
    boolean repeated;
    try (PreparedStatement text = connection.prepareStatement(AUTHOR_HAS_TEXT)) {
      text.setString(1, author);
      text.setString(2, textHash);
      try (ResultSet rows = text.executeQuery()) {
        repeated = rows.next();
      }
    }
    if (repeated) {
      throw new IllegalStateException(author + " wrote this text before");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String id = ids.next();
    try (PreparedStatement insert = connection.prepareStatement(INSERT_REVIEW)) {
      String[] none = new String[0];
      insert.setString(1, id);
      insert.setString(2, product.value());
      insert.setString(3, store.value());
      insert.setString(4, author);
      insert.setString(5, null);
      insert.setString(6, "product");
      insert.setInt(7, rating);
      insert.setString(8, null);
      insert.setString(9, BODY);
      insert.setArray(10, connection.createArrayOf("varchar", none));
      insert.setArray(11, connection.createArrayOf("varchar", none));
      insert.setArray(12, connection.createArrayOf("varchar", none));
      insert.setNull(13, Types.BOOLEAN);
      insert.setString(14, "ORGANIC");
      insert.setString(15, "NONE");
      insert.setString(16, "NONE");
      insert.setBoolean(17, false);
      insert.setBoolean(18, false);
      insert.setObject(19, now.atOffset(ZoneOffset.UTC));
      insert.setString(20, "no purchase of the product was found");
      insert.setString(21, null);
      insert.setString(22, null);
      insert.setNull(23, Types.TIMESTAMP_WITH_TIMEZONE);
      insert.setString(24, null);
      insert.setString(25, "PUBLISHED");
      insert.setArray(26, connection.createArrayOf("varchar", none));
      insert.setString(27, textHash);
      insert.setLong(28, 0);
      insert.setLong(29, 0);
      insert.setDouble(30, 0);
      insert.setLong(31, 0);
      insert.setObject(32, now.atOffset(ZoneOffset.UTC));
      insert.setNull(33, Types.TIMESTAMP_WITH_TIMEZONE);
      insert.setLong(34, 1);
      if (insert.executeUpdate() != 1) {
        throw new IllegalStateException(author + " reviewed " + product + " already");
      }
    }
    adjustSummary(connection, "PRODUCT", product.value(), rating);
    adjustSummary(connection, "STORE", store.value(), rating);
    String eventId = ids.next();
    String payload = "{\"type\":\"review.submitted\",\"schemaVersion\":1,\"id\":\"" + eventId + "\",\"occurredAt\":\""
        + now + "\",\"data\":{\"reviewId\":\"" + id + "\",\"productId\":\"" + product.value() + "\",\"storeId\":\""
        + store.value() + "\",\"author\":\"" + author + "\",\"rating\":" + rating
        + ",\"state\":\"PUBLISHED\",\"verified\":false,\"reasons\":[]}}";
    try (PreparedStatement append = connection.prepareStatement(APPEND_TO_OUTBOX)) {
      append.setString(1, eventId);
      append.setString(2, "review.submitted");
      append.setInt(3, 1);
      append.setObject(4, now.atOffset(ZoneOffset.UTC));
      append.setString(5, payload);
      append.setObject(6, now.atOffset(ZoneOffset.UTC));
      if (append.executeUpdate() != 1) {
        throw new IllegalStateException("outbox entry " + eventId + " exists");
      }
    }
    return id;
  }

  /** Counts one unverified rating in a summary, creating the summary's row first if it has none. */
  private static void adjustSummary(Connection connection, String kind, String subject, int rating)
      throws SQLException {
    try (PreparedStatement adjust = connection.prepareStatement(ADJUST_SUMMARY)) {
      adjust.setLong(1, 1);
      adjust.setLong(2, rating);
      for (int stars = 1; stars <= 5; stars++) {
        adjust.setLong(2 + stars, stars == rating ? 1 : 0);
      }
      adjust.setLong(8, 0);
      adjust.setString(9, kind);
      adjust.setString(10, subject);
      if (adjust.executeUpdate() == 1) {
        return;
      }
      try (PreparedStatement create = connection.prepareStatement(CREATE_SUMMARY)) {
        create.setString(1, kind);
        create.setString(2, subject);
        create.executeUpdate();
      }
      if (adjust.executeUpdate() != 1) {
        throw new IllegalStateException("the summary of " + kind + " " + subject + " vanished");
      }
    }
  }

  /** Returns how many rows a Meadow table has, for checking that both sides wrote the same rows. */
  long rows(String table) {
    try (Connection connection = pool.getConnection();
        PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not count the rows of " + table, e);
    }
  }

  /** Returns the product's rating summary, for checking that both sides counted their reviews. */
  RatingSummary productSummary() {
    return meadow.reviews().summary(SummaryKey.product(product));
  }

  private static int rating(long n) {
    return 5 - (int) (n % 5);
  }
}
