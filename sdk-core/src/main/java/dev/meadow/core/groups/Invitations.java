package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.GroupStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The invitation stage of groups: issuing, revoking and listing invitations, and the tokens they carry. */
final class Invitations {
  private static final int TOKEN_BYTES = 32;
  private static final BaseEncoding TOKEN = BaseEncoding.base64Url().omitPadding();

  private final ModuleContext context;
  private final CommunitySettings settings;
  private final SecureRandom random = new SecureRandom();

  Invitations(ModuleContext context, CommunitySettings settings) {
    this.context = context;
    this.settings = settings;
  }

  IssuedInvitation invite(Actor actor, GroupId groupId, Duration validFor, int maxUses) {
    requireNonNull(groupId, "groupId");
    requireNonNull(validFor, "validFor");
    if (validFor.compareTo(Duration.ofMinutes(1)) < 0 || validFor.compareTo(Groups.MAX_INVITATION_VALIDITY) > 0) {
      throw ValidationException.of("validFor", "out_of_range", "must be from 1 minute to 90 days");
    }
    if (maxUses < 1 || maxUses > Groups.MAX_INVITATION_USES) {
      throw ValidationException.of("maxUses", "out_of_range", "must be 1 to " + Groups.MAX_INVITATION_USES);
    }
    Set<StoreId> stores = Access.storesOf(settings, actor);
    byte[] secret = new byte[TOKEN_BYTES];
    random.nextBytes(secret);
    String token = TOKEN.encode(secret);
    return context.write(unit -> {
      Access access = Access.of(unit.tx().groups(), groupId, actor, stores).requireModerator("invite").requireActive();
      UserId by = access.user;
      Invitation invitation = new Invitation(new InvitationId(unit.newId()), groupId, hash(token), by, unit.now(),
          unit.now().plus(validFor), maxUses, 0, null);
      if (!unit.tx().groups().insertInvitation(invitation)) {
        throw new ConflictException("invitation token collision; try again");
      }
      unit.emit(new GroupEvent.InvitationCreated(unit.newEventId(), unit.now(), groupId, invitation.id(), by,
          invitation.expiresAt(), maxUses));
      return new IssuedInvitation(invitation, token);
    });
  }

  boolean revokeInvitation(Actor actor, InvitationId invitationId) {
    requireNonNull(invitationId, "invitationId");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    return context.write(unit -> {
      GroupStore groups = unit.tx().groups();
      Invitation invitation = groups.findInvitation(invitationId)
          .orElseThrow(() -> new NotFoundException("invitation", invitationId.value()));
      Access access = Access.of(groups, invitation.groupId(), actor, stores).requireModerator("revoke invitations");
      if (!groups.revokeInvitation(invitationId, unit.now())) {
        return false;
      }
      unit.emit(new GroupEvent.InvitationRevoked(unit.newEventId(), unit.now(), invitation.groupId(), invitationId,
          access.user));
      return true;
    });
  }

  Page<Invitation> invitations(Actor actor, GroupId groupId, PageRequest request) {
    requireNonNull(groupId, "groupId");
    requireNonNull(request, "request");
    Set<StoreId> stores = Access.storesOf(settings, actor);
    String listing = "group.invitations:" + groupId;
    InvitationId before = context.cursors().position(listing, request, 1, key -> InvitationId.of(key.get(0)));
    List<Invitation> rows = context.read(tx -> {
      Access.of(tx.groups(), groupId, actor, stores).requireModerator("list invitations");
      return tx.groups().listInvitations(groupId, before, request.limit() + 1);
    });
    return context.cursors().page(rows, request.limit(), listing, i -> new String[] {i.id().value()});
  }

  /** Returns the SHA-256 of a token, checking its shape first. */
  static String tokenHash(String token) {
    if (token == null || token.length() != 43 || !TOKEN.canDecode(token)) {
      throw ValidationException.of("token", "malformed_token", "is not an invitation token");
    }
    return hash(token);
  }

  private static String hash(String token) {
    return Hashing.sha256().hashString(token, StandardCharsets.US_ASCII).toString();
  }
}
