package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An interest group, where people with the same taste share what they bought, or a store
 * station, where a store speaks and its buyers answer.
 *
 * @param id Meadow's id of the group
 * @param name the display name
 * @param slug the unique, lower-case, URL-safe handle; never changes
 * @param description what the group is about, or {@code null}
 * @param rules the group's house rules, or {@code null}
 * @param category the key of its category in the shop's {@link Taxonomy}, or {@code null}
 * @param labels style labels from the shop's {@link LabelCatalogue}, sorted, no duplicates
 * @param visibility who may join and read
 * @param postApproval whether members' posts wait for a moderator before they are published
 * @param store the store this group is the station of, or {@code null} for an interest group
 * @param state whether the group is active or archived
 * @param owner who owns the group
 * @param memberCount how many active members it has, the owner included
 * @param postCount how many published posts it has
 * @param createdAt when it was created
 * @param updatedAt when its settings last changed
 * @param version how many times its settings changed, from 1 at creation
 */
public record Group(
    GroupId id,
    String name,
    String slug,
    @Nullable String description,
    @Nullable String rules,
    @Nullable String category,
    List<String> labels,
    GroupVisibility visibility,
    boolean postApproval,
    @Nullable StoreId store,
    GroupState state,
    UserId owner,
    long memberCount,
    long postCount,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public Group {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(slug, "slug");
    labels = List.copyOf(labels);
    requireNonNull(visibility, "visibility");
    requireNonNull(state, "state");
    requireNonNull(owner, "owner");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  /** Returns whether this group is a store station. */
  public boolean isStation() {
    return store != null;
  }

  /** Returns whether the group accepts joins, posts, comments and reactions. */
  public boolean isActive() {
    return state == GroupState.ACTIVE;
  }

  /** Returns the name as discovery compares it: lower-cased without regard to locale. */
  public String nameKey() {
    return nameKey(name);
  }

  /** Returns {@code text} as discovery compares names: lower-cased without regard to locale. */
  public static String nameKey(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** A group's place in discovery order, as a cursor remembers it. */
  record Key(String nameKey, GroupId id) {}
}
