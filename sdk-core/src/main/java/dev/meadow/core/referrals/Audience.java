package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a share is for: everyone (a public link), or chosen users (sharing with a few friends), with
 * an optional note to them. A direct share is visible only to its sender and its recipients.
 *
 * @param kind public or direct
 * @param recipients for a direct share, 1 to {@value #MAX_RECIPIENTS} distinct users in the order
 *     given; empty for a public one
 * @param note for a direct share, an optional note of up to {@value #MAX_NOTE} characters
 */
public record Audience(Kind kind, List<UserId> recipients, @Nullable String note) {
  /** The most recipients of one direct share. */
  public static final int MAX_RECIPIENTS = 50;

  /** The longest note. */
  public static final int MAX_NOTE = 500;

  /** Who a share is for. */
  public enum Kind {
    /** Anyone with the link. */
    PUBLIC,
    /** Only the chosen recipients. */
    DIRECT
  }

  /**
   * Checks the audience and cleans the note as user text.
   *
   * @throws ValidationException naming {@code recipients} or {@code note}
   */
  public Audience {
    requireNonNull(kind, "kind");
    requireNonNull(recipients, "recipients");
    List<UserId> distinct = new ArrayList<>(new LinkedHashSet<>(recipients));
    if (kind == Kind.PUBLIC) {
      if (!distinct.isEmpty() || note != null) {
        throw ValidationException.of("recipients", "public", "a public share has no recipients and no note");
      }
    } else {
      if (distinct.isEmpty() || distinct.size() > MAX_RECIPIENTS) {
        throw ValidationException.of("recipients", "count",
            "a direct share goes to 1 to " + MAX_RECIPIENTS + " users, was " + distinct.size());
      }
      note = PlainText.optional("note", note, MAX_NOTE);
    }
    recipients = List.copyOf(distinct);
  }

  /** Returns the audience of a public link. */
  public static Audience everyone() {
    return new Audience(Kind.PUBLIC, List.of(), null);
  }

  /**
   * Returns a direct share to {@code recipients}, with an optional note.
   *
   * @throws ValidationException naming {@code recipients} or {@code note}
   */
  public static Audience direct(List<UserId> recipients, @Nullable String note) {
    return new Audience(Kind.DIRECT, recipients, note);
  }

  /** Returns whether {@code user} may see a share with this audience sent by {@code sharer}. */
  public boolean admits(UserId sharer, @Nullable UserId user) {
    return kind == Kind.PUBLIC || user != null && (user.equals(sharer) || recipients.contains(user));
  }
}
