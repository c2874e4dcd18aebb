package dev.meadow.storage.tck;

import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.internal.Ulids;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.TransactionWork;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture of every contract: a fresh, empty storage before each test, and helpers to make
 * valid records.
 */
public abstract class StorageContract {
  /** A fixed instant, to the millisecond, that contract tests start from. */
  protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

  private final Ulids ids = Ulids.create(Clock.fixed(T0, ZoneOffset.UTC));

  /** The storage under test, new for every test. */
  protected Storage storage;

  /**
   * Returns the storage under test. Called before each test; every store must be empty (an
   * adapter over a shared database clears its tables here).
   */
  protected abstract Storage newStorage();

  @BeforeEach
  final void openStorage() {
    storage = newStorage();
  }

  /** Runs {@code work} in one transaction of the storage under test. */
  protected final <T> T tx(TransactionWork<T> work) {
    return storage.inTransaction(work);
  }

  /** Runs {@code work} in one transaction and returns its yes-or-no answer. */
  protected final boolean is(TransactionWork<Boolean> work) {
    return storage.inTransaction(work);
  }

  /** Returns a new, time-ordered id string. */
  protected final String newId() {
    return ids.next();
  }

  /** Returns a new event id, greater than every one returned before. */
  protected final EventId newEventId() {
    return new EventId(ids.next());
  }

  /** Returns an outbox message with the given payload. */
  protected final OutboxMessage message(String payload) {
    return new OutboxMessage(newEventId(), "test.happened", 1, T0, payload);
  }

  /** Returns a group, not yet stored, with no members. */
  protected final Group group(String slug) {
    return new Group(new GroupId(newId()), "Group " + slug, slug, "About " + slug, new UserId("owner-" + slug), 0, T0);
  }

  /** Returns a membership, not yet stored. */
  protected static Membership member(GroupId group, String user, Instant joinedAt) {
    return new Membership(group, new UserId(user), GroupRole.MEMBER, joinedAt);
  }

  /** Runs {@code task} on {@code threads} real threads released together; see {@link Race#run}. */
  protected static <T> List<T> race(int threads, Race.ThreadTask<T> task) throws Exception {
    return Race.run(threads, task);
  }
}
