package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An interest group: people with the same taste, sharing what they bought.
 *
 * @param id Meadow's id of the group
 * @param name the display name
 * @param slug the unique, lower-case, URL-safe handle
 * @param description what the group is about, or {@code null}
 * @param owner who owns the group
 * @param memberCount how many members it has, the owner included
 * @param createdAt when it was created
 */
public record Group(
    GroupId id,
    String name,
    String slug,
    @Nullable String description,
    UserId owner,
    long memberCount,
    Instant createdAt) {
  public Group {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(slug, "slug");
    requireNonNull(owner, "owner");
    requireNonNull(createdAt, "createdAt");
  }
}
