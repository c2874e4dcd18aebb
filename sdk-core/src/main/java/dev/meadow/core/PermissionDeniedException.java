package dev.meadow.core;

/** Thrown when the acting user may not do what was asked; nothing was changed. */
public class PermissionDeniedException extends MeadowException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(message);
  }
}
