package dev.meadow.core;

/** Thrown when an id names nothing that exists, or nothing the caller may see. */
public class NotFoundException extends MeadowException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /**
   * Creates the exception for a missing thing.
   *
   * @param kind what was looked for, such as {@code "group"}
   * @param id the id that was looked for
   */
  public NotFoundException(String kind, String id) {
    super(kind + " not found: " + id);
    this.kind = kind;
    this.id = id;
  }

  /** Returns what was looked for, such as {@code "group"}. */
  public String kind() {
    return kind;
  }

  /** Returns the id that was looked for. */
  public String id() {
    return id;
  }
}
