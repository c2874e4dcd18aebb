package dev.meadow.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every failure Meadow reports about the data it was given or the state it found.
 *
 * <p>Misuse of the API itself (a {@code null} argument, a builder setter called twice) is reported
 * with the JDK's {@link NullPointerException}, {@link IllegalArgumentException} and
 * {@link IllegalStateException} instead. Catch {@code MeadowException} to map Meadow's outcomes to
 * HTTP answers in one place.
 */
public abstract class MeadowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected MeadowException(String message) {
    super(message);
  }

  protected MeadowException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
