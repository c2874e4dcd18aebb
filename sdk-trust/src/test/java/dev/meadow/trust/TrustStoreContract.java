package dev.meadow.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.spi.Transaction;
import dev.meadow.storage.tck.StorageContract;
import dev.meadow.trust.spi.Award;
import dev.meadow.trust.spi.Contribution;
import dev.meadow.trust.spi.TrustStore;
import dev.meadow.trust.spi.UserLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The trust store's kit: what every adapter's {@link TrustStore} guarantees. An adapter's author
 * nests it beside the core kit (see {@code MemoryTrustStoreTest}).
 */
public abstract class TrustStoreContract extends StorageContract {
  private static final String DROP = "'; DROP TABLE meadow_trust_awards; --";

  private static TrustStore trust(Transaction tx) {
    return tx.store(TrustStore.class);
  }

  private static Contribution c(String user, String signal, String scope, String item, long amount, Instant at) {
    return new Contribution(user, signal, scope, item, amount, at);
  }

  private void put(Contribution... contributions) {
    tx(tx -> {
      for (Contribution c : contributions) {
        trust(tx).putContribution(c);
      }
      return null;
    });
  }

  @Test
  @DisplayName("A signal is the sum of its items' contributions, each item counted once however often it is put")
  void sumCountsEachItemOnce() {
    put(c("ann", "reviews", "", "review:1", 1, T0), c("ann", "reviews", "", "review:2", 1, T0),
        c("ann", "reviews", "", "review:1", 1, T0.plusSeconds(5)), c("bob", "reviews", "", "review:3", 1, T0));
    assertEquals(2L, (long) tx(tx -> trust(tx).sum("ann", "reviews", "", null)));
    put(c("ann", "reviews", "", "review:2", 0, T0));
    assertEquals(1L, (long) tx(tx -> trust(tx).sum("ann", "reviews", "", null)));
    assertEquals(0L, (long) tx(tx -> trust(tx).sum("cat", "reviews", "", null)), "no rows sum to zero");
  }

  @Test
  @DisplayName("Scopes are summed apart, and a sum since a time counts only items at or after it")
  void scopesAndWindows() {
    put(c("ann", "posts", "", "post:1", 1, T0), c("ann", "posts", "group:g", "post:1", 1, T0),
        c("ann", "posts", "", "post:2", 1, T0.plusSeconds(100)));
    assertEquals(2L, (long) tx(tx -> trust(tx).sum("ann", "posts", "", null)));
    assertEquals(1L, (long) tx(tx -> trust(tx).sum("ann", "posts", "group:g", null)));
    assertEquals(1L, (long) tx(tx -> trust(tx).sum("ann", "posts", "", T0.plusSeconds(1))));
    assertEquals(2L, (long) tx(tx -> trust(tx).sum("ann", "posts", "", T0)), "at the bound counts");
    assertEquals(Optional.of(T0), tx(tx -> trust(tx).earliest("ann", "posts", "")));
    assertEquals(Optional.empty(), tx(tx -> trust(tx).earliest("ann", "likes", "")));
  }

  @Test
  @DisplayName("A contribution put if absent is recorded once and never replaced")
  void putIfAbsent() {
    assertTrue(is(tx -> trust(tx).putContributionIfAbsent(c("ann", "first_seen", "", "first_seen", 0, T0))));
    assertFalse(is(tx -> trust(tx).putContributionIfAbsent(
        c("ann", "first_seen", "", "first_seen", 0, T0.plusSeconds(9)))));
    assertEquals(Optional.of(T0), tx(tx -> trust(tx).earliest("ann", "first_seen", "")));
  }

  @Test
  @DisplayName("A user's contributions are listed by signal, scope and item, page after page without repeats")
  void contributionsPage() {
    List<Contribution> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(c("ann", i % 2 == 0 ? "posts" : "comments", i % 3 == 0 ? "" : "group:g", "item:" + i, i, T0));
    }
    put(all.toArray(Contribution[]::new));
    put(c("bob", "posts", "", "item:x", 1, T0));
    List<Contribution> listed = StorageContract.<Contribution>pageThrough(3, (after, limit) -> tx(tx -> trust(tx).contributions("ann", after, limit)));
    assertEquals(all.stream().sorted(java.util.Comparator.comparing(Contribution::signal)
        .thenComparing(Contribution::scope).thenComparing(Contribution::item)).toList(), listed);
  }

  @Test
  @DisplayName("An award is activated once per key: again while held is refused, after revocation or expiry it is renewed")
  void activateOncePerKey() {
    Award award = Award.earned("ann", "first-review", "", T0);
    assertTrue(is(tx -> trust(tx).activate(award, T0)));
    assertFalse(is(tx -> trust(tx).activate(Award.earned("ann", "first-review", "", T0.plusSeconds(1)), T0)));
    assertEquals(award, tx(tx -> trust(tx).find("ann", "first-review", "")).orElseThrow());
    assertTrue(is(tx -> trust(tx).revoke("ann", "first-review", "", T0.plusSeconds(2), "rule")));
    assertFalse(is(tx -> trust(tx).revoke("ann", "first-review", "", T0.plusSeconds(3), "rule")), "revoked already");
    assertEquals("rule", tx(tx -> trust(tx).find("ann", "first-review", "")).orElseThrow().revokedReason());
    assertTrue(is(tx -> trust(tx).activate(Award.earned("ann", "first-review", "", T0.plusSeconds(4)), T0)));
    assertTrue(tx(tx -> trust(tx).find("ann", "first-review", "")).orElseThrow().heldAt(T0.plusSeconds(5)));

    Award grant = new Award("ann", "expert", "domain:linen", true, T0, "evidence", "staff", T0.plusSeconds(10), null, null);
    assertTrue(is(tx -> trust(tx).activate(grant, T0)));
    assertFalse(is(tx -> trust(tx).activate(grant, T0.plusSeconds(9))), "still held before it expires");
    assertTrue(is(tx -> trust(tx).activate(grant, T0.plusSeconds(10))), "renewed once it expired");
    assertFalse(is(tx -> trust(tx).revoke("ann", "none", "", T0, "x")), "no such award");
  }

  @Test
  @DisplayName("Racing activations of one key on real threads make exactly one succeed")
  void activationRace() throws Exception {
    List<Boolean> won = StorageContract.<Boolean>race(8, thread -> is(tx -> trust(tx).activate(
        Award.earned("ann", "top-reviewer", "", T0.plusMillis(thread)), T0)));
    assertEquals(1, won.stream().filter(w -> w).count(), won.toString());
    assertEquals(1, tx(tx -> trust(tx).awardsOf("ann")).size());
  }

  @Test
  @DisplayName("A store's total sums every user's contributions in the store's scope, after replacements, and no other scope's")
  void storeTotals() {
    put(c("ann", "reviews", "store:tea", "review:1", 1, T0), c("bob", "reviews", "store:tea", "review:2", 1, T0),
        c("bob", "reviews", "store:coffee", "review:3", 1, T0), c("bob", "reviews", "product:tea", "review:2", 1, T0),
        c("ann", "reviews", "", "review:1", 1, T0), c("cat", "replies", "store:tea", "review:4", 1, T0));
    assertEquals(2L, (long) tx(tx -> trust(tx).storeTotal("reviews", "tea")));
    assertEquals(1L, (long) tx(tx -> trust(tx).storeTotal("reviews", "coffee")));
    assertEquals(1L, (long) tx(tx -> trust(tx).storeTotal("replies", "tea")));
    put(c("ann", "reviews", "store:tea", "review:1", 0, T0), c("ann", "reviews", "store:tea", "review:1", 0, T0));
    assertEquals(1L, (long) tx(tx -> trust(tx).storeTotal("reviews", "tea")), "a replaced item counts its new amount");
    assertEquals(0L, (long) tx(tx -> trust(tx).storeTotal("reviews", "none")), "nothing sums to zero");
    assertEquals(0L, (long) tx(tx -> trust(tx).storeTotal("reviews", "")), "the empty scope is not a store's");
  }

  @Test
  @DisplayName("Racing writers of one user's signal and one store on real threads leave every running total equal to the sum of its items")
  void totalsRace() throws Exception {
    StorageContract.<Boolean>race(8, thread -> {
      for (int round = 0; round < 5; round++) {
        int amount = round + thread;
        put(c("ann", "helpful_votes", "", "review:" + thread, amount, T0),
            c("ann", "helpful_votes", "", "review:shared", amount, T0),
            c("u" + thread, "reviews", "store:tea", "review:" + thread, round % 2, T0));
      }
      return true;
    });
    long items = 0;
    for (Contribution c : tx(tx -> trust(tx).contributions("ann", null, 100))) {
      items += c.amount();
    }
    assertEquals(9, tx(tx -> trust(tx).contributions("ann", null, 100)).size());
    assertEquals(items, (long) tx(tx -> trust(tx).sum("ann", "helpful_votes", "", null)));
    assertEquals(items, (long) tx(tx -> trust(tx).sum("ann", "helpful_votes", "", T0)), "the total agrees with a scan");
    assertEquals(0L, (long) tx(tx -> trust(tx).storeTotal("reviews", "tea")), "every thread's last round put 0");
  }

  @Test
  @DisplayName("A level changes only from the level stored: a user with none is at 0, and a change from another level is refused")
  void changeLevel() {
    assertTrue(tx(tx -> trust(tx).level("ann")).isEmpty());
    assertFalse(is(tx -> trust(tx).changeLevel("ann", 1, 2, T0)), "ann is at 0");
    assertTrue(is(tx -> trust(tx).changeLevel("ann", 0, 2, T0)));
    assertFalse(is(tx -> trust(tx).changeLevel("ann", 0, 1, T0)), "ann is at 2 now");
    assertTrue(is(tx -> trust(tx).changeLevel("ann", 2, 1, T0.plusSeconds(1))));
    assertEquals(new UserLevel("ann", 1, null, null, null, T0.plusSeconds(1)), tx(tx -> trust(tx).level("ann")).orElseThrow());
    assertTrue(is(tx -> trust(tx).changeLevel("ann", 1, 0, T0.plusSeconds(2))));
    assertEquals(0, tx(tx -> trust(tx).level("ann")).orElseThrow().earned());
  }

  @Test
  @DisplayName("Racing level changes from one level on real threads make exactly one succeed")
  void levelRace() throws Exception {
    List<Boolean> won = StorageContract.<Boolean>race(8, thread -> is(tx -> trust(tx).changeLevel("ann", 0, 1 + thread % 3, T0)));
    assertEquals(1, won.stream().filter(w -> w).count(), won.toString());
    List<Boolean> granted = StorageContract.<Boolean>race(8, thread -> is(tx -> trust(tx).grantTopLevel("bob", "staff" + thread,
        "reason", T0)));
    assertEquals(1, granted.stream().filter(w -> w).count(), granted.toString());
  }

  @Test
  @DisplayName("Level 4 is granted once and revoked once, keeping the earned level beneath it, which may change meanwhile")
  void topLevel() {
    assertTrue(is(tx -> trust(tx).grantTopLevel("ann", "staff", "Moderates the linen group", T0)));
    assertFalse(is(tx -> trust(tx).grantTopLevel("ann", "other", "again", T0.plusSeconds(1))), "granted already");
    UserLevel granted = tx(tx -> trust(tx).level("ann")).orElseThrow();
    assertEquals(new UserLevel("ann", 0, "staff", "Moderates the linen group", T0, T0), granted);
    assertEquals(4, granted.effective());
    assertTrue(is(tx -> trust(tx).changeLevel("ann", 0, 2, T0.plusSeconds(2))));
    assertEquals("staff", tx(tx -> trust(tx).level("ann")).orElseThrow().grantedBy(), "a change keeps the grant");
    assertTrue(is(tx -> trust(tx).revokeTopLevel("ann", T0.plusSeconds(3))));
    assertFalse(is(tx -> trust(tx).revokeTopLevel("ann", T0.plusSeconds(4))), "revoked already");
    assertFalse(is(tx -> trust(tx).revokeTopLevel("bob", T0)), "never granted");
    assertEquals(new UserLevel("ann", 2, null, null, null, T0.plusSeconds(3)), tx(tx -> trust(tx).level("ann")).orElseThrow());
    assertTrue(is(tx -> trust(tx).changeLevel("bob", 0, 1, T0)) && is(tx -> trust(tx).grantTopLevel("bob", "s", "r", T0)));
    assertEquals(1, tx(tx -> trust(tx).level("bob")).orElseThrow().earned());
  }

  @Test
  @DisplayName("A user's held badges and a badge's holders are listed in key order, leaving out revoked and expired ones")
  void listings() {
    tx(tx -> {
      TrustStore s = trust(tx);
      s.activate(Award.earned("ann", "b", "product:2", T0), T0);
      s.activate(Award.earned("ann", "b", "product:1", T0), T0);
      s.activate(Award.earned("ann", "a", "", T0), T0);
      s.activate(Award.earned("ann", "c", "", T0), T0);
      s.revoke("ann", "c", "", T0, "gone");
      s.activate(new Award("ann", "d", "", true, T0, "e", "staff", T0.plusSeconds(1), null, null), T0);
      s.activate(Award.earned("bob", "b", "", T0), T0);
      s.activate(Award.earned("cat", "b", "", T0), T0);
      return null;
    });
    Instant later = T0.plusSeconds(1);
    List<String> mine = StorageContract.<Award>pageThrough(2, (after, limit) -> tx(tx -> trust(tx).heldBy("ann", later, after, limit)))
        .stream().map(a -> a.badge() + "/" + a.occurrence()).toList();
    assertEquals(List.of("a/", "b/product:1", "b/product:2"), mine);
    List<String> holders = StorageContract.<Award>pageThrough(1, (after, limit) -> tx(tx -> trust(tx).holders("b", later, after, limit)))
        .stream().map(a -> a.user() + "/" + a.occurrence()).toList();
    assertEquals(List.of("ann/product:1", "ann/product:2", "bob/", "cat/"), holders);
    assertEquals(1, tx(tx -> trust(tx).heldBy("ann", T0, null, 10)).stream().filter(a -> a.badge().equals("d")).count(),
        "a grant shows until it expires");
  }

  @Test
  @DisplayName("Users with contributions, awards or levels are listed once each, in order, after a given user")
  void users() {
    put(c("bob", "posts", "", "post:1", 1, T0), c("bob", "posts", "", "post:2", 1, T0));
    tx(tx -> trust(tx).activate(Award.earned("ann", "a", "", T0), T0) && trust(tx).activate(Award.earned("cat", "a", "", T0), T0));
    put(c("cat", "posts", "", "post:3", 1, T0));
    tx(tx -> trust(tx).changeLevel("dan", 0, 1, T0));
    assertEquals(List.of("ann", "bob", "cat", "dan"), StorageContract.<String>pageThrough(2, (after, limit) -> tx(tx -> trust(tx).users(after, limit))));
  }

  @Test
  @DisplayName("Erasing a user deletes their contributions, awards and level, takes their share out of stores' totals, and no one else's")
  void erase() {
    put(c("ann", "posts", "", "post:1", 1, T0), c("bob", "posts", "", "post:2", 1, T0),
        c("ann", "reviews", "store:tea", "review:1", 1, T0), c("bob", "reviews", "store:tea", "review:2", 1, T0));
    tx(tx -> trust(tx).activate(Award.earned("ann", "a", "", T0), T0));
    tx(tx -> trust(tx).changeLevel("ann", 0, 1, T0));
    assertEquals(4, (int) tx(tx -> trust(tx).eraseUser("ann")));
    assertEquals(0L, (long) tx(tx -> trust(tx).sum("ann", "posts", "", null)));
    assertEquals(1L, (long) tx(tx -> trust(tx).storeTotal("reviews", "tea")));
    assertTrue(tx(tx -> trust(tx).level("ann")).isEmpty());
    assertTrue(tx(tx -> trust(tx).awardsOf("ann")).isEmpty());
    assertEquals(List.of("bob"), tx(tx -> trust(tx).users(null, 10)));
  }

  @Test
  @DisplayName("A transaction whose work throws leaves the trust store as it found it")
  void rollback() {
    put(c("ann", "posts", "", "post:1", 1, T0));
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      trust(tx).putContribution(c("ann", "posts", "", "post:1", 0, T0));
      trust(tx).putContribution(c("ann", "posts", "", "post:2", 1, T0));
      trust(tx).activate(Award.earned("ann", "a", "", T0), T0);
      trust(tx).putContribution(c("ann", "reviews", "store:tea", "review:1", 1, T0));
      trust(tx).changeLevel("ann", 0, 1, T0);
      trust(tx).grantTopLevel("bob", "staff", "r", T0);
      throw new IllegalStateException("the work fails");
    }));
    assertEquals(1L, (long) tx(tx -> trust(tx).sum("ann", "posts", "", null)));
    assertEquals(0L, (long) tx(tx -> trust(tx).storeTotal("reviews", "tea")));
    assertTrue(tx(tx -> trust(tx).level("ann")).isEmpty());
    assertTrue(tx(tx -> trust(tx).level("bob")).isEmpty());
    assertTrue(tx(tx -> trust(tx).awardsOf("ann")).isEmpty());
    assertEquals(List.of("ann"), tx(tx -> trust(tx).users(null, 10)), "bob's grant is undone, so he is not listed");
  }

  @Test
  @DisplayName("Ids, evidence and reasons shaped like SQL are stored and found as given")
  void hostileValues() {
    Award award = new Award(DROP, DROP, DROP, true, T0, DROP + AWKWARD_TEXT, DROP, null, null, null);
    assertTrue(is(tx -> trust(tx).activate(award, T0)));
    assertEquals(award, tx(tx -> trust(tx).find(DROP, DROP, DROP)).orElseThrow());
    put(c(DROP, DROP, DROP, DROP, 3, T0));
    assertEquals(3L, (long) tx(tx -> trust(tx).sum(DROP, DROP, DROP, null)));
    assertFalse(is(tx -> trust(tx).revoke("' OR '1'='1", DROP, DROP, T0, DROP)));
    put(c(DROP, DROP, "store:" + DROP, DROP, 2, T0));
    assertEquals(2L, (long) tx(tx -> trust(tx).storeTotal(DROP, DROP)));
    assertTrue(is(tx -> trust(tx).grantTopLevel(DROP, DROP, DROP + AWKWARD_TEXT, T0)));
    assertEquals(DROP + AWKWARD_TEXT, tx(tx -> trust(tx).level(DROP)).orElseThrow().grantReason());
  }
}
