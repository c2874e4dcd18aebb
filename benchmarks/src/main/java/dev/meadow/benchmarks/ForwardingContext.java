package dev.meadow.benchmarks;

import dev.meadow.core.Meadow;
import dev.meadow.core.events.EventListener;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.modules.Cursors;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.modules.UnitOfWork;
import dev.meadow.core.privacy.PrivacyParticipant;
import dev.meadow.core.spi.Storage;
import dev.meadow.core.spi.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** A module's context that passes every call on to Meadow's; a subclass overrides what it watches. */
class ForwardingContext implements ModuleContext {
  private final ModuleContext context;

  ForwardingContext(ModuleContext context) {
    this.context = context;
  }

  @Override
  public Meadow meadow() {
    return context.meadow();
  }

  @Override
  public Storage storage() {
    return context.storage();
  }

  @Override
  public Clock clock() {
    return context.clock();
  }

  @Override
  public Instant now() {
    return context.now();
  }

  @Override
  public String newId() {
    return context.newId();
  }

  @Override
  public Cursors cursors() {
    return context.cursors();
  }

  @Override
  public <T> T write(Function<UnitOfWork, T> work) {
    return context.write(work);
  }

  @Override
  public <T> T read(Function<Transaction, T> work) {
    return context.read(work);
  }

  @Override
  public void requireStore(Class<?> storeType) {
    context.requireStore(storeType);
  }

  @Override
  public void requireStore(Class<?> storeType, Storage storage) {
    context.requireStore(storeType, storage);
  }

  @Override
  public void registerEvents(Class<? extends MeadowEvent> family) {
    context.registerEvents(family);
  }

  @Override
  public void addListener(EventListener listener) {
    context.addListener(listener);
  }

  @Override
  public void addPrivacyParticipant(PrivacyParticipant participant) {
    context.addPrivacyParticipant(participant);
  }

  @Override
  public <M> Optional<M> module(Class<M> type) {
    return context.module(type);
  }
}
