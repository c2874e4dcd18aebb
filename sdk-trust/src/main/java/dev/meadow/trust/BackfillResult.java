package dev.meadow.trust;

import org.jspecify.annotations.Nullable;

/**
 * What one page of {@link Trust#backfill} did.
 *
 * @param users how many users it recomputed
 * @param awarded how many badges it awarded
 * @param revoked how many badges it revoked
 * @param nextCursor where the next page starts, or {@code null} when every user is done
 */
public record BackfillResult(int users, int awarded, int revoked, @Nullable String nextCursor) {
  /** Returns whether more users follow. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
