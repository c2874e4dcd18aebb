package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.GroupId;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ValidationException;
import dev.meadow.core.modules.ModuleContext;
import dev.meadow.core.spi.GroupActivity;
import dev.meadow.core.spi.GroupFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The discovery stage of groups: searching listed groups, and the most active of them lately. */
final class Discovery {
  private final ModuleContext context;
  private final CommunitySettings settings;

  Discovery(ModuleContext context, CommunitySettings settings) {
    this.context = context;
    this.settings = settings;
  }

  Page<Group> discover(GroupSearch search, PageRequest request) {
    requireNonNull(search, "search");
    requireNonNull(request, "request");
    Set<String> categories = search.category() == null
        ? null
        : settings.taxonomy().withDescendants(settings.taxonomy().check("category", search.category()));
    String label = search.label() == null ? null : settings.labels().check(search.label());
    GroupFilter filter = new GroupFilter(categories, label, search.namePrefix());
    // "-" is never a key, and a prefix is marked, so no two searches share a listing name.
    String listing = "group.discover:" + (search.category() == null ? "-" : search.category()) + ":"
        + (label == null ? "-" : label) + ":" + (search.namePrefix() == null ? "-" : "+" + search.namePrefix());
    Group.Key after = context.cursors().position(listing, request, 2, key -> new Group.Key(key.get(0), GroupId.of(key.get(1))));
    List<Group> rows = context.read(tx -> tx.groups().listGroups(filter, after == null ? null : after.nameKey(),
        after == null ? null : after.id(), request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing, g -> new String[] {g.nameKey(), g.id().value()});
  }

  Page<TrendingGroup> trending(Duration window, PageRequest request) {
    requireNonNull(window, "window");
    requireNonNull(request, "request");
    if (window.compareTo(Duration.ofHours(1)) < 0 || window.compareTo(Groups.MAX_TRENDING_WINDOW) > 0) {
      throw ValidationException.of("window", "out_of_range", "must be from 1 hour to 30 days");
    }
    // A cursor keeps the window it started with, so paging across the hour stays consistent.
    String listing = "group.trending:" + window.toSeconds();
    List<String> position = context.cursors().position(listing, request, 3, key -> {
      Instant.ofEpochMilli(Long.parseLong(key.get(0)));
      Long.parseLong(key.get(1));
      GroupId.of(key.get(2));
      return key;
    });
    Instant since = position == null
        ? context.now().minus(window).truncatedTo(ChronoUnit.HOURS)
        : Instant.ofEpochMilli(Long.parseLong(position.get(0)));
    GroupActivity after = position == null
        ? null
        : new GroupActivity(GroupId.of(position.get(2)), Long.parseLong(position.get(1)));
    List<TrendingGroup> rows = context.read(tx -> {
      List<TrendingGroup> trending = new ArrayList<>();
      for (GroupActivity activity : tx.groups().listMostActive(since, after, request.limit() + 1)) {
        tx.groups().findGroup(activity.groupId()).ifPresent(g -> trending.add(new TrendingGroup(g, activity.count())));
      }
      return trending;
    });
    return context.cursors().page(rows, request.limit(), listing,
        t -> new String[] {Long.toString(since.toEpochMilli()), Long.toString(t.activity()), t.group().id().value()});
  }
}
