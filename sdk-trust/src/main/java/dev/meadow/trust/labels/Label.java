package dev.meadow.trust.labels;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A disclosure label on a review or post: what it says and the recorded facts it comes from.
 * Obtained from {@link DisclosureLabels}; there is no text to type in, and no way to leave a
 * label out.
 *
 * @param kind what the label says
 * @param evidence the facts behind it, at least one, in the order they were found
 */
public record Label(LabelKind kind, List<Evidence> evidence) {
  /**
   * Checks the label.
   *
   * @throws IllegalArgumentException if there is no evidence
   */
  public Label {
    requireNonNull(kind, "kind");
    evidence = List.copyOf(evidence);
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException("a label needs the fact it comes from");
    }
  }
}
