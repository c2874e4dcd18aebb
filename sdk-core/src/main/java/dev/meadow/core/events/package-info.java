/**
 * Events Meadow emits for every change, and the outbox that keeps them. Register an
 * {@link dev.meadow.core.events.EventListener} on the builder to hear of committed changes in
 * process; read the {@link dev.meadow.core.events.Outbox} to deliver them durably elsewhere.
 * {@link dev.meadow.core.events.EventJson} is their stable JSON form.
 */
@NullMarked
package dev.meadow.core.events;

import org.jspecify.annotations.NullMarked;
