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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Storage in the JVM's memory: Meadow's default, for development, tests and demos. Everything
 * is lost when the JVM stops.
 *
 * <p>Transactions are serializable: they run one at a time, and a transaction whose work throws
 * is undone completely before the next one starts, in core's stores and in module stores alike.
 * Thread-safe.
 *
 * <p><b>Module stores.</b> Besides core's stores, a memory storage hands out the stores of every
 * module whose {@link MemoryStoreProvider} it was given, or, with {@link #create()}, found on the
 * classpath through {@link ServiceLoader}.
 */
public final class MemoryStorage implements Storage {
  private final ReentrantLock lock = new ReentrantLock();
  private final MemoryOutboxStore outbox = new MemoryOutboxStore();
  private final MemoryGroupStore groups = new MemoryGroupStore();
  private final MemoryPostStore posts = new MemoryPostStore(groups);
  private final MemoryFollowStore follows = new MemoryFollowStore();
  private final MemoryLabelStore labels = new MemoryLabelStore();
  private final MemoryReviewStore reviews = new MemoryReviewStore(labels);
  private final MemoryReferralStore referrals = new MemoryReferralStore();
  private final MemoryCounterStore counters = new MemoryCounterStore();
  private final Map<Class<?>, MemoryStoreProvider.State<?>> moduleStores;

  private MemoryStorage(Iterable<? extends MemoryStoreProvider<?>> providers) {
    Map<Class<?>, MemoryStoreProvider.State<?>> stores = new LinkedHashMap<>();
    for (MemoryStoreProvider<?> provider : providers) {
      Class<?> type = requireNonNull(provider.storeType(), "storeType() of " + provider);
      if (CORE_STORES.contains(type)) {
        throw new IllegalArgumentException(provider + " supplies " + type.getName() + ", one of core's stores");
      }
      if (stores.putIfAbsent(type, requireNonNull(provider.create(), "create() of " + provider)) != null) {
        throw new IllegalArgumentException("two memory store providers supply " + type.getName());
      }
    }
    this.moduleStores = Map.copyOf(stores);
  }

  /**
   * Returns a new, empty in-memory storage with core's stores and the store of every
   * {@link MemoryStoreProvider} listed on the classpath (in
   * {@code META-INF/services/dev.meadow.core.memory.MemoryStoreProvider}).
   *
   * @throws java.util.ServiceConfigurationError if a listed provider cannot be loaded
   * @throws IllegalArgumentException if two providers supply the same store type
   */
  public static MemoryStorage create() {
    List<MemoryStoreProvider<?>> found = new ArrayList<>();
    for (MemoryStoreProvider<?> provider
        : ServiceLoader.load(MemoryStoreProvider.class, MemoryStorage.class.getClassLoader())) {
      found.add(provider);
    }
    return new MemoryStorage(found);
  }

  /**
   * Returns a new, empty in-memory storage with core's stores and those of exactly
   * {@code providers}, without looking on the classpath.
   *
   * @throws IllegalArgumentException if two providers supply the same store type, or one supplies
   *     a core store
   */
  public static MemoryStorage create(List<? extends MemoryStoreProvider<?>> providers) {
    return new MemoryStorage(List.copyOf(providers));
  }

  @Override
  public boolean provides(Class<?> storeType) {
    return Storage.super.provides(storeType) || moduleStores.containsKey(storeType);
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    requireNonNull(work, "work");
    if (lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("transactions do not nest: inTransaction was called inside another one");
    }
    lock.lock();
    Tx tx = new Tx();
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

  /** The transaction handle; records how to undo each change made through it. */
  final class Tx implements Transaction, MemoryTransaction {
    private final List<Runnable> undo = new ArrayList<>();
    /** The module stores bound so far, made on first use: most transactions use none. */
    private @Nullable Map<Class<?>, Object> bound;
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
    public <S> S store(Class<S> storeType) {
      checkOpen();
      MemoryStoreProvider.State<?> state = moduleStores.get(storeType);
      if (state == null) {
        return Transaction.super.store(storeType);
      }
      if (bound == null) {
        bound = new HashMap<>();
      }
      return storeType.cast(bound.computeIfAbsent(storeType, type -> state.bind(this)));
    }

    @Override
    public void checkOpen() {
      if (!open || !lock.isHeldByCurrentThread()) {
        throw new IllegalStateException("the transaction is over, or used from another thread");
      }
    }

    @Override
    public void onRollback(Runnable action) {
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
