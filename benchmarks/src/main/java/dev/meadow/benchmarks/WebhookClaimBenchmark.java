package dev.meadow.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.meadow.core.EventId;
import dev.meadow.webhooks.WebhookEndpointId;
import dev.meadow.core.internal.Ulids;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Storage;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookStore;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookSecret;
import dev.meadow.storage.jdbc.JdbcStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JDBC webhook store's part of delivery on PostgreSQL, without HTTP: one transaction claiming
 * {@value #BATCH} due deliveries under a lease, then one transaction per delivery recording a
 * failed attempt and making it due again. One operation is one delivery claimed and marked. The
 * queue holds {@code backlog} due deliveries throughout (each one marked goes to the back of it),
 * so the figures at 1,000 and at 100,000 show whether a claim's cost grows with the queue. A claim
 * reads the front of the pending deliveries' index, which does not depend on the queue's length;
 * what it does depend on is how many dead index entries the updates left at that front, until
 * (auto)vacuum removes them.
 *
 * <p>Setup only, and not what is measured: the backlog is written through the storage SPI
 * ({@code insertDelivery}, 5,000 to a transaction), then the tables are vacuumed and analysed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WebhookClaimBenchmark {
  static final int BATCH = 10;
  private static final int INSERTS_PER_TRANSACTION = 5_000;
  private static final Duration LEASE = Duration.ofMinutes(5);

  /** How many due deliveries wait in the queue. */
  @Param({"1000", "100000"})
  public int backlog;

  private HikariDataSource pool;
  private Storage storage;
  private Instant now;

  @Setup
  public void setUp() {
    pool = BenchmarkDatabase.create("webhook_claim");
    storage = JdbcStorage.postgres(pool);
    Ulids ids = Ulids.create(Clock.systemUTC());
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    WebhookEndpoint endpoint = new WebhookEndpoint(new WebhookEndpointId(ids.next()), "https://shop.example/hooks",
        List.of("*"), List.of(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now, null)), true, null,
        now, now, 1);
    storage.inTransaction(tx -> {
      tx.store(WebhookStore.class).insertEndpoint(endpoint);
      return null;
    });
    for (int from = 0; from < backlog; from += INSERTS_PER_TRANSACTION) {
      int count = Math.min(INSERTS_PER_TRANSACTION, backlog - from);
      storage.inTransaction(tx -> {
        for (int i = 0; i < count; i++) {
          OutboxMessage message = new OutboxMessage(new EventId(ids.next()), "group.member_joined", 1, now,
              "{\"groupId\":\"g\",\"userId\":\"u\"}");
          tx.store(WebhookStore.class).insertDelivery(WebhookDelivery.pending(message, endpoint.id(), now));
        }
        return null;
      });
    }
    BenchmarkDatabase.execute(pool, "VACUUM ANALYZE");
  }

  @TearDown
  public void tearDown() {
    pool.close();
  }

  /** Claims a batch and marks each one failed, due again at the back of the queue; returns how many. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int claimAndMark() {
    Instant at = now = now.plusMillis(1);
    List<WebhookDelivery> batch = storage.inTransaction(tx -> tx.store(WebhookStore.class).claimDeliveries("bench", BATCH, at, LEASE,
        (lapsed, due) -> LapsedClaim.retryAt(due.plus(LEASE))));
    for (WebhookDelivery claimed : batch) {
      WebhookAttempt attempt = new WebhookAttempt(claimed.eventId(), claimed.endpointId(), claimed.attempts(), at,
          3, 503, "HTTP 503");
      storage.inTransaction(tx -> tx.store(WebhookStore.class).markFailed(claimed.eventId(), claimed.endpointId(),
          claimed.leaseToken(), attempt, at));
    }
    return batch.size();
  }
}
