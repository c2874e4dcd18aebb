package dev.meadow.core.memory;

/**
 * Supplies a module's store to {@link MemoryStorage}. A module ships one for each store type it
 * defines and lists it in {@code META-INF/services/dev.meadow.core.memory.MemoryStoreProvider}, so
 * that {@link MemoryStorage#create()} finds it; or the host passes it to
 * {@link MemoryStorage#create(java.util.List)}.
 *
 * <pre>{@code
 * public final class MemoryNoteStores implements MemoryStoreProvider<NoteStore> {
 *   public Class<NoteStore> storeType() { return NoteStore.class; }
 *   public MemoryStoreProvider.State<NoteStore> create() {
 *     Map<String, Note> notes = new HashMap<>();    // one storage's data, guarded by its lock
 *     return tx -> new BoundNoteStore(notes, tx);   // a store bound to one transaction
 *   }
 * }
 * }</pre>
 *
 * @param <S> the store type
 */
public interface MemoryStoreProvider<S> {
  /** Returns the store type this provider supplies, such as the module's {@code NoteStore}. */
  Class<S> storeType();

  /**
   * Returns the empty data of the store for one new {@link MemoryStorage}. The storage calls its
   * {@link State#bind} for every transaction that asks for the store, always under the storage's
   * lock, so the state needs no synchronization of its own.
   */
  State<S> create();

  /**
   * One storage's data of a module store.
   *
   * @param <S> the store type
   */
  @FunctionalInterface
  interface State<S> {
    /**
     * Returns the store bound to {@code tx}: each change it makes registers its undo with
     * {@link MemoryTransaction#onRollback}, and each method first calls
     * {@link MemoryTransaction#checkOpen}.
     */
    S bind(MemoryTransaction tx);
  }
}
