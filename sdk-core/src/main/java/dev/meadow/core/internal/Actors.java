package dev.meadow.core.internal;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;

/** Who is asking, as every capability checks it. */
public final class Actors {
  private Actors() {}

  /**
   * Returns the signed-in user behind {@code actor}.
   *
   * @param action what the actor tried, for the refusal: "sign in to {@code action}"
   * @throws PermissionDeniedException for the anonymous visitor
   */
  public static UserId signedIn(Actor actor, String action) {
    return requireNonNull(actor, "actor").user()
        .orElseThrow(() -> new PermissionDeniedException("sign in to " + action));
  }
}
