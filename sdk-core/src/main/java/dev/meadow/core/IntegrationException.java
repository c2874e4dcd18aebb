package dev.meadow.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when one of the host's integration ports (such as {@code PurchaseVerifier} or
 * {@code StoreStaff}) failed or answered nothing while Meadow asked it; the failure is the cause.
 * Meadow asks before it writes, so nothing was stored and the call may be tried again.
 *
 * <p>Unlike {@link StorageException}, the fault lies with the host's own systems (its order
 * service, its staff directory), not with Meadow's storage.
 */
public class IntegrationException extends MeadowException {
  private static final long serialVersionUID = 1L;

  public IntegrationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
