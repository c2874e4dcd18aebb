package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to a group. Meadow keeps only a hash of its token: the token itself is shown once,
 * in the {@link IssuedInvitation} returned when it is created.
 *
 * @param id Meadow's id of the invitation
 * @param groupId the group it admits to
 * @param tokenHash the SHA-256 of the token, lower-case hex
 * @param createdBy the moderator who issued it
 * @param createdAt when
 * @param expiresAt when it stops admitting
 * @param maxUses how many users it may admit: 1 for a single-use invitation
 * @param uses how many it has admitted
 * @param revokedAt when a moderator revoked it, or {@code null}
 */
public record Invitation(
    InvitationId id,
    GroupId groupId,
    String tokenHash,
    UserId createdBy,
    Instant createdAt,
    Instant expiresAt,
    int maxUses,
    int uses,
    @Nullable Instant revokedAt) {
  public Invitation {
    requireNonNull(id, "id");
    requireNonNull(groupId, "groupId");
    requireNonNull(tokenHash, "tokenHash");
    requireNonNull(createdBy, "createdBy");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** Returns whether the invitation still admits a user at {@code now}. */
  public boolean usableAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt) && uses < maxUses;
  }
}
