package dev.meadow.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.EventId;
import dev.meadow.core.StorageException;
import dev.meadow.core.spi.OutboxEntry;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.OutboxStatus;
import dev.meadow.core.spi.OutboxStore;
import dev.meadow.storage.jdbc.JdbcSession.Binder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The transactional outbox in {@code meadow_outbox}. */
final class JdbcOutboxStore implements OutboxStore {
  private static final String COLUMNS = "id, type, schema_version, occurred_at, payload, status, attempts,"
      + " available_at, lease_token, lease_until, last_error";

  private static final String APPEND = "INSERT INTO meadow_outbox (" + COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, NULL, NULL, NULL)";
  private static final String FIND = "SELECT " + COLUMNS + " FROM meadow_outbox WHERE id = ?";

  /** Due, pending and not under a live lease; the same test guards the claiming UPDATE. */
  private static final String CLAIMABLE =
      "status = 'PENDING' AND available_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";
  private static final String CLAIM_CANDIDATES =
      "SELECT id FROM meadow_outbox WHERE " + CLAIMABLE + " ORDER BY id LIMIT ?";
  private static final String CLAIM_CANDIDATES_AFTER =
      "SELECT id FROM meadow_outbox WHERE " + CLAIMABLE + " AND id > ? ORDER BY id LIMIT ?";
  private static final String CLAIM = "UPDATE meadow_outbox SET attempts = attempts + 1, lease_token = ?,"
      + " lease_until = ? WHERE id = ? AND " + CLAIMABLE;

  private static final String UNDER_LEASE = " WHERE id = ? AND status = 'PENDING' AND lease_token = ?";
  private static final String MARK_DELIVERED =
      "UPDATE meadow_outbox SET status = 'DELIVERED', lease_token = NULL, lease_until = NULL" + UNDER_LEASE;
  private static final String MARK_FAILED = "UPDATE meadow_outbox SET available_at = ?, last_error = ?,"
      + " lease_token = NULL, lease_until = NULL" + UNDER_LEASE;
  private static final String MARK_DEAD = "UPDATE meadow_outbox SET status = 'DEAD', last_error = ?,"
      + " lease_token = NULL, lease_until = NULL" + UNDER_LEASE;

  private static final String FIRST_DEAD =
      "SELECT " + COLUMNS + " FROM meadow_outbox WHERE status = 'DEAD' ORDER BY id LIMIT ?";
  private static final String NEXT_DEAD =
      "SELECT " + COLUMNS + " FROM meadow_outbox WHERE status = 'DEAD' AND id > ? ORDER BY id LIMIT ?";
  private static final String REQUEUE = "UPDATE meadow_outbox SET status = 'PENDING', attempts = 0,"
      + " available_at = ?, lease_token = NULL, lease_until = NULL WHERE id = ? AND status = 'DEAD'";
  private static final String PURGE_DELIVERED =
      "DELETE FROM meadow_outbox WHERE status = 'DELIVERED' AND occurred_at < ?";

  /**
   * How many times one claim looks further along the outbox after losing candidates to concurrent
   * claimers (which happens only on H2, where candidates are not locked while being read).
   */
  private static final int CLAIM_ROUNDS = 4;

  private final JdbcTransaction tx;

  JdbcOutboxStore(JdbcTransaction tx) {
    this.tx = tx;
  }

  @Override
  public void append(OutboxMessage message) {
    requireNonNull(message, "message");
    boolean inserted = tx.insertIfAbsent("append to the outbox", APPEND, s -> {
      s.setString(1, message.id().value());
      s.setString(2, message.type());
      s.setInt(3, message.schemaVersion());
      Sql.setInstant(s, 4, message.occurredAt());
      s.setString(5, message.payload());
      // "Available at once": an event is due from the moment it occurred.
      Sql.setInstant(s, 6, message.occurredAt());
    });
    if (!inserted) {
      throw new StorageException("Meadow storage could not append to the outbox: an entry with the same id exists");
    }
  }

  /*
   * How a claim keeps two claimers from receiving the same entry.
   *
   * Each round reads candidate ids, then leases each one with a conditional UPDATE that repeats the
   * claimable test, and finally reads back the rows that carry the lease tokens it wrote. Only a
   * row whose UPDATE matched carries one of this claim's fresh random tokens, so the read-back is
   * the set of entries this transaction won.
   *
   * PostgreSQL reads candidates with FOR UPDATE SKIP LOCKED: rows another claimer holds are
   * skipped, and the rows returned are locked by this transaction, so every UPDATE matches. (Under
   * READ COMMITTED, a locked row is re-checked against the WHERE clause after the lock is granted.)
   *
   * H2 reads candidates without locks (its FOR UPDATE locks every matching row, ignoring LIMIT).
   * Two claimers may then pick the same candidate; the second one's UPDATE waits for the first
   * transaction's row lock and, after it commits, re-evaluates the condition on the committed row,
   * finds a live lease and changes nothing. Candidates lost this way are replaced by looking
   * further along the outbox, for a few rounds at most.
   */
  @Override
  public List<OutboxEntry> claim(int limit, Instant now, Duration lease) {
    tx.checkOpen();
    requireNonNull(now, "now");
    requireNonNull(lease, "lease");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    Instant leaseUntil = now.plus(lease);
    String lockSuffix = tx.dialect().lockingClaimSuffix();
    List<OutboxEntry> claimed = new ArrayList<>();
    @Nullable String lastCandidate = null;
    for (int round = 0; round < CLAIM_ROUNDS && claimed.size() < limit; round++) {
      int wanted = limit - claimed.size();
      String after = lastCandidate;
      List<String> candidates = after == null
          ? tx.list("claim outbox entries", CLAIM_CANDIDATES + lockSuffix, s -> {
            Sql.setInstant(s, 1, now);
            Sql.setInstant(s, 2, now);
            s.setInt(3, wanted);
          }, row -> Sql.string(row, "id"))
          : tx.list("claim outbox entries", CLAIM_CANDIDATES_AFTER + lockSuffix, s -> {
            Sql.setInstant(s, 1, now);
            Sql.setInstant(s, 2, now);
            s.setString(3, after);
            s.setInt(4, wanted);
          }, row -> Sql.string(row, "id"));
      if (candidates.isEmpty()) {
        break;
      }
      claimed.addAll(lease(candidates, now, leaseUntil));
      if (candidates.size() < wanted) {
        break; // nothing further along
      }
      lastCandidate = candidates.get(candidates.size() - 1);
    }
    return Collections.unmodifiableList(claimed);
  }

  /** Leases the candidates still claimable and returns those, by id. */
  private List<OutboxEntry> lease(List<String> candidates, Instant now, Instant leaseUntil) {
    Map<String, String> tokens = new LinkedHashMap<>();
    List<Binder> updates = new ArrayList<>();
    for (String id : candidates) {
      String token = UUID.randomUUID().toString();
      tokens.put(id, token);
      updates.add(s -> {
        s.setString(1, token);
        Sql.setInstant(s, 2, leaseUntil);
        s.setString(3, id);
        Sql.setInstant(s, 4, now);
        Sql.setInstant(s, 5, now);
      });
    }
    tx.batch("claim outbox entries", CLAIM, updates);
    String placeholders = String.join(", ", Collections.nCopies(candidates.size(), "?"));
    List<OutboxEntry> rows = tx.list("claim outbox entries",
        "SELECT " + COLUMNS + " FROM meadow_outbox WHERE id IN (" + placeholders + ") ORDER BY id", s -> {
          for (int i = 0; i < candidates.size(); i++) {
            s.setString(i + 1, candidates.get(i));
          }
        }, JdbcOutboxStore::entry);
    List<OutboxEntry> won = new ArrayList<>();
    for (OutboxEntry row : rows) {
      if (tokens.get(row.message().id().value()).equals(row.leaseToken())) {
        won.add(row);
      }
    }
    return won;
  }

  @Override
  public boolean markDelivered(EventId id, String leaseToken) {
    requireNonNull(id, "id");
    requireNonNull(leaseToken, "leaseToken");
    return tx.update("mark an outbox entry delivered", MARK_DELIVERED, s -> {
      s.setString(1, id.value());
      s.setString(2, leaseToken);
    }) == 1;
  }

  @Override
  public boolean markFailed(EventId id, String leaseToken, Instant retryAt, String error) {
    requireNonNull(id, "id");
    requireNonNull(leaseToken, "leaseToken");
    requireNonNull(retryAt, "retryAt");
    requireNonNull(error, "error");
    return tx.update("mark an outbox entry failed", MARK_FAILED, s -> {
      Sql.setInstant(s, 1, retryAt);
      s.setString(2, error);
      s.setString(3, id.value());
      s.setString(4, leaseToken);
    }) == 1;
  }

  @Override
  public boolean markDead(EventId id, String leaseToken, String reason) {
    requireNonNull(id, "id");
    requireNonNull(leaseToken, "leaseToken");
    requireNonNull(reason, "reason");
    return tx.update("mark an outbox entry dead", MARK_DEAD, s -> {
      s.setString(1, reason);
      s.setString(2, id.value());
      s.setString(3, leaseToken);
    }) == 1;
  }

  @Override
  public List<OutboxEntry> listDead(@Nullable EventId after, int limit) {
    tx.checkOpen();
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    if (after == null) {
      return tx.list("list dead letters", FIRST_DEAD, s -> s.setInt(1, limit), JdbcOutboxStore::entry);
    }
    return tx.list("list dead letters", NEXT_DEAD, s -> {
      s.setString(1, after.value());
      s.setInt(2, limit);
    }, JdbcOutboxStore::entry);
  }

  @Override
  public boolean requeue(EventId id, Instant availableAt) {
    requireNonNull(id, "id");
    requireNonNull(availableAt, "availableAt");
    return tx.update("requeue a dead letter", REQUEUE, s -> {
      Sql.setInstant(s, 1, availableAt);
      s.setString(2, id.value());
    }) == 1;
  }

  @Override
  public Optional<OutboxEntry> find(EventId id) {
    requireNonNull(id, "id");
    return tx.one("find an outbox entry", FIND, s -> s.setString(1, id.value()), JdbcOutboxStore::entry);
  }

  @Override
  public int purgeDelivered(Instant occurredBefore) {
    requireNonNull(occurredBefore, "occurredBefore");
    return tx.update("purge delivered outbox entries", PURGE_DELIVERED,
        s -> Sql.setInstant(s, 1, occurredBefore));
  }

  private static OutboxEntry entry(ResultSet row) throws SQLException {
    OutboxMessage message = new OutboxMessage(
        new EventId(Sql.string(row, "id")),
        Sql.string(row, "type"),
        row.getInt("schema_version"),
        Sql.instant(row, "occurred_at"),
        Sql.string(row, "payload"));
    return new OutboxEntry(
        message,
        OutboxStatus.valueOf(Sql.string(row, "status")),
        row.getInt("attempts"),
        Sql.instant(row, "available_at"),
        row.getString("lease_token"),
        Sql.nullableInstant(row, "lease_until"),
        row.getString("last_error"));
  }
}
