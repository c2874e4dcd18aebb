package dev.meadow.core.reviews;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ContentModerator} decided, with its reasons.
 *
 * @param outcome publish, hold for a moderator, or reject
 * @param reasons why, empty for {@link Outcome#PUBLISH}
 */
public record ModerationVerdict(Outcome outcome, List<String> reasons) {
  /** What becomes of a review. */
  public enum Outcome {
    /** Shown at once. */
    PUBLISH,
    /** Waits for a moderator. */
    HOLD,
    /** Refused; its author sees why. */
    REJECT
  }

  /** Publish, no reasons. */
  public static final ModerationVerdict PUBLISH = new ModerationVerdict(Outcome.PUBLISH, List.of());

  public ModerationVerdict {
    requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
  }

  /** Returns a hold for {@code reason}. */
  public static ModerationVerdict hold(String reason) {
    return new ModerationVerdict(Outcome.HOLD, List.of(reason));
  }

  /** Returns a rejection for {@code reason}. */
  public static ModerationVerdict reject(String reason) {
    return new ModerationVerdict(Outcome.REJECT, List.of(reason));
  }

  /** Returns the stricter outcome of the two, with the reasons of both. */
  public ModerationVerdict and(ModerationVerdict other) {
    List<String> all = new ArrayList<>(reasons);
    all.addAll(other.reasons);
    Outcome stricter = outcome.compareTo(other.outcome) >= 0 ? outcome : other.outcome;
    return new ModerationVerdict(stricter, all);
  }
}
