package dev.meadow.core.referrals;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A share link a user made: its code, program, target, channel and audience.
 *
 * @param code the random code in the link
 * @param programId the referral program it earns under
 * @param sharer who shared
 * @param target what it points at
 * @param channel where it was sent
 * @param audience who it is for
 * @param createdAt when it was made
 * @param expiresAt when it stops working, or null if never
 */
public record Share(ShareCode code, String programId, UserId sharer, ShareTarget target, Channel channel,
    Audience audience, Instant createdAt, @Nullable Instant expiresAt) {
  public Share {
    requireNonNull(code, "code");
    requireNonNull(programId, "programId");
    requireNonNull(sharer, "sharer");
    requireNonNull(target, "target");
    requireNonNull(channel, "channel");
    requireNonNull(audience, "audience");
    requireNonNull(createdAt, "createdAt");
  }

  /** Returns whether the link no longer works at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** Returns whether {@code user} (null for an anonymous visitor) may see this share. */
  public boolean visibleTo(@Nullable UserId user) {
    return audience.admits(sharer, user);
  }
}
