package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.Follow;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.MemberStatus;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.spi.CounterStore;
import dev.meadow.core.spi.FollowStore;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.LabelStore;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.OutboxStore;
import dev.meadow.core.spi.PostStore;
import dev.meadow.core.spi.Transaction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transaction contract of {@link dev.meadow.core.spi.Storage#inTransaction}. */
public abstract class TransactionContract extends StorageContract {
  private static final Instant HOUR = T0.truncatedTo(ChronoUnit.HOURS);

  @Test
  @DisplayName("A transaction that returns commits every write and returns the work's result")
  void commitKeepsWrites() {
    Group group = group("committed");
    OutboxMessage message = message("{}");
    String result = tx(tx -> {
      tx.groups().insertGroup(group);
      tx.outbox().append(message);
      return "done";
    });
    assertEquals("done", result);
    assertTrue(tx(tx -> tx.groups().findGroup(group.id())).isPresent());
    assertTrue(tx(tx -> tx.outbox().find(message.id())).isPresent());
  }

  @Test
  @DisplayName("A transaction whose work throws leaves nothing behind, in any store")
  void rollbackLeavesNothing() {
    Group existing = group("existing");
    Post existingPost = post(existing.id(), "author");
    tx(tx -> {
      tx.groups().insertGroup(existing);
      tx.posts().insertPost(existingPost);
      return null;
    });
    Group group = group("rolled-back");
    Post post = post(group.id(), "author");
    Comment comment = comment(post, null, "reader");
    FollowTarget followed = FollowTarget.group(group.id());
    UserId user = new UserId("u1");
    OutboxMessage message = message("{\"n\":1}");
    RuntimeException failure = new IllegalStateException("work failed");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> tx(tx -> {
      tx.groups().insertGroup(group);
      tx.groups().insertMembership(member(group.id(), "u1", T0));
      tx.groups().adjustGroupCounts(existing.id(), 5, 1);
      tx.groups().insertMembership(member(existing.id(), "u2", T0));
      tx.groups().insertInvitation(invitation(group.id(), "token-hash", T0.plusSeconds(60), 1));
      tx.groups().addActivity(existing.id(), HOUR, 3);
      tx.posts().insertPost(post);
      tx.posts().adjustPostCounts(existingPost.id(), 1, 1);
      tx.posts().insertComment(comment);
      tx.posts().insertReaction(ReactionTarget.post(existingPost.id()), user, T0);
      tx.follows().insertFollow(new Follow(user, followed, T0));
      tx.labels().replaceUserLabels(user, List.of("oolong"));
      tx.counters().add("groups.joined", "u1", 1);
      tx.outbox().append(message);
      throw failure;
    }));
    assertSame(failure, thrown, "the work's own exception reaches the caller unchanged");
    tx(tx -> {
      assertTrue(tx.groups().findGroup(group.id()).isEmpty());
      assertTrue(tx.groups().findGroupBySlug("rolled-back").isEmpty());
      assertTrue(tx.groups().findMembership(group.id(), user).isEmpty());
      assertTrue(tx.groups().listMembers(existing.id(), MemberStatus.ACTIVE, null, null, 10).isEmpty());
      assertEquals(existing, tx.groups().findGroup(existing.id()).orElseThrow());
      assertTrue(tx.groups().findInvitationByTokenHash("token-hash").isEmpty());
      assertTrue(tx.groups().listMostActive(HOUR, null, 10).isEmpty());
      assertTrue(tx.posts().findPost(post.id()).isEmpty());
      assertEquals(existingPost, tx.posts().findPost(existingPost.id()).orElseThrow());
      assertTrue(tx.posts().findComment(comment.id()).isEmpty());
      assertFalse(tx.posts().hasReaction(ReactionTarget.post(existingPost.id()), user));
      assertTrue(tx.follows().findFollow(user, followed).isEmpty());
      assertTrue(tx.labels().findUserLabels(user).isEmpty());
      assertEquals(0, tx.counters().get("groups.joined", "u1"));
      assertTrue(tx.outbox().find(message.id()).isEmpty());
      return null;
    });
    assertTrue(is(tx -> tx.groups().insertGroup(group)), "the rolled-back slug is free again");
  }

  @Test
  @DisplayName("A rolled-back claim leaves the outbox entry unclaimed")
  void rollbackUndoesClaim() {
    OutboxMessage message = message("{}");
    tx(tx -> {
      tx.outbox().append(message);
      return null;
    });
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      assertEquals(1, tx.outbox().claim(10, T0, java.time.Duration.ofMinutes(1)).size());
      throw new IllegalStateException("delivery aborted");
    }));
    var entry = tx(tx -> tx.outbox().find(message.id())).orElseThrow();
    assertEquals(0, entry.attempts());
    assertEquals(null, entry.leaseToken());
    assertEquals(1, tx(tx -> tx.outbox().claim(10, T0, java.time.Duration.ofMinutes(1))).size());
  }

  @Test
  @DisplayName("Writes are visible to later reads in the same transaction")
  void readYourWrites() {
    Group group = group("visible");
    tx(tx -> {
      assertTrue(tx.groups().insertGroup(group));
      assertTrue(tx.groups().adjustGroupCounts(group.id(), 2, 0));
      assertEquals(2, tx.groups().findGroup(group.id()).orElseThrow().memberCount());
      assertEquals(7, tx.counters().add("c", "k", 7));
      assertEquals(7, tx.counters().get("c", "k"));
      return null;
    });
  }

  @Test
  @DisplayName("Transactions do not nest: inTransaction inside a transaction throws IllegalStateException")
  void nestingIsRefused() {
    Group group = group("outer");
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      tx.groups().insertGroup(group);
      return storage.inTransaction(inner -> inner.groups().findGroup(group.id()));
    }));
    assertTrue(tx(tx -> tx.groups().findGroup(group.id())).isEmpty(), "the outer transaction rolled back");
  }

  @Test
  @DisplayName("A transaction or store used after its work returned throws IllegalStateException")
  void storesDoNotOutliveTheirTransaction() {
    AtomicReference<Transaction> escapedTx = new AtomicReference<>();
    AtomicReference<GroupStore> escapedGroups = new AtomicReference<>();
    AtomicReference<OutboxStore> escapedOutbox = new AtomicReference<>();
    AtomicReference<PostStore> escapedPosts = new AtomicReference<>();
    AtomicReference<FollowStore> escapedFollows = new AtomicReference<>();
    AtomicReference<LabelStore> escapedLabels = new AtomicReference<>();
    AtomicReference<CounterStore> escapedCounters = new AtomicReference<>();
    tx(tx -> {
      escapedTx.set(tx);
      escapedGroups.set(tx.groups());
      escapedOutbox.set(tx.outbox());
      escapedPosts.set(tx.posts());
      escapedFollows.set(tx.follows());
      escapedLabels.set(tx.labels());
      escapedCounters.set(tx.counters());
      return null;
    });
    assertThrows(IllegalStateException.class, () -> escapedTx.get().groups());
    assertThrows(IllegalStateException.class, () -> escapedTx.get().posts());
    assertThrows(IllegalStateException.class, () -> escapedTx.get().follows());
    assertThrows(IllegalStateException.class, () -> escapedTx.get().labels());
    assertThrows(IllegalStateException.class, () -> escapedTx.get().counters());
    assertThrows(IllegalStateException.class, () -> escapedGroups.get().findGroup(new GroupId(newId())));
    assertThrows(IllegalStateException.class, () -> escapedOutbox.get().append(message("{}")));
    assertThrows(IllegalStateException.class, () -> escapedPosts.get().findPost(newPostId()));
    assertThrows(IllegalStateException.class,
        () -> escapedFollows.get().insertFollow(new Follow(new UserId("a"), FollowTarget.user(new UserId("b")), T0)));
    assertThrows(IllegalStateException.class, () -> escapedLabels.get().findUserLabels(new UserId("a")));
    assertThrows(IllegalStateException.class, () -> escapedCounters.get().add("c", "k", 1));
  }

  @Test
  @DisplayName("Concurrent transactions on 8 threads each commit their own writes")
  void concurrentTransactionsCommit() throws Exception {
    List<List<Group>> written = race(8, thread -> {
      List<Group> mine = new java.util.ArrayList<>();
      for (int i = 0; i < 25; i++) {
        Group group = group("t" + thread + "-g" + i);
        assertTrue(is(tx -> tx.groups().insertGroup(group)));
        mine.add(group);
      }
      return mine;
    });
    for (List<Group> groups : written) {
      for (Group group : groups) {
        assertEquals(group, tx(tx -> tx.groups().findGroup(group.id())).orElseThrow());
      }
    }
  }

  @Test
  @DisplayName("A failing transaction on one thread does not disturb a concurrent one")
  void failuresAreIsolated() throws Exception {
    List<Boolean> outcomes = race(8, thread -> {
      Group group = group("iso-" + thread);
      try {
        tx(tx -> {
          tx.groups().insertGroup(group);
          if (thread % 2 == 0) {
            throw new IllegalArgumentException("even threads fail");
          }
          return null;
        });
        return true;
      } catch (IllegalArgumentException expected) {
        return false;
      }
    });
    for (int thread = 0; thread < 8; thread++) {
      boolean committed = outcomes.get(thread);
      assertEquals(thread % 2 != 0, committed);
      String slug = "iso-" + thread;
      assertEquals(committed, tx(tx -> tx.groups().findGroupBySlug(slug)).isPresent());
    }
    assertFalse(outcomes.stream().allMatch(b -> b));
  }
}
