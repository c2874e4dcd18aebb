package dev.meadow.core;

/**
 * Thrown when a request is well formed but clashes with what is stored, such as a slug that is
 * already taken; nothing was changed.
 */
public class ConflictException extends MeadowException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
