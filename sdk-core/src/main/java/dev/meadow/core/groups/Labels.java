package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Actor;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.events.SocialEvent;
import dev.meadow.core.internal.Actors;
import dev.meadow.core.modules.ModuleContext;
import java.util.Collection;
import java.util.List;

/**
 * Style labels users give themselves from the shop's {@link LabelCatalogue}, up to
 * {@link CommunityLimits#labelsPerUser()}. Groups and posts carry labels too; see
 * {@link Groups#discover} and {@link Posts#labelled}.
 *
 * <p>Obtained from {@code Meadow.labels()}; thread-safe.
 */
public final class Labels {
  private final ModuleContext context;
  private final CommunitySettings settings;

  /** Creates the labels service; hosts obtain it from {@code Meadow.labels()}. */
  public Labels(ModuleContext context, CommunitySettings settings) {
    this.context = requireNonNull(context, "context");
    this.settings = requireNonNull(settings, "settings");
  }

  /** Returns the shop's catalogue. */
  public LabelCatalogue catalogue() {
    return settings.labels();
  }

  /**
   * Replaces the labels the actor gives themselves (an empty collection clears them).
   *
   * @return the labels now, sorted
   * @throws dev.meadow.core.PermissionDeniedException for an anonymous visitor
   * @throws dev.meadow.core.ValidationException naming {@code labels} if there are too many or
   *     one is not in the catalogue
   */
  public List<String> assign(Actor actor, Collection<String> labels) {
    requireNonNull(labels, "labels");
    UserId user = Actors.signedIn(requireNonNull(actor, "actor"), "label yourself");
    List<String> keys = settings.labels().check("labels", labels, settings.limits().labelsPerUser());
    return context.write(unit -> {
      if (unit.tx().labels().findUserLabels(user).equals(keys)) {
        return keys;
      }
      unit.tx().labels().replaceUserLabels(user, keys);
      unit.emit(new SocialEvent.LabelsChanged(unit.newEventId(), unit.now(), user, keys));
      return keys;
    });
  }

  /** Returns the labels a user gives themselves, sorted. */
  public List<String> of(UserId user) {
    requireNonNull(user, "user");
    return context.read(tx -> tx.labels().findUserLabels(user));
  }

  /**
   * Lists the users carrying a label.
   *
   * @throws dev.meadow.core.ValidationException naming {@code label} if it is not in the
   *     catalogue, or {@code cursor}
   */
  public Page<UserId> users(String label, PageRequest request) {
    requireNonNull(request, "request");
    String key = settings.labels().check(label);
    String listing = "labels.users:" + key;
    UserId after = context.cursors().position(listing, request, 1, parts -> UserId.of(parts.get(0)));
    List<UserId> rows = context.read(tx -> tx.labels().listUsersByLabel(key, after, request.limit() + 1));
    return context.cursors().page(rows, request.limit(), listing, u -> new String[] {u.value()});
  }
}
