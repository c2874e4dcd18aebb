package dev.meadow.core.internal;

import dev.meadow.core.IntegrationException;
import java.util.function.Supplier;

/**
 * Asks the host's integration ports ({@code PurchaseVerifier}, {@code StoreStaff}, …) and reports
 * their failures uniformly. Meadow asks its ports before it writes, so a failure stores nothing.
 */
public final class HostPorts {
  private HostPorts() {}

  /**
   * Returns what the host's port answered.
   *
   * @param port the port's name, for the message
   * @throws IntegrationException if the port threw or answered {@code null}
   */
  public static <T> T ask(String port, Supplier<T> call) {
    T answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      throw new IntegrationException("the host's " + port + " failed; nothing was stored, try again", e);
    }
    if (answer == null) {
      throw new IntegrationException("the host's " + port + " answered null; nothing was stored", null);
    }
    return answer;
  }
}
