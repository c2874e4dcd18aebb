package dev.meadow.trust.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A badge a user holds or held, under its unique key (user, badge, occurrence).
 *
 * @param user the holder
 * @param badge the badge's id
 * @param occurrence {@code ""} for a badge held once, or the subject of a repeatable one (a
 *     product, a store, a group, a domain)
 * @param granted whether the shop granted it (otherwise a rule earned it)
 * @param awardedAt when it was last awarded
 * @param evidence what the shop based a grant on, or {@code null}
 * @param grantedBy who granted it, or {@code null}
 * @param expiresAt when a grant lapses, or {@code null}
 * @param revokedAt when it was revoked, or {@code null} while it is held
 * @param revokedReason why it was revoked, or {@code null}
 */
public record Award(String user, String badge, String occurrence, boolean granted, Instant awardedAt,
    @Nullable String evidence, @Nullable String grantedBy, @Nullable Instant expiresAt, @Nullable Instant revokedAt,
    @Nullable String revokedReason) {
  public Award {
    requireNonNull(user, "user");
    requireNonNull(badge, "badge");
    requireNonNull(occurrence, "occurrence");
    requireNonNull(awardedAt, "awardedAt");
  }

  /** Returns an award a rule earned, held from {@code at}. */
  public static Award earned(String user, String badge, String occurrence, Instant at) {
    return new Award(user, badge, occurrence, false, at, null, null, null, null, null);
  }

  /** Returns whether the award shows at {@code now}: not revoked, and not expired. */
  public boolean heldAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }
}
