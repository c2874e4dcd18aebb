package dev.meadow.trust;

import org.jspecify.annotations.Nullable;

/**
 * What one page of {@link Trust#importExisting} did. A page walks items or evaluates users, so
 * either the item counts or the user counts are zero.
 *
 * @param reviews how many existing reviews it recorded the contributions of
 * @param posts how many existing posts it recorded the contributions of
 * @param comments how many existing comments and replies it recorded the contributions of
 * @param users how many users it recomputed, as {@link Trust#backfill} does
 * @param awarded how many badges it awarded
 * @param revoked how many badges it revoked
 * @param nextCursor where the next page starts, or {@code null} when the import is done
 */
public record ImportResult(int reviews, int posts, int comments, int users, int awarded, int revoked,
    @Nullable String nextCursor) {
  /** Returns whether more pages follow. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
