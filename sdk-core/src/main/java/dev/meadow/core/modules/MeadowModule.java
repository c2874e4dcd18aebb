package dev.meadow.core.modules;

/**
 * A capability installed into {@code Meadow.builder()}: one Meadow ships as a module of its own,
 * or one a third party writes. Core never names a module; a module brings its own stores, events, migrations and
 * configuration through the {@link ModuleContext} it is given.
 *
 * <pre>{@code
 * Meadow meadow = Meadow.builder()
 *     .storage(storage)
 *     .install(Notes.module())             // a MeadowModule<Notes>
 *     .build();
 * Notes notes = meadow.module(Notes.class);
 * }</pre>
 *
 * <p>{@code Meadow.Builder.build()} calls {@link #install} once for every module, in the order
 * they were installed; a module that needs a store the storage adapter lacks fails there, through
 * {@link ModuleContext#requireStore}, before any work is done. A module object may be installed
 * into several builders; each {@code build()} installs it afresh.
 *
 * @param <T> the service the module hands the host, returned by {@code Meadow.module(Class)}
 */
public interface MeadowModule<T> {
  /** Returns the type the host asks {@code Meadow.module(Class)} for; one module per type. */
  Class<T> type();

  /**
   * Sets the module up for one {@code Meadow} and returns its service. Called once per build,
   * on the building thread; the context's set-up methods ({@link ModuleContext#requireStore},
   * {@link ModuleContext#registerEvents}, {@link ModuleContext#addListener},
   * {@link ModuleContext#addPrivacyParticipant}) may be called only during this call.
   *
   * @throws IllegalStateException if the module cannot run here, such as a store the storage
   *     adapter does not provide
   */
  T install(ModuleContext context);
}
