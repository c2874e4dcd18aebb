package dev.meadow.core.events;

/**
 * Receives Meadow's events after their transaction committed; never for a change that was
 * rolled back.
 *
 * <p>Listeners run on the thread that made the change, after it committed, in the order they
 * were registered. An exception a listener throws is logged and does not reach the caller, whose
 * change has already happened. For delivery that survives a crash, read the outbox instead.
 */
@FunctionalInterface
public interface EventListener {
  /** Called once for each committed event. */
  void onEvent(MeadowEvent event);
}
