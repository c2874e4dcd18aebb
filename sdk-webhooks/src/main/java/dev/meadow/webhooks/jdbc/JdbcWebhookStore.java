package dev.meadow.webhooks.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.StorageException;
import dev.meadow.webhooks.WebhookEndpointId;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.webhooks.spi.LapsedClaim;
import dev.meadow.webhooks.spi.WebhookAttempt;
import dev.meadow.webhooks.spi.WebhookDelivery;
import dev.meadow.webhooks.spi.WebhookDeliveryStatus;
import dev.meadow.webhooks.spi.WebhookEndpoint;
import dev.meadow.webhooks.spi.WebhookSecret;
import dev.meadow.webhooks.spi.WebhookStore;
import dev.meadow.core.spi.Listings;
import dev.meadow.storage.jdbc.JdbcSession;
import dev.meadow.storage.jdbc.JdbcSession.Binder;
import dev.meadow.storage.jdbc.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Webhook endpoints in {@code meadow_webhook_endpoints} with their secrets in
 * {@code meadow_webhook_secrets}, deliveries in {@code meadow_webhook_deliveries} and the history
 * of their attempts in {@code meadow_webhook_attempts}.
 */
final class JdbcWebhookStore implements WebhookStore {
  private static final String ENDPOINT_COLUMNS =
      "id, url, event_types, enabled, disabled_reason, created_at, updated_at, version";
  private static final String SELECT_ENDPOINT = "SELECT " + ENDPOINT_COLUMNS + " FROM meadow_webhook_endpoints";
  private static final String INSERT_ENDPOINT = "INSERT INTO meadow_webhook_endpoints (" + ENDPOINT_COLUMNS
      + ") VALUES (" + Sql.parameters(ENDPOINT_COLUMNS) + ")";
  /*
   * Endpoints are read with their secrets in one plain join (no derived table: H2 may reuse a derived
   * table's earlier result while another transaction replaces an endpoint), and each secret row
   * carries the version of the endpoint it was written with, which the join matches. A statement
   * that still sees an endpoint of one version beside the secrets of another finds that endpoint
   * with no secret of its own and is run again, so a read returns all of the old endpoint or all of
   * the new one, never a URL of one with the secrets of the other.
   */
  private static final String WITH_SECRETS = "SELECT " + Sql.qualify("e", ENDPOINT_COLUMNS)
      + ", s.secret, s.created_at AS secret_created_at, s.expires_at AS secret_expires_at"
      + " FROM meadow_webhook_endpoints e LEFT JOIN meadow_webhook_secrets s ON s.endpoint_id = e.id"
      + " AND s.endpoint_version = e.version";
  /** How often a read of endpoints torn by concurrent updates is run again before it gives up. */
  private static final int TORN_READ_ATTEMPTS = 100;
  private static final String FIND_ENDPOINT = WITH_SECRETS + " WHERE e.id = ? ORDER BY s.position";
  /** A page of endpoints is read as the id range its first statement finds, then with secrets. */
  private static final String FIRST_ENDPOINT_IDS = "SELECT id FROM meadow_webhook_endpoints ORDER BY id LIMIT ?";
  private static final String NEXT_ENDPOINT_IDS =
      "SELECT id FROM meadow_webhook_endpoints WHERE id > ? ORDER BY id LIMIT ?";
  private static final String ENDPOINT_RANGE = WITH_SECRETS + " WHERE e.id >= ? AND e.id <= ? ORDER BY e.id, s.position";
  private static final String UPDATE_ENDPOINT = "UPDATE meadow_webhook_endpoints SET url = ?, event_types = ?,"
      + " enabled = ?, disabled_reason = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?";

  private static final String SECRET_COLUMNS = "endpoint_id, position, secret, created_at, expires_at,"
      + " endpoint_version";
  private static final String INSERT_SECRET = "INSERT INTO meadow_webhook_secrets (" + SECRET_COLUMNS
      + ") VALUES (" + Sql.parameters(SECRET_COLUMNS) + ")";
  private static final String DELETE_SECRETS = "DELETE FROM meadow_webhook_secrets WHERE endpoint_id = ?";

  private static final String DELIVERY_COLUMNS = "event_id, endpoint_id, type, schema_version, occurred_at, payload,"
      + " status, attempts, lapsed_claims, next_attempt_at, lease_owner, lease_token, lease_until, last_error, created_at";
  private static final String SELECT_DELIVERY = "SELECT " + DELIVERY_COLUMNS + " FROM meadow_webhook_deliveries";
  private static final String INSERT_DELIVERY = "INSERT INTO meadow_webhook_deliveries (" + DELIVERY_COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, 0, ?, NULL, NULL, NULL, NULL, ?)";
  private static final String KEY = " WHERE event_id = ? AND endpoint_id = ?";
  private static final String FIND_DELIVERY = SELECT_DELIVERY + KEY;

  /** The claim order, which the pending deliveries' index holds. */
  private static final String CLAIM_ORDER = " ORDER BY next_attempt_at, event_id, endpoint_id";
  /** Due, pending and not under a live lease: claimable, or a lapsed claim to count. */
  private static final String DUE_UNLEASED_OR_LAPSED =
      "status = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";
  private static final String CLAIM_CANDIDATES = "SELECT event_id, endpoint_id, next_attempt_at, lease_token"
      + " FROM meadow_webhook_deliveries WHERE " + DUE_UNLEASED_OR_LAPSED;
  static final String FIRST_CANDIDATES = CLAIM_CANDIDATES + CLAIM_ORDER + " LIMIT ?";
  /** Candidates after a position in claim order; the bound on the time alone keeps it one index range. */
  private static final String NEXT_CANDIDATES = CLAIM_CANDIDATES + " AND next_attempt_at >= ?"
      + " AND (next_attempt_at > ? OR (next_attempt_at = ? AND (event_id > ? OR (event_id = ? AND endpoint_id > ?))))"
      + CLAIM_ORDER + " LIMIT ?";
  /** Leases a candidate if it is still due and under no lease; a lapsed lease is counted instead. */
  private static final String CLAIM = "UPDATE meadow_webhook_deliveries SET attempts = attempts + 1,"
      + " lease_owner = ?, lease_token = ?, lease_until = ?" + KEY
      + " AND status = 'PENDING' AND next_attempt_at <= ? AND lease_token IS NULL";
  /** Still under the lapsed lease the claim read: of racing claimers, one counts the lapse. */
  private static final String LAPSED = KEY + " AND status = 'PENDING' AND lease_token = ? AND lease_until <= ?";
  private static final String COUNT_LAPSE = "attempts = attempts - 1, lapsed_claims = lapsed_claims + 1";

  private static final String UNDER_LEASE = KEY + " AND status = 'PENDING' AND lease_token = ?";
  private static final String END_LEASE = "lease_owner = NULL, lease_token = NULL, lease_until = NULL";
  private static final String MARK_DELIVERED =
      "UPDATE meadow_webhook_deliveries SET status = 'DELIVERED', " + END_LEASE + UNDER_LEASE;
  private static final String MARK_FAILED = "UPDATE meadow_webhook_deliveries SET next_attempt_at = ?,"
      + " last_error = ?, " + END_LEASE + UNDER_LEASE;
  private static final String MARK_DEAD =
      "UPDATE meadow_webhook_deliveries SET status = 'DEAD', last_error = ?, " + END_LEASE + UNDER_LEASE;
  /** Gives up without an attempt, so the claim's attempt is taken back: nothing was sent. */
  private static final String MARK_DEAD_UNSENT = "UPDATE meadow_webhook_deliveries SET status = 'DEAD',"
      + " attempts = attempts - 1, last_error = ?, " + END_LEASE + UNDER_LEASE;
  private static final String LAPSE_RETRY = "UPDATE meadow_webhook_deliveries SET " + COUNT_LAPSE
      + ", next_attempt_at = ?, " + END_LEASE + LAPSED;
  private static final String LAPSE_DEAD = "UPDATE meadow_webhook_deliveries SET status = 'DEAD', " + COUNT_LAPSE
      + ", last_error = ?, " + END_LEASE + LAPSED;
  /** Gives back the claim's attempt; like a claim, it changes no indexed column (see V6 on HOT updates). */
  private static final String RELEASE =
      "UPDATE meadow_webhook_deliveries SET attempts = attempts - 1, " + END_LEASE + UNDER_LEASE;

  private static final String DEAD = " WHERE status = 'DEAD'";
  private static final String DEAD_ORDER = " ORDER BY event_id, endpoint_id LIMIT ?";
  static final String FIRST_DEAD = SELECT_DELIVERY + DEAD + DEAD_ORDER;
  private static final String NEXT_DEAD = SELECT_DELIVERY + DEAD
      + " AND event_id >= ? AND (event_id > ? OR (event_id = ? AND endpoint_id > ?))" + DEAD_ORDER;
  private static final String REQUEUE = "UPDATE meadow_webhook_deliveries SET status = 'PENDING', attempts = 0,"
      + " lapsed_claims = 0, next_attempt_at = ?, " + END_LEASE + KEY + " AND status = 'DEAD'";

  /** The deliveries to purge, a chunk at a time, locked so none changes between deleting its history and it. */
  static final String PURGEABLE = "SELECT event_id, endpoint_id FROM meadow_webhook_deliveries"
      + " WHERE status = 'DELIVERED' AND created_at < ? LIMIT ? FOR UPDATE";
  private static final String DELETE_ATTEMPTS = "DELETE FROM meadow_webhook_attempts" + KEY;
  private static final String DELETE_DELIVERED = "DELETE FROM meadow_webhook_deliveries" + KEY
      + " AND status = 'DELIVERED'";
  private static final int PURGE_CHUNK = 500;

  private static final String ATTEMPT_COLUMNS = "number, started_at, duration_millis, status_code, error";
  /** Records an attempt after the delivery's others; the mark before it holds the delivery's row lock. */
  private static final String INSERT_ATTEMPT = "INSERT INTO meadow_webhook_attempts (event_id, endpoint_id, seq, "
      + ATTEMPT_COLUMNS + ") SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM meadow_webhook_attempts" + KEY;
  private static final String LIST_ATTEMPTS = "SELECT " + ATTEMPT_COLUMNS + " FROM meadow_webhook_attempts" + KEY
      + " ORDER BY seq";

  /** One COUNT per status, each with the status as a constant so PostgreSQL can use its partial index. */
  private static final Map<WebhookDeliveryStatus, String> COUNTS = new EnumMap<>(WebhookDeliveryStatus.class);

  static {
    for (WebhookDeliveryStatus status : WebhookDeliveryStatus.values()) {
      COUNTS.put(status, "SELECT COUNT(*) FROM meadow_webhook_deliveries WHERE status = '" + status.name() + "'");
    }
  }

  /**
   * How many times one claim looks further along the queue after losing candidates to concurrent
   * claimers (which happens only on H2, where candidates are not locked while being read).
   */
  private static final int CLAIM_ROUNDS = 4;

  private final JdbcSession tx;

  JdbcWebhookStore(JdbcSession tx) {
    this.tx = tx;
  }

  @Override
  public void insertEndpoint(WebhookEndpoint endpoint) {
    requireNonNull(endpoint, "endpoint");
    boolean inserted = tx.insertIfAbsent("insert a webhook endpoint", INSERT_ENDPOINT, s -> {
      int index = bindEndpoint(s, 1, endpoint);
      Sql.setInstant(s, index, endpoint.createdAt());
      Sql.setInstant(s, index + 1, endpoint.updatedAt());
      s.setLong(index + 2, endpoint.version());
    });
    if (!inserted) {
      throw new StorageException("Meadow storage could not insert a webhook endpoint: an endpoint with the same id"
          + " exists");
    }
    insertSecrets(endpoint);
  }

  /** Binds the endpoint's id, URL, event types, enabled flag and reason, and returns the next index. */
  private static int bindEndpoint(PreparedStatement s, int index, WebhookEndpoint endpoint) throws SQLException {
    s.setString(index, endpoint.id().value());
    s.setString(index + 1, endpoint.url());
    Sql.setArray(s, index + 2, endpoint.eventTypes());
    s.setBoolean(index + 3, endpoint.enabled());
    s.setString(index + 4, endpoint.disabledReason());
    return index + 5;
  }

  private void insertSecrets(WebhookEndpoint endpoint) {
    List<Binder> rows = new ArrayList<>();
    List<WebhookSecret> secrets = endpoint.secrets();
    for (int i = 0; i < secrets.size(); i++) {
      int position = i;
      WebhookSecret secret = secrets.get(i);
      rows.add(s -> {
        s.setString(1, endpoint.id().value());
        s.setInt(2, position);
        s.setString(3, secret.value());
        Sql.setInstant(s, 4, secret.createdAt());
        Sql.setInstant(s, 5, secret.expiresAt());
        s.setLong(6, endpoint.version());
      });
    }
    tx.batch("store a webhook endpoint's secrets", INSERT_SECRET, rows);
  }

  @Override
  public Optional<WebhookEndpoint> findEndpoint(WebhookEndpointId id) {
    requireNonNull(id, "id");
    return endpoints("find a webhook endpoint", FIND_ENDPOINT, s -> s.setString(1, id.value())).stream().findFirst();
  }

  @Override
  public List<WebhookEndpoint> listEndpoints(@Nullable WebhookEndpointId after, int limit) {
    tx.checkOpen();
    if (Listings.checkLimit(limit) == 0) {
      return List.of();
    }
    List<String> ids = after == null
        ? tx.list("list webhook endpoints", FIRST_ENDPOINT_IDS, s -> s.setInt(1, limit), row -> row.getString(1))
        : tx.list("list webhook endpoints", NEXT_ENDPOINT_IDS, s -> {
          s.setString(1, after.value());
          s.setInt(2, limit);
        }, row -> row.getString(1));
    if (ids.isEmpty()) {
      return List.of();
    }
    List<WebhookEndpoint> page = endpoints("list webhook endpoints", ENDPOINT_RANGE, s -> {
      s.setString(1, ids.get(0));
      s.setString(2, ids.get(ids.size() - 1));
    });
    // Endpoints inserted into the range between the two statements may lengthen the page.
    return page.size() > limit ? List.copyOf(page.subList(0, limit)) : page;
  }

  /**
   * One row of an endpoint read with its secrets: the endpoint's columns and one secret of the same
   * version, or none if the statement saw the endpoint's secrets of another version.
   */
  private record EndpointSecret(WebhookEndpointId id, String url, List<String> eventTypes, boolean enabled,
      @Nullable String disabledReason, Instant createdAt, Instant updatedAt, long version,
      @Nullable WebhookSecret secret) {}

  /**
   * Runs a read of endpoints with their secrets, one row per secret, by endpoint id and then
   * secret position, and returns the endpoints, in order; runs it again while it is torn by a
   * concurrent update (see {@link #WITH_SECRETS}).
   */
  private List<WebhookEndpoint> endpoints(String operation, String sql, Binder binder) {
    for (int attempt = 1; attempt <= TORN_READ_ATTEMPTS; attempt++) {
      List<EndpointSecret> rows = tx.list(operation, sql, binder, JdbcWebhookStore::endpointSecret);
      if (rows.stream().allMatch(row -> row.secret() != null)) {
        return endpoints(rows);
      }
    }
    throw new StorageException("Meadow could not " + operation + ": its endpoints kept changing during "
        + TORN_READ_ATTEMPTS + " reads");
  }

  private static List<WebhookEndpoint> endpoints(List<EndpointSecret> rows) {
    List<WebhookEndpoint> endpoints = new ArrayList<>();
    List<WebhookSecret> secrets = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      EndpointSecret row = rows.get(i);
      secrets.add(requireNonNull(row.secret()));
      if (i + 1 == rows.size() || !rows.get(i + 1).id().equals(row.id())) {
        endpoints.add(new WebhookEndpoint(row.id(), row.url(), row.eventTypes(), secrets, row.enabled(),
            row.disabledReason(), row.createdAt(), row.updatedAt(), row.version()));
        secrets = new ArrayList<>();
      }
    }
    return endpoints;
  }

  @Override
  public boolean updateEndpoint(WebhookEndpoint next) {
    requireNonNull(next, "next");
    boolean updated = tx.update("update a webhook endpoint", UPDATE_ENDPOINT, s -> {
      s.setString(1, next.url());
      Sql.setArray(s, 2, next.eventTypes());
      s.setBoolean(3, next.enabled());
      s.setString(4, next.disabledReason());
      Sql.setInstant(s, 5, next.updatedAt());
      s.setLong(6, next.version());
      s.setString(7, next.id().value());
      s.setLong(8, next.version() - 1);
    }) == 1;
    if (updated) {
      tx.update("replace a webhook endpoint's secrets", DELETE_SECRETS, s -> s.setString(1, next.id().value()));
      insertSecrets(next);
    }
    return updated;
  }

  @Override
  public boolean insertDelivery(WebhookDelivery delivery) {
    WebhookDelivery.checkNew(requireNonNull(delivery, "delivery"));
    OutboxMessage message = delivery.message();
    return tx.insertIfAbsent("insert a webhook delivery", INSERT_DELIVERY, s -> {
      s.setString(1, message.id().value());
      s.setString(2, delivery.endpointId().value());
      s.setString(3, message.type());
      s.setInt(4, message.schemaVersion());
      Sql.setInstant(s, 5, message.occurredAt());
      s.setString(6, message.payload());
      Sql.setInstant(s, 7, delivery.nextAttemptAt());
      Sql.setInstant(s, 8, delivery.createdAt());
    });
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(EventId eventId, WebhookEndpointId endpointId) {
    return tx.one("find a webhook delivery", FIND_DELIVERY, key(eventId, endpointId), JdbcWebhookStore::delivery);
  }

  /*
   * How a claim keeps two claimers from receiving the same delivery: as the outbox's claim does.
   * Each round reads candidates in claim order, then leases each one with a conditional UPDATE that
   * repeats the claimable test, and reads back the rows that carry the fresh random tokens it wrote:
   * only a row whose UPDATE matched carries one, so those are the deliveries this transaction won.
   *
   * PostgreSQL reads candidates with FOR UPDATE SKIP LOCKED: rows another claimer holds are
   * skipped and the rows returned are locked by this transaction (and re-checked against the WHERE
   * clause once locked), so every UPDATE matches. H2 reads candidates without locks; of two
   * claimers picking the same candidate, the second one's UPDATE waits for the first's row lock,
   * re-evaluates the condition on the committed row, finds a live lease and changes nothing.
   * Candidates lost this way are replaced by looking further along the queue, past the last
   * candidate in claim order, for a few rounds at most.
   *
   * A candidate read under a lease is a lapsed claim (the read takes only due and lapsed leases):
   * it is read whole, decided on, and counted by an UPDATE that names the lapsed lease token, so
   * of claimers racing for it exactly one counts the lapse (on H2 the others wait for its row lock,
   * then find the token gone); the claiming UPDATE takes only rows under no lease, so it never
   * leases a lapsed claim at once. Counted lapses are not lost candidates: the claim goes on, until
   * it has claimed or counted the limit.
   */
  @Override
  public List<WebhookDelivery> claimDeliveries(String leaseOwner, int limit, Instant now, Duration lease,
      LapsedClaim.Policy lapses) {
    tx.checkOpen();
    WebhookStore.checkClaim(leaseOwner, limit, now, lease, lapses);
    Instant leaseUntil = now.plus(lease);
    String lockSuffix = tx.lockingClaimSuffix();
    List<WebhookDelivery> claimed = new ArrayList<>();
    @Nullable Candidate last = null;
    int lostRounds = 0;
    int lapsesCounted = 0;
    while (claimed.size() < limit && lapsesCounted < limit && lostRounds < CLAIM_ROUNDS) {
      // Rounds of at most MAX_LIMIT keep the read-back's parameters well within the drivers' bounds;
      // no more than the limit is ever claimed or counted.
      int wanted = Math.min(limit - Math.max(claimed.size(), lapsesCounted), Listings.MAX_LIMIT);
      Candidate after = last;
      List<Candidate> candidates = after == null
          ? tx.list("claim webhook deliveries", FIRST_CANDIDATES + lockSuffix, s -> {
            Sql.setInstant(s, 1, now);
            Sql.setInstant(s, 2, now);
            s.setInt(3, wanted);
          }, JdbcWebhookStore::candidate)
          : tx.list("claim webhook deliveries", NEXT_CANDIDATES + lockSuffix, s -> {
            Sql.setInstant(s, 1, now);
            Sql.setInstant(s, 2, now);
            Sql.setInstant(s, 3, after.due());
            Sql.setInstant(s, 4, after.due());
            Sql.setInstant(s, 5, after.due());
            s.setString(6, after.eventId());
            s.setString(7, after.eventId());
            s.setString(8, after.endpointId());
            s.setInt(9, wanted);
          }, JdbcWebhookStore::candidate);
      if (candidates.isEmpty()) {
        break;
      }
      List<Candidate> free = candidates.stream().filter(c -> c.leaseToken() == null).toList();
      int counted = 0;
      for (Candidate candidate : candidates) {
        if (candidate.leaseToken() != null && countLapse(candidate, now, lapses)) {
          counted++;
        }
      }
      lapsesCounted += counted;
      List<WebhookDelivery> won = free.isEmpty() ? List.of() : lease(free, leaseOwner, now, leaseUntil);
      claimed.addAll(won);
      if (candidates.size() < wanted) {
        break; // nothing further along
      }
      if (won.size() + counted < candidates.size()) {
        lostRounds++;
      }
      last = candidates.get(candidates.size() - 1);
    }
    return Collections.unmodifiableList(claimed);
  }

  /**
   * A delivery that looked claimable, or lapsed: its key and due time, its position in claim order,
   * and the token of its lapsed lease, or null if it had none.
   */
  private record Candidate(String eventId, String endpointId, Instant due, @Nullable String leaseToken) {}

  private static Candidate candidate(ResultSet row) throws SQLException {
    return new Candidate(Sql.string(row, "event_id"), Sql.string(row, "endpoint_id"),
        Sql.instant(row, "next_attempt_at"), row.getString("lease_token"));
  }

  /**
   * Counts the lapse of a candidate's lapsed claim as {@code lapses} decides, and returns whether
   * this claim counted it (another claimer, or a late release or mark, may have come first).
   */
  private boolean countLapse(Candidate candidate, Instant now, LapsedClaim.Policy lapses) {
    String token = requireNonNull(candidate.leaseToken());
    WebhookDelivery stored = tx.one("count a lapsed webhook claim", FIND_DELIVERY, s -> {
      s.setString(1, candidate.eventId());
      s.setString(2, candidate.endpointId());
    }, JdbcWebhookStore::delivery).orElse(null);
    if (stored == null || !token.equals(stored.leaseToken()) || !stored.lapsedAt(now)) {
      return false;
    }
    LapsedClaim decision = LapsedClaim.decide(lapses, stored.lapse(), now);
    Instant retryAt = decision.retryAt();
    return tx.update("count a lapsed webhook claim", retryAt != null ? LAPSE_RETRY : LAPSE_DEAD, s -> {
      if (retryAt != null) {
        Sql.setInstant(s, 1, retryAt);
      } else {
        s.setString(1, decision.deadReason());
      }
      s.setString(2, candidate.eventId());
      s.setString(3, candidate.endpointId());
      s.setString(4, token);
      Sql.setInstant(s, 5, now);
    }) == 1;
  }

  /** Leases the candidates still claimable and returns those, in claim order. */
  private List<WebhookDelivery> lease(List<Candidate> candidates, String leaseOwner, Instant now,
      Instant leaseUntil) {
    List<String> tokens = new ArrayList<>(candidates.size());
    List<Binder> updates = new ArrayList<>(candidates.size());
    for (Candidate candidate : candidates) {
      String token = UUID.randomUUID().toString();
      tokens.add(token);
      updates.add(s -> {
        s.setString(1, leaseOwner);
        s.setString(2, token);
        Sql.setInstant(s, 3, leaseUntil);
        s.setString(4, candidate.eventId());
        s.setString(5, candidate.endpointId());
        Sql.setInstant(s, 6, now);
      });
    }
    tx.batch("claim webhook deliveries", CLAIM, updates);
    // The event ids find the rows through the primary key; the tokens pick the ones this claim won.
    Set<String> events = new LinkedHashSet<>();
    candidates.forEach(candidate -> events.add(candidate.eventId()));
    List<String> values = new ArrayList<>(events);
    values.addAll(tokens);
    return tx.list("claim webhook deliveries", SELECT_DELIVERY + " WHERE event_id IN ("
        + Sql.placeholders(events.size()) + ") AND lease_token IN (" + Sql.placeholders(tokens.size()) + ")"
        + CLAIM_ORDER, s -> {
          for (int i = 0; i < values.size(); i++) {
            s.setString(i + 1, values.get(i));
          }
        }, JdbcWebhookStore::delivery);
  }

  @Override
  public boolean markDelivered(EventId eventId, WebhookEndpointId endpointId, String leaseToken,
      WebhookAttempt attempt) {
    requireNonNull(attempt, "attempt");
    return finish("mark a webhook delivery delivered", MARK_DELIVERED, eventId, endpointId, leaseToken, attempt,
        (s, index) -> index);
  }

  @Override
  public boolean markFailed(EventId eventId, WebhookEndpointId endpointId, String leaseToken,
      WebhookAttempt attempt, Instant retryAt) {
    requireNonNull(attempt, "attempt");
    requireNonNull(retryAt, "retryAt");
    String error = attempt.failure();
    return finish("mark a webhook delivery failed", MARK_FAILED, eventId, endpointId, leaseToken, attempt,
        (s, index) -> {
          Sql.setInstant(s, index, retryAt);
          s.setString(index + 1, error);
          return index + 2;
        });
  }

  @Override
  public boolean markDead(EventId eventId, WebhookEndpointId endpointId, String leaseToken,
      @Nullable WebhookAttempt attempt, String reason) {
    requireNonNull(reason, "reason");
    return finish("mark a webhook delivery dead", attempt != null ? MARK_DEAD : MARK_DEAD_UNSENT, eventId, endpointId,
        leaseToken, attempt,
        (s, index) -> {
          s.setString(index, reason);
          return index + 1;
        });
  }

  /*
   * A release races a claimer of the lapsed lease as two marks do: whichever UPDATE takes the row
   * lock first wins, and the other re-evaluates its condition on the row the first committed. A
   * claim that came first left another token, so the release matches nothing; a release that came
   * first left no lease, so the claim takes the delivery (on PostgreSQL, a claim that finds the row
   * locked by the release skips it and takes it in a later claim).
   */
  @Override
  public boolean releaseClaim(EventId eventId, WebhookEndpointId endpointId, String leaseToken) {
    return finish("release a webhook delivery's claim", RELEASE, eventId, endpointId, leaseToken, null,
        (s, index) -> index);
  }

  /** Binds the values a mark sets from parameter {@code index} on, and returns the next index. */
  @FunctionalInterface
  private interface MarkValues {
    int bind(PreparedStatement statement, int index) throws SQLException;
  }

  /**
   * Runs a mark, an UPDATE of the delivery under the lease token that sets {@code values}, and
   * records {@code attempt} if the mark applied: the UPDATE holds the delivery's row lock, so no
   * other mark records an attempt of it until this transaction ends.
   */
  private boolean finish(String operation, String mark, EventId eventId, WebhookEndpointId endpointId,
      String leaseToken, @Nullable WebhookAttempt attempt, MarkValues values) {
    tx.checkOpen();
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    requireNonNull(leaseToken, "leaseToken");
    boolean marked = tx.update(operation, mark, s -> {
      int index = values.bind(s, 1);
      s.setString(index, eventId.value());
      s.setString(index + 1, endpointId.value());
      s.setString(index + 2, leaseToken);
    }) == 1;
    if (marked && attempt != null) {
      tx.update(operation, INSERT_ATTEMPT, s -> {
        s.setString(1, eventId.value());
        s.setString(2, endpointId.value());
        s.setInt(3, attempt.number());
        Sql.setInstant(s, 4, attempt.startedAt());
        s.setLong(5, attempt.durationMillis());
        s.setInt(6, attempt.statusCode());
        s.setString(7, attempt.error());
        s.setString(8, eventId.value());
        s.setString(9, endpointId.value());
      });
    }
    return marked;
  }

  @Override
  public List<WebhookAttempt> listAttempts(EventId eventId, WebhookEndpointId endpointId) {
    return tx.list("list webhook attempts", LIST_ATTEMPTS, key(eventId, endpointId), row -> new WebhookAttempt(
        eventId,
        endpointId,
        row.getInt("number"),
        Sql.instant(row, "started_at"),
        row.getLong("duration_millis"),
        row.getInt("status_code"),
        row.getString("error")));
  }

  @Override
  public List<WebhookDelivery> listDead(@Nullable EventId afterEvent, @Nullable WebhookEndpointId afterEndpoint,
      int limit) {
    tx.checkOpen();
    Listings.checkLimit(limit);
    Listings.checkPosition(afterEvent, afterEndpoint, "afterEvent and afterEndpoint");
    if (limit == 0) {
      return List.of();
    }
    if (afterEvent == null || afterEndpoint == null) {
      return tx.list("list webhook dead letters", FIRST_DEAD, s -> s.setInt(1, limit), JdbcWebhookStore::delivery);
    }
    return tx.list("list webhook dead letters", NEXT_DEAD, s -> {
      s.setString(1, afterEvent.value());
      s.setString(2, afterEvent.value());
      s.setString(3, afterEvent.value());
      s.setString(4, afterEndpoint.value());
      s.setInt(5, limit);
    }, JdbcWebhookStore::delivery);
  }

  @Override
  public boolean requeue(EventId eventId, WebhookEndpointId endpointId, Instant availableAt) {
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    requireNonNull(availableAt, "availableAt");
    return tx.update("requeue a webhook dead letter", REQUEUE, s -> {
      Sql.setInstant(s, 1, availableAt);
      s.setString(2, eventId.value());
      s.setString(3, endpointId.value());
    }) == 1;
  }

  @Override
  public long countDeliveries(WebhookDeliveryStatus status) {
    requireNonNull(status, "status");
    return tx.one("count webhook deliveries", COUNTS.get(status), Sql.NO_PARAMETERS, row -> row.getLong(1))
        .orElse(0L);
  }

  @Override
  public int purgeDelivered(Instant createdBefore) {
    requireNonNull(createdBefore, "createdBefore");
    String operation = "purge delivered webhook deliveries";
    int purged = 0;
    while (true) {
      List<Binder> keys = tx.list(operation, PURGEABLE, s -> {
        Sql.setInstant(s, 1, createdBefore);
        s.setInt(2, PURGE_CHUNK);
      }, row -> {
        String eventId = Sql.string(row, "event_id");
        String endpointId = Sql.string(row, "endpoint_id");
        return s -> {
          s.setString(1, eventId);
          s.setString(2, endpointId);
        };
      });
      tx.batch(operation, DELETE_ATTEMPTS, keys);
      for (int count : tx.batch(operation, DELETE_DELIVERED, keys)) {
        purged += Math.max(count, 0);
      }
      if (keys.size() < PURGE_CHUNK) {
        return purged;
      }
    }
  }

  private Binder key(EventId eventId, WebhookEndpointId endpointId) {
    tx.checkOpen();
    requireNonNull(eventId, "eventId");
    requireNonNull(endpointId, "endpointId");
    return s -> {
      s.setString(1, eventId.value());
      s.setString(2, endpointId.value());
    };
  }

  /** Reads a row of an endpoint and one of its secrets, the endpoint carrying only that secret. */
  private static EndpointSecret endpointSecret(ResultSet row) throws SQLException {
    String value = row.getString("secret");
    WebhookSecret secret = value == null ? null : new WebhookSecret(value, Sql.instant(row, "secret_created_at"),
        Sql.nullableInstant(row, "secret_expires_at"));
    return new EndpointSecret(new WebhookEndpointId(Sql.string(row, "id")), Sql.string(row, "url"),
        Sql.list(row, "event_types"), row.getBoolean("enabled"), row.getString("disabled_reason"),
        Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"), row.getLong("version"), secret);
  }

  private static WebhookDelivery delivery(ResultSet row) throws SQLException {
    OutboxMessage message = new OutboxMessage(
        new EventId(Sql.string(row, "event_id")),
        Sql.string(row, "type"),
        row.getInt("schema_version"),
        Sql.instant(row, "occurred_at"),
        Sql.string(row, "payload"));
    return new WebhookDelivery(
        message,
        new WebhookEndpointId(Sql.string(row, "endpoint_id")),
        Sql.enumValue(row, "status", WebhookDeliveryStatus.class),
        row.getInt("attempts"),
        row.getInt("lapsed_claims"),
        Sql.instant(row, "next_attempt_at"),
        row.getString("lease_owner"),
        row.getString("lease_token"),
        Sql.nullableInstant(row, "lease_until"),
        row.getString("last_error"),
        Sql.instant(row, "created_at"));
  }
}
