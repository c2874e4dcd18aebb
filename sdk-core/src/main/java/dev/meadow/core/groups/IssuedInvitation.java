package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

/**
 * A new invitation with its token. The token is shown only here; send it to the people invited
 * (for example in a link) and do not store it: Meadow keeps only its hash.
 *
 * @param invitation the stored invitation
 * @param token the secret that admits to the group: 43 URL-safe characters
 */
public record IssuedInvitation(Invitation invitation, String token) {
  public IssuedInvitation {
    requireNonNull(invitation, "invitation");
    requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "IssuedInvitation[invitation=" + invitation + ", token=(hidden)]";
  }
}
