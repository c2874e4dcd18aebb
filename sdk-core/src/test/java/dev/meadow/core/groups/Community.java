package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meadow.core.CommentId;
import dev.meadow.core.EventId;
import dev.meadow.core.GroupId;
import dev.meadow.core.Meadow;
import dev.meadow.core.StoreId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * One shop's community on the default in-memory storage, as the tests of the community services
 * use it: a clock they move, a host whose store staff they hire and fire, every event the
 * listeners heard, and a snapshot of everything stored, to prove that a refused call changed
 * nothing.
 */
final class Community {
  static final String START = "2026-11-22T10:15:30.123Z";

  /** Food → Tea → Oolong, Food → Coffee, Fashion → Knitwear. */
  static final Taxonomy TAXONOMY = Taxonomy.builder()
      .category("food", "Food")
      .category("tea", "Tea", "food")
      .category("oolong", "Oolong", "tea")
      .category("coffee", "Coffee", "food")
      .category("fashion", "Fashion")
      .category("knitwear", "Knitwear", "fashion")
      .build();

  /** Seven labels: more than a user may give themselves by default. */
  static final LabelCatalogue LABELS = LabelCatalogue.builder()
      .label("minimalist", "Minimalist")
      .label("mori-girl", "Mori girl")
      .label("petite", "Petite")
      .label("vintage", "Vintage")
      .label("streetwear", "Streetwear")
      .label("cottagecore", "Cottagecore")
      .label("y2k", "Y2K")
      .build();

  /** A well-formed Meadow id that names nothing. */
  static final String UNKNOWN = "01JD5Z8Y0Q3E4N6V7W8X9Y0Z1A";

  /** The secret that signs this community's cursors, known to tests that forge them. */
  static final byte[] CURSOR_SECRET = "community-test-cursor-secret-32b".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  static final StoreId TEA_SHOP = StoreId.of("lantern-tea");
  static final StoreId KNIT_SHOP = StoreId.of("wool-and-co");

  final TestClock clock = TestClock.at(START);
  final Meadow meadow;
  final Groups groups;
  final Posts posts;
  final Follows follows;
  final Labels labels;

  private final Map<UserId, Set<StoreId>> staff = new ConcurrentHashMap<>();
  private final List<MeadowEvent> heard = new CopyOnWriteArrayList<>();
  private final Set<UserId> users = ConcurrentHashMap.newKeySet();
  /** Outbox events read once, so that snapshots stay cheap. */
  private final Map<EventId, MeadowEvent> parsed = new ConcurrentHashMap<>();

  private Community(CommunityLimits limits) {
    meadow = Meadow.builder()
        .storage(MemoryStorage.create())
        .clock(clock)
        .cursorSecret(CURSOR_SECRET)
        .taxonomy(TAXONOMY)
        .labels(LABELS)
        .limits(limits)
        .storeStaff(user -> staff.getOrDefault(user, Set.of()))
        .listener(heard::add)
        .build();
    groups = meadow.groups();
    posts = meadow.posts();
    follows = meadow.follows();
    labels = meadow.labels();
  }

  /** Returns a community with the default limits. */
  static Community create() {
    return new Community(CommunityLimits.defaults());
  }

  /** Returns a community with other limits. */
  static Community withLimits(CommunityLimits limits) {
    return new Community(limits);
  }

  /** Returns a user, remembered so that snapshots include what is stored about them. */
  UserId user(String id) {
    UserId user = UserId.of(id);
    users.add(user);
    return user;
  }

  /** Makes the host answer that {@code user} works for {@code stores} (none: a consumer again). */
  UserId hire(UserId user, StoreId... stores) {
    users.add(user);
    staff.put(user, Set.of(stores));
    return user;
  }

  /** Creates a group named after its slug. */
  Group group(UserId owner, String slug, GroupVisibility visibility) {
    return groups.create(owner, GroupDraft.of("Group " + slug, slug).withVisibility(visibility));
  }

  /** Creates a public group named after its slug. */
  Group group(UserId owner, String slug) {
    return group(owner, slug, GroupVisibility.PUBLIC);
  }

  /** Creates a public group with a moderator and members. */
  Group moderatedGroup(UserId owner, String slug, UserId moderator, UserId... members) {
    Group group = group(owner, slug);
    join(group, moderator);
    join(group, members);
    groups.setRole(owner, group.id(), moderator, GroupRole.MODERATOR);
    return reload(group);
  }

  /** Creates a station for a store; {@code owner} must have been hired by it. */
  Group station(UserId owner, StoreId store, String slug) {
    return groups.createStation(owner, store, GroupDraft.of("Station " + slug, slug));
  }

  /** Publishes a post with only a title and a body. */
  Post post(UserId author, Group group, String title) {
    return posts.publish(author, group.id(), PostDraft.of(title, "All about " + title));
  }

  /** Makes users members of a public group, or asks for them to join another. */
  void join(Group group, UserId... members) {
    for (UserId member : members) {
      groups.join(member, group.id());
    }
  }

  /** Returns a group as stored now. */
  Group reload(Group group) {
    return groups.get(group.id());
  }

  /** Returns a post as stored now, whatever its state. */
  Post reload(Post post) {
    return read(tx -> tx.posts().findPost(post.id())).orElseThrow();
  }

  /** Returns a comment as stored now, whatever its state. */
  Comment reload(Comment comment) {
    return read(tx -> tx.posts().findComment(comment.id())).orElseThrow();
  }

  /** Returns an invitation as stored now. */
  Invitation reload(Invitation invitation) {
    return read(tx -> tx.groups().findInvitation(invitation.id())).orElseThrow();
  }

  /** Returns a user's membership of a group; fails if there is none. */
  Membership membership(Group group, UserId user) {
    return groups.membership(user, group.id(), user).orElseThrow(() -> new AssertionError(user + " has no membership"));
  }

  /** Returns the status of a user's membership of a group, or null without one. */
  MemberStatus status(Group group, UserId user) {
    return groups.membership(user, group.id(), user).map(Membership::status).orElse(null);
  }

  /** Returns every event the listeners heard, in order. */
  List<MeadowEvent> heard() {
    return List.copyOf(heard);
  }

  /** Returns the last event heard. */
  MeadowEvent lastHeard() {
    return heard.get(heard.size() - 1);
  }

  /** Returns every message the outbox holds, oldest first, without changing anything. */
  List<OutboxMessage> outbox() {
    List<OutboxMessage> messages = new ArrayList<>();
    peek(tx -> {
      // A claim far in the future sees every pending entry; the rollback undoes it.
      tx.outbox().claim(100_000, clock.instant().plus(Duration.ofDays(3650)), Duration.ofMillis(1))
          .forEach(entry -> messages.add(entry.message()));
      return null;
    });
    return messages;
  }

  /**
   * Runs {@code action} and checks that it emitted exactly events of {@code types}, in order: the
   * listeners heard them, the outbox gained them and nothing else, and each reads back from its
   * stored JSON equal to what the listeners heard.
   */
  <T> T emits(ThrowingSupplier<T> action, List<Class<? extends MeadowEvent>> types) {
    Set<OutboxMessage> before = new LinkedHashSet<>(outbox());
    int heardBefore = heard.size();
    T result;
    try {
      result = action.get();
    } catch (Throwable e) {
      throw new AssertionError("expected " + types + " but the call failed", e);
    }
    List<MeadowEvent> fresh = List.copyOf(heard.subList(heardBefore, heard.size()));
    assertEquals(types, fresh.stream().map(MeadowEvent::getClass).toList(), "events heard");
    List<OutboxMessage> added = outbox().stream().filter(m -> !before.contains(m)).toList();
    assertEquals(fresh, added.stream().map(m -> EventJson.read(m.payload())).toList(),
        "the outbox gained exactly the events heard, and each reads back equal");
    for (OutboxMessage message : added) {
      assertEquals(EventJson.read(message.payload()).type(), message.type());
    }
    return result;
  }

  /** Runs {@code action} and checks that it emitted exactly one event, of {@code type}. */
  <T> T emits(Class<? extends MeadowEvent> type, ThrowingSupplier<T> action) {
    return emits(action, List.of(type));
  }

  /** Runs {@code action} and checks that it changed nothing stored and emitted no event. */
  <T> T changesNothing(ThrowingSupplier<T> action) {
    Stored before = stored();
    int heardBefore = heard.size();
    T result;
    try {
      result = action.get();
    } catch (Throwable e) {
      throw new AssertionError("expected the call to succeed without effect, but it failed", e);
    }
    assertEquals(heardBefore, heard.size(), () -> "no event heard, but heard " + heard.subList(heardBefore, heard.size()));
    before.assertSameAs(stored());
    return result;
  }

  /**
   * Checks that {@code call} throws {@code type}, emits nothing and leaves everything stored as it
   * was.
   */
  <E extends Throwable> E refuses(Class<E> type, Executable call) {
    Stored before = stored();
    int heardBefore = heard.size();
    E thrown = assertThrows(type, call);
    assertEquals(heardBefore, heard.size(), () -> "no event heard, but heard " + heard.subList(heardBefore, heard.size()));
    before.assertSameAs(stored());
    return thrown;
  }

  /** Checks that {@code call} is refused as invalid, naming {@code field}, and changes nothing. */
  ValidationException rejects(String field, Executable call) {
    ValidationException e = refuses(ValidationException.class, call);
    assertTrue(e.names(field), () -> "expected a violation of " + field + ", got: " + e.getMessage());
    return e;
  }

  /** Everything stored that a call could change, read through the storage SPI. */
  Stored stored() {
    List<OutboxMessage> outbox = outbox();
    Map<String, Object> world = new LinkedHashMap<>();
    peek(tx -> {
      Set<GroupId> groupIds = new TreeSet<>();
      Set<CommentId> commentIds = new TreeSet<>();
      for (OutboxMessage message : outbox) {
        MeadowEvent event = parsed.computeIfAbsent(message.id(), id -> EventJson.read(message.payload()));
        if (event instanceof GroupEvent groupEvent) {
          groupIds.add(groupEvent.groupId());
        } else if (event instanceof PostEvent postEvent) {
          groupIds.add(postEvent.groupId());
          if (postEvent instanceof PostEvent.CommentAdded added) {
            commentIds.add(added.commentId());
          }
        }
      }
      tx.groups().listGroups(GroupFilter.all(), null, null, 1000).forEach(g -> groupIds.add(g.id()));
      List<ReactionTarget> targets = new ArrayList<>();
      for (GroupId id : groupIds) {
        put(world, "group " + id, tx.groups().findGroup(id));
        for (MemberStatus status : MemberStatus.values()) {
          tx.groups().listMembers(id, status, null, null, 1000)
              .forEach(m -> users.add(m.userId()));
          put(world, "members " + id + " " + status, tx.groups().listMembers(id, status, null, null, 1000));
        }
        put(world, "invitations " + id, tx.groups().listInvitations(id, null, 1000));
        put(world, "followers " + id, tx.follows().listFollowers(FollowTarget.group(id), null, null, 1000));
        for (Post post : tx.posts().listGroupPosts(id, EnumSet.allOf(ContentState.class), null, 1000)) {
          put(world, "post " + post.id(), post);
          put(world, "revisions " + post.id(), tx.posts().listRevisions(post.id(), 1000));
          put(world, "comments " + post.id(), tx.posts().listComments(post.id(), null, null, 1000));
          targets.add(ReactionTarget.post(post.id()));
        }
      }
      for (CommentId id : commentIds) {
        Comment comment = tx.posts().findComment(id).orElseThrow();
        put(world, "comment " + id, comment);
        put(world, "replies " + id, tx.posts().listComments(comment.postId(), id, null, 1000));
        targets.add(ReactionTarget.comment(id));
      }
      for (UserId user : new TreeSet<>(users)) {
        put(world, "owned " + user, tx.counters().get(Groups.OWNED, user.value()));
        put(world, "joined " + user, tx.counters().get(Groups.JOINED, user.value()));
        put(world, "labels " + user, tx.labels().findUserLabels(user));
        put(world, "followers " + user, tx.follows().listFollowers(FollowTarget.user(user), null, null, 1000));
        for (FollowTarget.Kind kind : FollowTarget.Kind.values()) {
          put(world, "following " + kind + " " + user, tx.follows().listFollowing(user, kind, null, null, 1000));
        }
        for (MemberStatus status : MemberStatus.values()) {
          put(world, "memberships " + status + " " + user,
              tx.groups().listMemberships(user, status, null, null, 1000));
        }
        put(world, "likes " + user, targets.stream().filter(t -> tx.posts().hasReaction(t, user)).toList());
      }
      for (StoreId store : List.of(TEA_SHOP, KNIT_SHOP)) {
        put(world, "station " + store, tx.groups().findStation(store));
        put(world, "followers " + store, tx.follows().listFollowers(FollowTarget.store(store), null, null, 1000));
      }
      for (String label : LABELS.keys()) {
        put(world, "users labelled " + label, tx.labels().listUsersByLabel(label, null, 1000));
        put(world, "posts labelled " + label, tx.posts().listPostsByLabel(label, null, 1000));
      }
      put(world, "activity", tx.groups().listMostActive(Instant.EPOCH, null, 1000));
      counters(tx, groupIds).forEach((key, value) -> put(world, key, value));
      return null;
    });
    return new Stored(outbox, world);
  }

  private Map<String, Long> counters(Transaction tx, Set<GroupId> groupIds) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (GroupId id : groupIds) {
      String key = FollowTarget.Kind.GROUP + ":" + id.value();
      values.put("follower count " + key, tx.counters().get(Follows.FOLLOWERS, key));
    }
    for (UserId user : new TreeSet<>(users)) {
      String key = FollowTarget.Kind.USER + ":" + user.value();
      values.put("follower count " + key, tx.counters().get(Follows.FOLLOWERS, key));
      for (FollowTarget.Kind kind : FollowTarget.Kind.values()) {
        values.put("following count " + kind + " " + user, tx.counters().get(Follows.FOLLOWING, kind + ":" + user.value()));
      }
    }
    return values;
  }

  /**
   * Records one stored value, leaving out what is not there (zero, empty, absent), so that a
   * snapshot does not change because a test names another user who has nothing stored.
   */
  private static void put(Map<String, Object> world, String key, Object value) {
    boolean absent = value instanceof Long number && number == 0
        || value instanceof List<?> list && list.isEmpty()
        || value instanceof java.util.Optional<?> optional && optional.isEmpty();
    if (!absent) {
      world.put(key, value);
    }
  }

  /** Looks at the storage in a transaction that is always rolled back. */
  private void peek(java.util.function.Function<Transaction, Void> look) {
    try {
      meadow.storage().inTransaction(tx -> {
        look.apply(tx);
        throw new Peeked();
      });
    } catch (Peeked expected) {
      // looked without touching
    }
  }

  private <T> T read(java.util.function.Function<Transaction, T> look) {
    return meadow.storage().inTransaction(look::apply);
  }

  /** Thrown to roll back a transaction that only looked. */
  private static final class Peeked extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Everything stored at one moment: the outbox and every row the community services keep. */
  record Stored(List<OutboxMessage> outbox, Map<String, Object> world) {
    /** Fails naming every difference between this moment and {@code later}. */
    void assertSameAs(Stored later) {
      if (equals(later)) {
        return;
      }
      List<String> differences = new ArrayList<>();
      if (!outbox.equals(later.outbox)) {
        differences.add("outbox: " + outbox.size() + " messages became " + later.outbox.size() + ": "
            + later.outbox.stream().filter(m -> !outbox.contains(m)).map(OutboxMessage::type).toList());
      }
      Set<String> keys = new TreeSet<>(world.keySet());
      keys.addAll(later.world.keySet());
      for (String key : keys) {
        if (!Objects.equals(world.get(key), later.world.get(key))) {
          differences.add(key + ": " + world.get(key) + " became " + later.world.get(key));
        }
      }
      fail("stored state changed:\n  " + String.join("\n  ", differences));
    }
  }
}
