package dev.meadow.core.memory;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.spi.CounterStore;
import dev.meadow.core.spi.FollowStore;
import dev.meadow.core.spi.GroupStore;
import dev.meadow.core.spi.LabelStore;
import dev.meadow.core.spi.OutboxStore;
import dev.meadow.core.spi.PostStore;
import dev.meadow.core.spi.ReferralStore;
import dev.meadow.core.spi.ReviewStore;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import dev.meadow.core.spi.TransactionWork;
import dev.meadow.core.spi.WebhookStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Storage in the JVM's memory: Meadow's default, for development, tests and demos. Everything
 * is lost when the JVM stops.
 *
 * <p>Transactions are serializable: they run one at a time, and a transaction whose work throws
 * is undone completely before the next one starts. Thread-safe.
 */
public final class MemoryStorage implements Storage {
  /** The most items one listing returns, as the SPI allows. */
  private static final int MAX_LIMIT = 1000;

  private final ReentrantLock lock = new ReentrantLock();
  private final MemoryOutboxStore outbox = new MemoryOutboxStore();
  private final MemoryGroupStore groups = new MemoryGroupStore();
  private final MemoryPostStore posts = new MemoryPostStore(groups);
  private final MemoryFollowStore follows = new MemoryFollowStore();
  private final MemoryLabelStore labels = new MemoryLabelStore();
  private final MemoryReviewStore reviews = new MemoryReviewStore(labels);
  private final MemoryReferralStore referrals = new MemoryReferralStore();
  private final MemoryCounterStore counters = new MemoryCounterStore();
  private final MemoryWebhookStore webhooks = new MemoryWebhookStore();

  private MemoryStorage() {}

  /** Returns a new, empty in-memory storage. */
  public static MemoryStorage create() {
    return new MemoryStorage();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    requireNonNull(work, "work");
    if (lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("transactions do not nest: inTransaction was called inside another one");
    }
    lock.lock();
    MemoryTransaction tx = new MemoryTransaction();
    try {
      T result = work.execute(tx);
      tx.undo.clear();
      return result;
    } catch (Throwable e) {
      tx.rollback();
      throw e;
    } finally {
      tx.open = false;
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "MemoryStorage";
  }

  /** Checks a listing's limit: 0 to 1,000 items. */
  static void checkLimit(int limit) {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 0 to " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Checks that the two halves of a keyset position are both given or both null. */
  static void checkPosition(@Nullable Object first, @Nullable Object second, String names) {
    if ((first == null) != (second == null)) {
      throw new IllegalArgumentException(names + " are both null or both set");
    }
  }

  /** The transaction handle; records how to undo each change made through it. */
  final class MemoryTransaction implements Transaction {
    private final List<Runnable> undo = new ArrayList<>();
    private boolean open = true;

    @Override
    public OutboxStore outbox() {
      checkOpen();
      return outbox.bind(this);
    }

    @Override
    public GroupStore groups() {
      checkOpen();
      return groups.bind(this);
    }

    @Override
    public PostStore posts() {
      checkOpen();
      return posts.bind(this);
    }

    @Override
    public FollowStore follows() {
      checkOpen();
      return follows.bind(this);
    }

    @Override
    public LabelStore labels() {
      checkOpen();
      return labels.bind(this);
    }

    @Override
    public ReviewStore reviews() {
      checkOpen();
      return reviews.bind(this);
    }

    @Override
    public ReferralStore referrals() {
      checkOpen();
      return referrals.bind(this);
    }

    @Override
    public CounterStore counters() {
      checkOpen();
      return counters.bind(this);
    }

    @Override
    public WebhookStore webhooks() {
      checkOpen();
      return webhooks.bind(this);
    }

    void checkOpen() {
      if (!open || !lock.isHeldByCurrentThread()) {
        throw new IllegalStateException("the transaction is over, or used from another thread");
      }
    }

    void onRollback(Runnable action) {
      undo.add(action);
    }

    private void rollback() {
      for (int i = undo.size() - 1; i >= 0; i--) {
        undo.get(i).run();
      }
      undo.clear();
    }
  }
}
