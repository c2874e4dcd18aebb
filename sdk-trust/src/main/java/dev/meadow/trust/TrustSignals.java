package dev.meadow.trust;

import dev.meadow.core.UserId;

/**
 * Host integration port: the value of a signal only the shop knows (days visited, orders placed)
 * for one user, for badge rules over {@link Signal#host} signals.
 *
 * <pre>{@code
 * TrustSignals signals = (user, signal) -> signal.equals("orders") ? shop.orderCount(user.value()) : 0;
 * }</pre>
 *
 * <p>Signature: {@code double valueOf(UserId user, String signal)}. Called while a badge rule is
 * evaluated (after a Meadow event about the user, in a backfill, or in {@code Trust.evaluate}),
 * inside a Meadow transaction: answer quickly, from state the shop already holds, and be
 * thread-safe. Return 0 for a signal or user you do not know. The shop tells Meadow that a host
 * signal changed by calling {@code Trust.evaluate(user)}.
 */
@FunctionalInterface
public interface TrustSignals {
  /** Knows no host signal: every value is 0, the default. */
  TrustSignals NONE = (user, signal) -> 0;

  /** Returns the value of {@code signal} (a {@link Signal#name()}) for {@code user}; a finite number. */
  double valueOf(UserId user, String signal);
}
