package dev.meadow.trust.jdbc;

import dev.meadow.core.spi.Listings;
import dev.meadow.storage.jdbc.JdbcSession;
import dev.meadow.storage.jdbc.Sql;
import dev.meadow.trust.spi.Award;
import dev.meadow.trust.spi.Contribution;
import dev.meadow.trust.spi.TrustStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The trust store through the JDBC adapter's session, on its transaction. */
final class JdbcTrustStore implements TrustStore {
  private static final String CONTRIBUTION_COLUMNS = "user_id, signal_name, scope, item, amount, occurred_at";
  private static final String AWARD_COLUMNS = "user_id, badge_id, occurrence, granted, awarded_at, evidence,"
      + " granted_by, expires_at, revoked_at, revoked_reason";
  private static final String HELD = " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)";

  private final JdbcSession session;

  JdbcTrustStore(JdbcSession session) {
    this.session = session;
  }

  @Override
  public void putContribution(Contribution c) {
    // Update first, insert if there was no row, update again if a racing insert won.
    if (update(c) == 0 && !putContributionIfAbsent(c)) {
      update(c);
    }
  }

  private int update(Contribution c) {
    return session.update("update a trust signal",
        "UPDATE meadow_trust_signals SET amount = ?, occurred_at = ? WHERE user_id = ? AND signal_name = ?"
            + " AND scope = ? AND item = ?",
        s -> {
          s.setLong(1, c.amount());
          Sql.setInstant(s, 2, c.at());
          s.setString(3, c.user());
          s.setString(4, c.signal());
          s.setString(5, c.scope());
          s.setString(6, c.item());
        });
  }

  @Override
  public boolean putContributionIfAbsent(Contribution c) {
    return session.insertIfAbsent("insert a trust signal",
        "INSERT INTO meadow_trust_signals (" + CONTRIBUTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", s -> {
          s.setString(1, c.user());
          s.setString(2, c.signal());
          s.setString(3, c.scope());
          s.setString(4, c.item());
          s.setLong(5, c.amount());
          Sql.setInstant(s, 6, c.at());
        });
  }

  @Override
  public long sum(String user, String signal, String scope, @Nullable Instant since) {
    String sql = "SELECT COALESCE(SUM(amount), 0) FROM meadow_trust_signals WHERE user_id = ? AND signal_name = ?"
        + " AND scope = ?" + (since == null ? "" : " AND occurred_at >= ?");
    return session.one("sum a trust signal", sql, s -> {
      s.setString(1, user);
      s.setString(2, signal);
      s.setString(3, scope);
      if (since != null) {
        Sql.setInstant(s, 4, since);
      }
    }, row -> row.getLong(1)).orElse(0L);
  }

  @Override
  public Optional<Instant> earliest(String user, String signal, String scope) {
    return session.one("read a trust signal's start",
        "SELECT MIN(occurred_at) AS first_at FROM meadow_trust_signals WHERE user_id = ? AND signal_name = ?"
            + " AND scope = ?",
        s -> {
          s.setString(1, user);
          s.setString(2, signal);
          s.setString(3, scope);
        }, row -> Optional.ofNullable(Sql.nullableInstant(row, "first_at"))).flatMap(o -> o);
  }

  @Override
  public List<Contribution> contributions(String user, @Nullable Contribution after, int limit) {
    Listings.checkLimit(limit);
    String sql = "SELECT " + CONTRIBUTION_COLUMNS + " FROM meadow_trust_signals WHERE user_id = ?"
        + (after == null ? "" : " AND (signal_name > ? OR (signal_name = ? AND (scope > ? OR (scope = ? AND item > ?))))")
        + " ORDER BY signal_name, scope, item LIMIT ?";
    return session.list("list trust signals", sql, s -> {
      int i = 1;
      s.setString(i++, user);
      if (after != null) {
        s.setString(i++, after.signal());
        s.setString(i++, after.signal());
        s.setString(i++, after.scope());
        s.setString(i++, after.scope());
        s.setString(i++, after.item());
      }
      s.setInt(i, limit);
    }, JdbcTrustStore::contribution);
  }

  private static Contribution contribution(ResultSet row) throws SQLException {
    return new Contribution(row.getString("user_id"), row.getString("signal_name"), row.getString("scope"),
        row.getString("item"), row.getLong("amount"), Sql.instant(row, "occurred_at"));
  }

  @Override
  public boolean activate(Award a, Instant now) {
    boolean inserted = session.insertIfAbsent("insert a badge award",
        "INSERT INTO meadow_trust_awards (" + AWARD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
          s.setString(1, a.user());
          s.setString(2, a.badge());
          s.setString(3, a.occurrence());
          s.setBoolean(4, a.granted());
          Sql.setInstant(s, 5, a.awardedAt());
          s.setString(6, a.evidence());
          s.setString(7, a.grantedBy());
          Sql.setInstant(s, 8, a.expiresAt());
          Sql.setInstant(s, 9, a.revokedAt());
          s.setString(10, a.revokedReason());
        });
    if (inserted) {
      return true;
    }
    // The row exists: take it over only if it is not held, which the database decides per row.
    return session.update("renew a badge award",
        "UPDATE meadow_trust_awards SET granted = ?, awarded_at = ?, evidence = ?, granted_by = ?, expires_at = ?,"
            + " revoked_at = NULL, revoked_reason = NULL WHERE user_id = ? AND badge_id = ? AND occurrence = ?"
            + " AND (revoked_at IS NOT NULL OR (expires_at IS NOT NULL AND expires_at <= ?))",
        s -> {
          s.setBoolean(1, a.granted());
          Sql.setInstant(s, 2, a.awardedAt());
          s.setString(3, a.evidence());
          s.setString(4, a.grantedBy());
          Sql.setInstant(s, 5, a.expiresAt());
          s.setString(6, a.user());
          s.setString(7, a.badge());
          s.setString(8, a.occurrence());
          Sql.setInstant(s, 9, now);
        }) == 1;
  }

  @Override
  public boolean revoke(String user, String badge, String occurrence, Instant at, String reason) {
    return session.update("revoke a badge award",
        "UPDATE meadow_trust_awards SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND badge_id = ?"
            + " AND occurrence = ? AND revoked_at IS NULL",
        s -> {
          Sql.setInstant(s, 1, at);
          s.setString(2, reason);
          s.setString(3, user);
          s.setString(4, badge);
          s.setString(5, occurrence);
        }) == 1;
  }

  @Override
  public Optional<Award> find(String user, String badge, String occurrence) {
    return session.one("find a badge award", "SELECT " + AWARD_COLUMNS + " FROM meadow_trust_awards"
        + " WHERE user_id = ? AND badge_id = ? AND occurrence = ?", s -> {
          s.setString(1, user);
          s.setString(2, badge);
          s.setString(3, occurrence);
        }, JdbcTrustStore::award);
  }

  @Override
  public List<Award> heldBy(String user, Instant now, @Nullable Award after, int limit) {
    return held("list a user's badges", "user_id", user, "badge_id", now,
        after == null ? null : new String[] {after.badge(), after.occurrence()}, limit);
  }

  @Override
  public List<Award> holders(String badge, Instant now, @Nullable Award after, int limit) {
    return held("list a badge's holders", "badge_id", badge, "user_id", now,
        after == null ? null : new String[] {after.user(), after.occurrence()}, limit);
  }

  /** Lists held awards with {@code column = value}, ordered by {@code (order, occurrence)}, after a key. */
  private List<Award> held(String operation, String column, String value, String order, Instant now,
      String @Nullable [] after, int limit) {
    Listings.checkLimit(limit);
    String sql = "SELECT " + AWARD_COLUMNS + " FROM meadow_trust_awards WHERE " + column + " = ?" + HELD
        + (after == null ? "" : " AND (" + order + " > ? OR (" + order + " = ? AND occurrence > ?))")
        + " ORDER BY " + order + ", occurrence LIMIT ?";
    return session.list(operation, sql, s -> {
      int i = 1;
      s.setString(i++, value);
      Sql.setInstant(s, i++, now);
      if (after != null) {
        s.setString(i++, after[0]);
        s.setString(i++, after[0]);
        s.setString(i++, after[1]);
      }
      s.setInt(i, limit);
    }, JdbcTrustStore::award);
  }

  @Override
  public List<String> users(@Nullable String after, int limit) {
    Listings.checkLimit(limit);
    String where = after == null ? "" : " WHERE user_id > ?";
    String sql = "SELECT user_id FROM (SELECT user_id FROM meadow_trust_signals" + where
        + " UNION SELECT user_id FROM meadow_trust_awards" + where + ") u ORDER BY user_id LIMIT ?";
    return session.list("list trust users", sql, s -> {
      int i = 1;
      if (after != null) {
        s.setString(i++, after);
        s.setString(i++, after);
      }
      s.setInt(i, limit);
    }, row -> row.getString(1));
  }

  @Override
  public List<Award> awardsOf(String user) {
    return session.list("list a user's awards", "SELECT " + AWARD_COLUMNS + " FROM meadow_trust_awards"
        + " WHERE user_id = ? ORDER BY badge_id, occurrence", s -> s.setString(1, user), JdbcTrustStore::award);
  }

  @Override
  public int eraseUser(String user) {
    return session.update("erase a user's trust signals", "DELETE FROM meadow_trust_signals WHERE user_id = ?",
        s -> s.setString(1, user))
        + session.update("erase a user's badges", "DELETE FROM meadow_trust_awards WHERE user_id = ?",
            s -> s.setString(1, user));
  }

  private static Award award(ResultSet row) throws SQLException {
    return new Award(row.getString("user_id"), row.getString("badge_id"), row.getString("occurrence"),
        row.getBoolean("granted"), Sql.instant(row, "awarded_at"), row.getString("evidence"),
        row.getString("granted_by"), Sql.nullableInstant(row, "expires_at"), Sql.nullableInstant(row, "revoked_at"),
        row.getString("revoked_reason"));
  }
}
