package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.UserId;
import java.time.Instant;

/**
 * Why and by whom a post or comment was removed.
 *
 * @param reason the reason given, plain text
 * @param by who removed it: its author or a moderator
 * @param at when
 */
public record Removal(String reason, UserId by, Instant at) {
  public Removal {
    requireNonNull(reason, "reason");
    requireNonNull(by, "by");
    requireNonNull(at, "at");
  }
}
