package dev.meadow.core.internal;

import dev.meadow.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the violations of several fields, so one {@link ValidationException} reports them
 * all.
 */
public final class Violations {
  private final List<ValidationException.Violation> found = new ArrayList<>();

  /**
   * Returns what {@code check} returns for {@code input}, or {@code null} after recording its
   * violations.
   */
  public <A, T> T check(A input, Function<A, T> check) {
    try {
      return check.apply(input);
    } catch (ValidationException e) {
      found.addAll(e.violations());
      return null;
    }
  }

  /** Records a violation. */
  public void add(String field, String code, String message) {
    found.add(new ValidationException.Violation(field, code, message));
  }

  /** Throws one exception holding every recorded violation, if there was any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }
}
