package dev.meadow.trust.jdbc;

import dev.meadow.core.spi.Listings;
import dev.meadow.storage.jdbc.JdbcSession;
import dev.meadow.storage.jdbc.Sql;
import dev.meadow.trust.spi.Award;
import dev.meadow.trust.spi.Contribution;
import dev.meadow.trust.spi.TrustStore;
import dev.meadow.trust.spi.UserLevel;
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
  private static final String LEVEL_COLUMNS = "user_id, earned_level, granted_by, grant_reason, granted_at, changed_at";
  private static final String STORE = "store:";
  private static final String HELD = " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)";

  private final JdbcSession session;

  JdbcTrustStore(JdbcSession session) {
    this.session = session;
  }

  /*
   * A contribution changes its running totals in the same transaction. The user's total row is
   * locked first (a no-op UPDATE, or the INSERT that creates it), so writers of one (user, signal,
   * scope) take turns: each then reads the item's committed amount, writes the item, and adds the
   * difference to the totals. Reads run in auto-commit until the first change, which is why the
   * lock is a write and not a SELECT ... FOR UPDATE. A store's total is only ever incremented.
   */
  @Override
  public void putContribution(Contribution c) {
    put(c, true);
  }

  @Override
  public boolean putContributionIfAbsent(Contribution c) {
    return put(c, false);
  }

  private boolean put(Contribution c, boolean replace) {
    lockTotal(c);
    Optional<Long> old = session.one("read a trust signal",
        "SELECT amount FROM meadow_trust_signals WHERE user_id = ? AND signal_name = ? AND scope = ? AND item = ?",
        s -> bindKey(s, c, 1), row -> row.getLong(1));
    if (old.isPresent() && !replace) {
      return false;
    }
    if (old.isPresent()) {
      session.update("update a trust signal",
          "UPDATE meadow_trust_signals SET amount = ?, occurred_at = ? WHERE user_id = ? AND signal_name = ?"
              + " AND scope = ? AND item = ?",
          s -> {
            s.setLong(1, c.amount());
            Sql.setInstant(s, 2, c.at());
            bindKey(s, c, 3);
          });
    } else {
      session.update("insert a trust signal",
          "INSERT INTO meadow_trust_signals (" + CONTRIBUTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", s -> {
            bindKey(s, c, 1);
            s.setLong(5, c.amount());
            Sql.setInstant(s, 6, c.at());
          });
    }
    long delta = c.amount() - old.orElse(0L);
    if (delta != 0) {
      session.update("add to a trust total", "UPDATE meadow_trust_totals SET total = total + ? WHERE user_id = ?"
          + " AND signal_name = ? AND scope = ?", s -> {
            s.setLong(1, delta);
            s.setString(2, c.user());
            s.setString(3, c.signal());
            s.setString(4, c.scope());
          });
      if (c.scope().startsWith(STORE)) {
        addToStore(c.signal(), c.scope().substring(STORE.length()), delta);
      }
    }
    return true;
  }

  private static void bindKey(java.sql.PreparedStatement s, Contribution c, int from) throws SQLException {
    s.setString(from, c.user());
    s.setString(from + 1, c.signal());
    s.setString(from + 2, c.scope());
    s.setString(from + 3, c.item());
  }

  private void lockTotal(Contribution c) {
    JdbcSession.Binder key = s -> {
      s.setString(1, c.user());
      s.setString(2, c.signal());
      s.setString(3, c.scope());
    };
    String lock = "UPDATE meadow_trust_totals SET total = total WHERE user_id = ? AND signal_name = ? AND scope = ?";
    if (session.update("lock a trust total", lock, key) == 0
        && !session.insertIfAbsent("insert a trust total",
            "INSERT INTO meadow_trust_totals (user_id, signal_name, scope, total) VALUES (?, ?, ?, 0)", key)) {
      session.update("lock a trust total", lock, key);
    }
  }

  private void addToStore(String signal, String store, long delta) {
    JdbcSession.Binder add = s -> {
      s.setLong(1, delta);
      s.setString(2, signal);
      s.setString(3, store);
    };
    String update = "UPDATE meadow_trust_store_totals SET total = total + ? WHERE signal_name = ? AND store_id = ?";
    if (session.update("add to a store's trust total", update, add) == 0
        && !session.insertIfAbsent("insert a store's trust total",
            "INSERT INTO meadow_trust_store_totals (total, signal_name, store_id) VALUES (?, ?, ?)", add)) {
      session.update("add to a store's trust total", update, add);
    }
  }

  @Override
  public long sum(String user, String signal, String scope, @Nullable Instant since) {
    if (since == null) {
      return session.one("read a trust total", "SELECT total FROM meadow_trust_totals WHERE user_id = ?"
          + " AND signal_name = ? AND scope = ?", s -> {
            s.setString(1, user);
            s.setString(2, signal);
            s.setString(3, scope);
          }, row -> row.getLong(1)).orElse(0L);
    }
    String sql = "SELECT COALESCE(SUM(amount), 0) FROM meadow_trust_signals WHERE user_id = ? AND signal_name = ?"
        + " AND scope = ? AND occurred_at >= ?";
    return session.one("sum a trust signal", sql, s -> {
      s.setString(1, user);
      s.setString(2, signal);
      s.setString(3, scope);
      Sql.setInstant(s, 4, since);
    }, row -> row.getLong(1)).orElse(0L);
  }

  @Override
  public long storeTotal(String signal, String store) {
    return session.one("read a store's trust total", "SELECT total FROM meadow_trust_store_totals"
        + " WHERE signal_name = ? AND store_id = ?", s -> {
          s.setString(1, signal);
          s.setString(2, store);
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
        + " UNION SELECT user_id FROM meadow_trust_awards" + where
        + " UNION SELECT user_id FROM meadow_trust_levels" + where + ") u ORDER BY user_id LIMIT ?";
    return session.list("list trust users", sql, s -> {
      int i = 1;
      if (after != null) {
        s.setString(i++, after);
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
  public Optional<UserLevel> level(String user) {
    return session.one("find a trust level", "SELECT " + LEVEL_COLUMNS + " FROM meadow_trust_levels WHERE user_id = ?",
        s -> s.setString(1, user), row -> new UserLevel(row.getString("user_id"), row.getInt("earned_level"),
            row.getString("granted_by"), row.getString("grant_reason"), Sql.nullableInstant(row, "granted_at"),
            Sql.instant(row, "changed_at")));
  }

  @Override
  public boolean changeLevel(String user, int from, int to, Instant at) {
    JdbcSession.Binder change = s -> {
      s.setInt(1, to);
      Sql.setInstant(s, 2, at);
      s.setString(3, user);
      s.setInt(4, from);
    };
    String update = "UPDATE meadow_trust_levels SET earned_level = ?, changed_at = ? WHERE user_id = ? AND earned_level = ?";
    if (session.update("change a trust level", update, change) == 1) {
      return true;
    }
    if (from != 0) {
      return false;
    }
    // No row means level 0: insert it, or, if a racing writer inserted one, change it from 0 as above.
    return insertLevel("insert a trust level", user, to, null, null, at)
        || session.update("change a trust level", update, change) == 1;
  }

  private boolean insertLevel(String operation, String user, int earned, @Nullable String grantedBy,
      @Nullable String reason, Instant at) {
    return session.insertIfAbsent(operation,
        "INSERT INTO meadow_trust_levels (" + LEVEL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", s -> {
          s.setString(1, user);
          s.setInt(2, earned);
          s.setString(3, grantedBy);
          s.setString(4, reason);
          Sql.setInstant(s, 5, grantedBy == null ? null : at);
          Sql.setInstant(s, 6, at);
        });
  }

  @Override
  public boolean grantTopLevel(String user, String grantedBy, String reason, Instant at) {
    JdbcSession.Binder grant = s -> {
      s.setString(1, grantedBy);
      s.setString(2, reason);
      Sql.setInstant(s, 3, at);
      Sql.setInstant(s, 4, at);
      s.setString(5, user);
    };
    String update = "UPDATE meadow_trust_levels SET granted_by = ?, grant_reason = ?, granted_at = ?, changed_at = ?"
        + " WHERE user_id = ? AND granted_by IS NULL";
    return session.update("grant trust level 4", update, grant) == 1
        || insertLevel("grant trust level 4", user, 0, grantedBy, reason, at)
        || session.update("grant trust level 4", update, grant) == 1;
  }

  @Override
  public boolean revokeTopLevel(String user, Instant at) {
    return session.update("revoke trust level 4", "UPDATE meadow_trust_levels SET granted_by = NULL,"
        + " grant_reason = NULL, granted_at = NULL, changed_at = ? WHERE user_id = ? AND granted_by IS NOT NULL", s -> {
          Sql.setInstant(s, 1, at);
          s.setString(2, user);
        }) == 1;
  }

  @Override
  public int eraseUser(String user) {
    // Zero every contribution first, so that the stores' totals lose this user's share.
    Contribution after = null;
    while (true) {
      List<Contribution> rows = contributions(user, after, Listings.MAX_LIMIT);
      for (Contribution c : rows) {
        if (c.amount() != 0) {
          putContribution(new Contribution(c.user(), c.signal(), c.scope(), c.item(), 0, c.at()));
        }
      }
      if (rows.size() < Listings.MAX_LIMIT) {
        break;
      }
      after = rows.get(rows.size() - 1);
    }
    session.update("erase a user's trust totals", "DELETE FROM meadow_trust_totals WHERE user_id = ?",
        s -> s.setString(1, user));
    return session.update("erase a user's trust signals", "DELETE FROM meadow_trust_signals WHERE user_id = ?",
        s -> s.setString(1, user))
        + session.update("erase a user's badges", "DELETE FROM meadow_trust_awards WHERE user_id = ?",
            s -> s.setString(1, user))
        + session.update("erase a user's trust level", "DELETE FROM meadow_trust_levels WHERE user_id = ?",
            s -> s.setString(1, user));
  }

  private static Award award(ResultSet row) throws SQLException {
    return new Award(row.getString("user_id"), row.getString("badge_id"), row.getString("occurrence"),
        row.getBoolean("granted"), Sql.instant(row, "awarded_at"), row.getString("evidence"),
        row.getString("granted_by"), Sql.nullableInstant(row, "expires_at"), Sql.nullableInstant(row, "revoked_at"),
        row.getString("revoked_reason"));
  }
}
