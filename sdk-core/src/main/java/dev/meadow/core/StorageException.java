package dev.meadow.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the storage adapter failed (connection lost, constraint the adapter did not expect);
 * the transaction was rolled back. Adapters wrap their driver's exceptions in this one.
 */
public class StorageException extends MeadowException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
