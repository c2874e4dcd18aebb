package dev.meadow.core;

import java.util.Optional;

/**
 * Who is asking: a signed-in user ({@link UserId} is an actor) or an anonymous visitor. Every
 * operation that checks permissions takes one, so a host can pass its session's actor straight
 * through and let Meadow answer {@link PermissionDeniedException} where an anonymous visitor may
 * not act.
 */
public sealed interface Actor permits UserId, Actor.Anonymous {
  /** The anonymous visitor: may read what is public, may change nothing. */
  Actor ANONYMOUS = new Anonymous();

  /** Returns the anonymous visitor. */
  static Actor anonymous() {
    return ANONYMOUS;
  }

  /** Returns the signed-in user, or empty for the anonymous visitor. */
  Optional<UserId> user();

  /** The anonymous visitor; use {@link Actor#ANONYMOUS}. */
  final class Anonymous implements Actor {
    private Anonymous() {}

    @Override
    public Optional<UserId> user() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "anonymous";
    }
  }
}
