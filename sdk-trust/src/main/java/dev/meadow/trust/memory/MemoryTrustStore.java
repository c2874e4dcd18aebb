package dev.meadow.trust.memory;

import dev.meadow.core.memory.MemoryTransaction;
import dev.meadow.core.spi.Listings;
import dev.meadow.trust.spi.Award;
import dev.meadow.trust.spi.Contribution;
import dev.meadow.trust.spi.TrustStore;
import dev.meadow.trust.spi.UserLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One memory storage's trust data. The memory storage's lock guards it; every change registers
 * its undo with the transaction.
 */
final class MemoryTrustStore {
  private static final char SEP = '\u0000';
  private static final String END = "\uffff";
  private static final String STORE = "store:";

  /** Per user: contributions by "signal SEP scope SEP item". */
  private final Map<String, TreeMap<String, Contribution>> contributions = new HashMap<>();
  /** Running sums by "user SEP signal SEP scope", so an all-time sum costs one look-up. */
  private final Map<String, Long> sums = new HashMap<>();
  /** Running sums by "signal SEP store" over every user's contributions in the scope "store:" + store. */
  private final Map<String, Long> storeTotals = new HashMap<>();
  /** Levels by user. */
  private final Map<String, UserLevel> levels = new HashMap<>();
  /** Awards by "user SEP badge SEP occurrence". */
  private final TreeMap<String, Award> awards = new TreeMap<>();
  /** The same awards by "badge SEP user SEP occurrence". */
  private final TreeMap<String, Award> byBadge = new TreeMap<>();
  /**
   * Every user with a contribution, an award or a level, in order: kept up to date by each change
   * (and undone with it), so that a page of {@code users} is a look-up and a walk of the page.
   */
  private final TreeSet<String> users = new TreeSet<>();

  TrustStore bind(MemoryTransaction tx) {
    return new Bound(tx);
  }

  private static String key(String a, String b, String c) {
    return a + SEP + b + SEP + c;
  }

  private final class Bound implements TrustStore {
    private final MemoryTransaction tx;

    Bound(MemoryTransaction tx) {
      this.tx = tx;
    }

    @Override
    public void putContribution(Contribution c) {
      tx.checkOpen();
      TreeMap<String, Contribution> mine = contributions.computeIfAbsent(c.user(), u -> new TreeMap<>());
      String itemKey = key(c.signal(), c.scope(), c.item());
      Contribution old = mine.put(itemKey, c);
      String sumKey = key(c.user(), c.signal(), c.scope());
      long delta = c.amount() - (old == null ? 0 : old.amount());
      sums.merge(sumKey, delta, Long::sum);
      String storeKey = c.scope().startsWith(STORE) ? c.signal() + SEP + c.scope().substring(STORE.length()) : null;
      if (storeKey != null) {
        storeTotals.merge(storeKey, delta, Long::sum);
      }
      tx.onRollback(() -> {
        if (old == null) {
          mine.remove(itemKey);
        } else {
          mine.put(itemKey, old);
        }
        sums.merge(sumKey, -delta, Long::sum);
        if (storeKey != null) {
          storeTotals.merge(storeKey, -delta, Long::sum);
        }
      });
      index(c.user());
    }

    /**
     * Brings the user's place in {@link #users} up to date after a change of theirs: listed while
     * they have a contribution, an award or a level. A change of the index is undone with the rest.
     */
    private void index(String user) {
      TreeMap<String, Contribution> mine = contributions.get(user);
      boolean known = (mine != null && !mine.isEmpty()) || levels.containsKey(user)
          || !awards.subMap(user + SEP, true, user + SEP + END, false).isEmpty();
      if (known ? users.add(user) : users.remove(user)) {
        tx.onRollback(() -> {
          if (known) {
            users.remove(user);
          } else {
            users.add(user);
          }
        });
      }
    }

    @Override
    public long storeTotal(String signal, String store) {
      tx.checkOpen();
      return storeTotals.getOrDefault(signal + SEP + store, 0L);
    }

    @Override
    public boolean putContributionIfAbsent(Contribution c) {
      tx.checkOpen();
      TreeMap<String, Contribution> mine = contributions.get(c.user());
      if (mine != null && mine.containsKey(key(c.signal(), c.scope(), c.item()))) {
        return false;
      }
      putContribution(c);
      return true;
    }

    @Override
    public long sum(String user, String signal, String scope, @Nullable Instant since) {
      tx.checkOpen();
      if (since == null) {
        return sums.getOrDefault(key(user, signal, scope), 0L);
      }
      long total = 0;
      for (Contribution c : range(user, signal, scope).values()) {
        if (!c.at().isBefore(since)) {
          total += c.amount();
        }
      }
      return total;
    }

    @Override
    public Optional<Instant> earliest(String user, String signal, String scope) {
      tx.checkOpen();
      return range(user, signal, scope).values().stream().map(Contribution::at).min(Instant::compareTo);
    }

    private NavigableMap<String, Contribution> range(String user, String signal, String scope) {
      TreeMap<String, Contribution> mine = contributions.get(user);
      if (mine == null) {
        return new TreeMap<>();
      }
      String prefix = signal + SEP + scope + SEP;
      return mine.subMap(prefix, true, prefix + END, false);
    }

    @Override
    public List<Contribution> contributions(String user, @Nullable Contribution after, int limit) {
      tx.checkOpen();
      Listings.checkLimit(limit);
      TreeMap<String, Contribution> mine = contributions.get(user);
      if (mine == null) {
        return List.of();
      }
      NavigableMap<String, Contribution> tail =
          after == null ? mine : mine.tailMap(key(after.signal(), after.scope(), after.item()), false);
      return tail.values().stream().limit(limit).toList();
    }

    @Override
    public boolean activate(Award award, Instant now) {
      tx.checkOpen();
      String k = key(award.user(), award.badge(), award.occurrence());
      Award old = awards.get(k);
      if (old != null && old.heldAt(now)) {
        return false;
      }
      put(k, award, old);
      return true;
    }

    private void put(String k, Award award, @Nullable Award old) {
      String b = key(award.badge(), award.user(), award.occurrence());
      awards.put(k, award);
      byBadge.put(b, award);
      tx.onRollback(() -> {
        if (old == null) {
          awards.remove(k);
          byBadge.remove(b);
        } else {
          awards.put(k, old);
          byBadge.put(b, old);
        }
      });
      index(award.user());
    }

    @Override
    public boolean revoke(String user, String badge, String occurrence, Instant at, String reason) {
      tx.checkOpen();
      String k = key(user, badge, occurrence);
      Award old = awards.get(k);
      if (old == null || old.revokedAt() != null) {
        return false;
      }
      put(k, new Award(old.user(), old.badge(), old.occurrence(), old.granted(), old.awardedAt(), old.evidence(),
          old.grantedBy(), old.expiresAt(), at, reason), old);
      return true;
    }

    @Override
    public Optional<Award> find(String user, String badge, String occurrence) {
      tx.checkOpen();
      return Optional.ofNullable(awards.get(key(user, badge, occurrence)));
    }

    @Override
    public List<Award> heldBy(String user, Instant now, @Nullable Award after, int limit) {
      tx.checkOpen();
      Listings.checkLimit(limit);
      String from = after == null ? user + SEP : key(user, after.badge(), after.occurrence());
      return held(awards.subMap(from, after == null, user + SEP + END, false), now, limit);
    }

    @Override
    public List<Award> holders(String badge, Instant now, @Nullable Award after, int limit) {
      tx.checkOpen();
      Listings.checkLimit(limit);
      String from = after == null ? badge + SEP : key(badge, after.user(), after.occurrence());
      return held(byBadge.subMap(from, after == null, badge + SEP + END, false), now, limit);
    }

    private List<Award> held(NavigableMap<String, Award> range, Instant now, int limit) {
      List<Award> found = new ArrayList<>();
      for (Award a : range.values()) {
        if (found.size() == limit) {
          break;
        }
        if (a.heldAt(now)) {
          found.add(a);
        }
      }
      return found;
    }

    @Override
    public List<String> users(@Nullable String after, int limit) {
      tx.checkOpen();
      Listings.checkLimit(limit);
      List<String> page = new ArrayList<>(Math.min(limit, users.size()));
      for (String user : after == null ? users : users.tailSet(after, false)) {
        if (page.size() == limit) {
          break;
        }
        page.add(user);
      }
      return page;
    }

    @Override
    public List<Award> awardsOf(String user) {
      tx.checkOpen();
      return List.copyOf(awards.subMap(user + SEP, true, user + SEP + END, false).values());
    }

    @Override
    public Optional<UserLevel> level(String user) {
      tx.checkOpen();
      return Optional.ofNullable(levels.get(user));
    }

    @Override
    public boolean changeLevel(String user, int from, int to, Instant at) {
      tx.checkOpen();
      UserLevel old = levels.get(user);
      if ((old == null ? 0 : old.earned()) != from) {
        return false;
      }
      putLevel(user, old == null
          ? new UserLevel(user, to, null, null, null, at)
          : new UserLevel(user, to, old.grantedBy(), old.grantReason(), old.grantedAt(), at));
      return true;
    }

    @Override
    public boolean grantTopLevel(String user, String grantedBy, String reason, Instant at) {
      tx.checkOpen();
      UserLevel old = levels.get(user);
      if (old != null && old.grantedBy() != null) {
        return false;
      }
      putLevel(user, new UserLevel(user, old == null ? 0 : old.earned(), grantedBy, reason, at, at));
      return true;
    }

    @Override
    public boolean revokeTopLevel(String user, Instant at) {
      tx.checkOpen();
      UserLevel old = levels.get(user);
      if (old == null || old.grantedBy() == null) {
        return false;
      }
      putLevel(user, new UserLevel(user, old.earned(), null, null, null, at));
      return true;
    }

    private void putLevel(String user, @Nullable UserLevel level) {
      UserLevel old = level == null ? levels.remove(user) : levels.put(user, level);
      tx.onRollback(() -> {
        if (old == null) {
          levels.remove(user);
        } else {
          levels.put(user, old);
        }
      });
      index(user);
    }

    @Override
    public int eraseUser(String user) {
      tx.checkOpen();
      int deleted = 0;
      TreeMap<String, Contribution> mine = contributions.get(user);
      if (mine != null) {
        for (Contribution c : List.copyOf(mine.values())) {
          putContribution(new Contribution(c.user(), c.signal(), c.scope(), c.item(), 0, c.at()));
        }
        deleted += mine.size();
        TreeMap<String, Contribution> removed = new TreeMap<>(mine);
        mine.clear();
        tx.onRollback(() -> mine.putAll(removed));
      }
      for (Award a : awardsOf(user)) {
        String k = key(a.user(), a.badge(), a.occurrence());
        String b = key(a.badge(), a.user(), a.occurrence());
        awards.remove(k);
        byBadge.remove(b);
        tx.onRollback(() -> {
          awards.put(k, a);
          byBadge.put(b, a);
        });
        deleted++;
      }
      if (levels.containsKey(user)) {
        putLevel(user, null);
        deleted++;
      }
      index(user);
      return deleted;
    }
  }
}
