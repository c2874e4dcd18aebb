package dev.meadow.trust.notice;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.ValidationException;
import dev.meadow.core.reviews.Source;

/**
 * A source the shop imported reviews from, or shows reviews of, named in its notice. Meadow records
 * on each review only that it was {@link Source#IMPORTED} or {@link Source#SYNDICATED}; the names
 * are the shop's own account of where such reviews came from.
 *
 * @param name the source's name as shoppers know it, plain text, 1 to {@value #MAX_NAME} characters
 * @param source {@link Source#IMPORTED} (an earlier system) or {@link Source#SYNDICATED} (another
 *     site sharing reviews)
 */
public record ImportedSource(String name, Source source) {
  /** The longest name. */
  public static final int MAX_NAME = 100;

  /**
   * Checks the source.
   *
   * @throws ValidationException naming {@code name} if it is blank, too long or holds control
   *     characters, or {@code source} if it is neither imported nor syndicated
   */
  public ImportedSource {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    name = PlainText.require("name", name, MAX_NAME);
    if (name.contains("\n") || name.contains("\t")) {
      throw ValidationException.of("name", "malformed", "must be one line");
    }
    if (source != Source.IMPORTED && source != Source.SYNDICATED) {
      throw ValidationException.of("source", "not_imported", "must be IMPORTED or SYNDICATED, was " + source);
    }
  }

  /** Returns a source reviews were imported from. */
  public static ImportedSource imported(String name) {
    return new ImportedSource(name, Source.IMPORTED);
  }

  /** Returns another site whose reviews the shop shows. */
  public static ImportedSource syndicated(String name) {
    return new ImportedSource(name, Source.SYNDICATED);
  }
}
