package dev.meadow.core.modules;

import dev.meadow.core.Meadow;
import dev.meadow.core.events.EventListener;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.privacy.PrivacyParticipant;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one {@code Meadow} hands each module it installs, and what Meadow's own services run on:
 * the storage, the clock, time-ordered ids, the cursor signer, and helpers that run a use-case in
 * one transaction with its events.
 *
 * <pre>{@code
 * public Notes install(ModuleContext context) {
 *   context.requireStore(NoteStore.class);         // fails build() if the adapter lacks it
 *   context.registerEvents(NoteEvent.class);       // listeners, the outbox and EventJson see them
 *   return new Notes(context);
 * }
 *
 * // later, in the module's service:
 * Note note = context.write(work -> {
 *   Note n = new Note(work.newId(), text, work.now());
 *   work.tx().store(NoteStore.class).insert(n);
 *   work.emit(new NoteEvent.Added(work.newEventId(), work.now(), n.id()));
 *   return n;
 * });
 * }</pre>
 *
 * <p><b>Stores from a second adapter.</b> A module whose store needs no transaction shared with
 * core's stores (a feed's timelines in Redis while everything else is in PostgreSQL) may take it
 * from a storage of its own, given to the module's builder; it checks that storage with
 * {@link #requireStore(Class, Storage)} and opens its transactions with that storage's
 * {@link Storage#inTransaction}. Writes to the two storages then commit separately: such a module
 * must keep its second store derivable from the first, or idempotent to redo.
 *
 * <p>The run-time methods ({@link #write}, {@link #read}, {@link #now}, ...) are thread-safe and
 * may be kept for the life of the {@code Meadow}; the set-up methods may be called only while
 * {@link MeadowModule#install} runs, and throw {@link IllegalStateException} afterwards.
 */
public interface ModuleContext {
  /**
   * Returns the {@code Meadow} this module is installed into, for core's services a module builds
   * on (such as {@code meadow.reviews()}). Its own modules may not all be installed yet while
   * {@link MeadowModule#install} runs: use {@link #module} for those.
   */
  Meadow meadow();

  /** Returns the storage adapter this {@code Meadow} was built with. */
  Storage storage();

  /** Returns the clock every Meadow time comes from. */
  Clock clock();

  /** Returns the current time truncated to the millisecond, the precision Meadow stores. */
  Instant now();

  /** Returns a new time-ordered id (26 characters, ULID-style, sorting by creation). */
  String newId();

  /**
   * Returns the codec of paging cursors, signed with the one cursor secret of this {@code Meadow}
   * (set with {@code Meadow.Builder.cursorSecret}), so that a cursor a module issues in one JVM is
   * accepted by every JVM that shares the secret.
   */
  Cursors cursors();

  /**
   * Runs a use-case that changes state: in one transaction of {@link #storage()}, with the events
   * it emits written to the outbox in that transaction and handed to listeners only after it
   * committed. The adapter may run {@code work} more than once after a transient conflict, each
   * time with a fresh {@link UnitOfWork}.
   */
  <T> T write(Function<UnitOfWork, T> work);

  /** Runs a use-case that only reads, or writes without events, in one transaction. */
  <T> T read(Function<Transaction, T> work);

  /**
   * Declares that the module needs {@code storeType} from {@link #storage()}.
   *
   * @throws IllegalStateException naming the store and the adapter if the adapter does not provide
   *     it, or if called after installation
   */
  void requireStore(Class<?> storeType);

  /**
   * Declares that the module needs {@code storeType} from {@code storage}, a second adapter the
   * module was configured with.
   *
   * @throws IllegalStateException naming the store and the adapter if {@code storage} does not
   *     provide it, or if called after installation
   */
  void requireStore(Class<?> storeType, Storage storage);

  /**
   * Registers an event family: a sealed interface extending {@link MeadowEvent} whose records are
   * annotated with {@link dev.meadow.core.events.EventType}. Registered types are written and read
   * by {@link dev.meadow.core.events.EventJson} and listed by its {@code types()}, so listeners,
   * the outbox and whoever reads the outbox carry them. Registering the same family again does nothing.
   *
   * @throws IllegalArgumentException if a record lacks {@code @EventType} or a type name is taken
   *     by another class
   * @throws IllegalStateException if called after installation
   */
  void registerEvents(Class<? extends MeadowEvent> family);

  /**
   * Adds a listener that hears of every committed event of this {@code Meadow}, after the host's
   * own listeners.
   *
   * @throws IllegalStateException if called after installation
   */
  void addListener(EventListener listener);

  /**
   * Adds the module's share of privacy work, so that exporting or erasing one user covers what
   * the module holds.
   *
   * @throws IllegalStateException if called after installation
   */
  void addPrivacyParticipant(PrivacyParticipant participant);

  /** Returns the service of a module installed before this one, if it was installed. */
  <M> Optional<M> module(Class<M> type);
}
