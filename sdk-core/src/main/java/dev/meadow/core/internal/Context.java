package dev.meadow.core.internal;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Meadow;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.EventListener;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.MeadowModule;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.privacy.PrivacyParticipant;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModuleContext} of one {@code Meadow}: what every Meadow service and installed module
 * shares. Thread-safe once built; its set-up methods are open only while modules install.
 */
public final class Context implements ModuleContext {
  private static final Logger log = LoggerFactory.getLogger(Context.class);

  private final Storage storage;
  private final Clock clock;
  private final Ulids ids;
  private final Cursors cursors;
  private final List<EventListener> listeners;
  private final List<PrivacyParticipant> participants = new CopyOnWriteArrayList<>();
  private final Map<Class<?>, Object> modules = new LinkedHashMap<>();
  private @Nullable Meadow meadow;
  /** The module installing now, or null outside installation. */
  private @Nullable MeadowModule<?> installing;

  public Context(Storage storage, Clock clock, Cursors cursors, List<EventListener> listeners) {
    this.storage = requireNonNull(storage, "storage");
    this.clock = requireNonNull(clock, "clock");
    this.ids = Ulids.create(clock);
    this.cursors = requireNonNull(cursors, "cursors");
    this.listeners = new CopyOnWriteArrayList<>(listeners);
  }

  /**
   * Installs {@code module} and records its service.
   *
   * @throws IllegalStateException if a module of the same type is installed, or as the module's
   *     install throws
   */
  public synchronized void install(MeadowModule<?> module) {
    requireNonNull(module, "module");
    Class<?> type = requireNonNull(module.type(), "module.type()");
    if (modules.containsKey(type)) {
      throw new IllegalStateException("a module of type " + type.getName() + " is installed twice");
    }
    installing = module;
    try {
      Object service = requireNonNull(module.install(this), "the service " + type.getSimpleName() + " installed");
      modules.put(type, type.cast(service));
    } finally {
      installing = null;
    }
  }

  /** Records the Meadow this context serves; called once, before any module installs. */
  public synchronized void attach(Meadow meadow) {
    if (this.meadow != null) {
      throw new IllegalStateException("the context already serves a Meadow");
    }
    this.meadow = requireNonNull(meadow, "meadow");
  }

  @Override
  public synchronized Meadow meadow() {
    if (meadow == null) {
      throw new IllegalStateException("the context serves no Meadow yet");
    }
    return meadow;
  }

  /** Returns the service of an installed module, if any. */
  public synchronized <M> Optional<M> installed(Class<M> type) {
    requireNonNull(type, "type");
    return Optional.ofNullable(modules.get(type)).map(type::cast);
  }

  /** Returns the privacy participants of every installed module, in installation order. */
  public List<PrivacyParticipant> privacyParticipants() {
    return List.copyOf(participants);
  }

  @Override
  public Storage storage() {
    return storage;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Cursors cursors() {
    return cursors;
  }

  @Override
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public String newId() {
    return ids.next();
  }

  @Override
  public <T> T write(Function<UnitOfWork, T> work) {
    requireNonNull(work, "work");
    Unit[] committed = new Unit[1];
    T result =
        storage.inTransaction(
            tx -> {
              // A fresh unit per attempt: an adapter may retry after a transient conflict.
              Unit unit = new Unit(tx, now(), ids);
              T value = work.apply(unit);
              committed[0] = unit;
              return value;
            });
    publish(committed[0].events());
    return result;
  }

  @Override
  public <T> T read(Function<Transaction, T> work) {
    requireNonNull(work, "work");
    return storage.inTransaction(work::apply);
  }

  @Override
  public void requireStore(Class<?> storeType) {
    requireStore(storeType, storage);
  }

  @Override
  public synchronized void requireStore(Class<?> storeType, Storage from) {
    requireNonNull(storeType, "storeType");
    requireNonNull(from, "storage");
    MeadowModule<?> module = checkInstalling("requireStore");
    if (!from.provides(storeType)) {
      throw new IllegalStateException("the module " + module.type().getSimpleName() + " needs a "
          + storeType.getSimpleName() + " (" + storeType.getName() + "), which the storage " + from
          + " does not provide: put the module's store for this adapter on the classpath, or use an adapter"
          + " that has one");
    }
  }

  @Override
  public synchronized void registerEvents(Class<? extends MeadowEvent> family) {
    requireNonNull(family, "family");
    checkInstalling("registerEvents");
    EventJson.register(family);
  }

  @Override
  public synchronized void addListener(EventListener listener) {
    requireNonNull(listener, "listener");
    checkInstalling("addListener");
    listeners.add(listener);
  }

  @Override
  public synchronized void addPrivacyParticipant(PrivacyParticipant participant) {
    requireNonNull(participant, "participant");
    checkInstalling("addPrivacyParticipant");
    String section = requireNonNull(participant.section(), "participant.section()");
    if (!section.matches("[a-z][a-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("a privacy section is 1 to 64 lower-case letters, digits and"
          + " underscores, starting with a letter, was '" + section + "'");
    }
    for (PrivacyParticipant other : participants) {
      if (other.section().equals(section)) {
        throw new IllegalArgumentException("the privacy section '" + section + "' is taken by " + other);
      }
    }
    participants.add(participant);
  }

  @Override
  public synchronized <M> Optional<M> module(Class<M> type) {
    return installed(type);
  }

  private MeadowModule<?> checkInstalling(String method) {
    MeadowModule<?> module = installing;
    if (module == null) {
      throw new IllegalStateException(method + " may be called only while a module installs");
    }
    return module;
  }

  private void publish(List<MeadowEvent> events) {
    for (MeadowEvent event : events) {
      for (EventListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn("Event listener {} failed on event {} ({}); the change is committed and the event is in the outbox",
              listener, event.id(), event.type(), e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ModuleContext[" + storage + "]";
  }
}
