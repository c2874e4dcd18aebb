package dev.meadow.trust;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A badge a user holds now.
 *
 * @param user the holder
 * @param badgeId the badge
 * @param subject {@code ""} for a badge held once, or the subject of a repeatable one, such as
 *     {@code product:p-1} or {@code domain:linen}
 * @param granted whether the shop granted it (otherwise a rule earned it)
 * @param awardedAt when it was awarded
 * @param evidence what the shop based a grant on, or {@code null}
 * @param grantedBy who granted it, or {@code null}
 * @param expiresAt when a grant lapses, or {@code null}
 */
public record HeldBadge(UserId user, String badgeId, String subject, boolean granted, Instant awardedAt,
    @Nullable String evidence, @Nullable UserId grantedBy, @Nullable Instant expiresAt) {
  public HeldBadge {
    requireNonNull(user, "user");
    requireNonNull(badgeId, "badgeId");
    requireNonNull(subject, "subject");
    requireNonNull(awardedAt, "awardedAt");
  }
}
