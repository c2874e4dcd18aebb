package dev.meadow.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when input is malformed; carries one {@link Violation} per offending field. Nothing was
 * stored.
 */
public class ValidationException extends MeadowException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  /**
   * Creates the exception from at least one violation.
   *
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public ValidationException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  /** Creates the exception for a single field. */
  public static ValidationException of(String field, String code, String message) {
    return new ValidationException(List.of(new Violation(field, code, message)));
  }

  /** Returns the violations, at least one, in the order they were found. */
  public List<Violation> violations() {
    return violations;
  }

  /** Returns whether some violation names {@code field}. */
  public boolean names(String field) {
    requireNonNull(field, "field");
    return violations.stream().anyMatch(v -> v.field().equals(field));
  }

  private static String describe(List<Violation> violations) {
    requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    return violations.stream()
        .map(v -> v.field() + ": " + v.message())
        .collect(Collectors.joining("; "));
  }

  /**
   * One invalid field.
   *
   * @param field the input's name as the caller knows it, such as {@code "title"} or
   *     {@code "mediaUrls[2]"}
   * @param code a stable machine-readable reason, such as {@code "too_long"}
   * @param message a sentence for developers, in English
   */
  public record Violation(String field, String code, String message) {
    public Violation {
      requireNonNull(field, "field");
      requireNonNull(code, "code");
      requireNonNull(message, "message");
    }
  }
}
