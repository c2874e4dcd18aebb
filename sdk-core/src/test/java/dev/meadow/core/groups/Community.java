package dev.meadow.core.groups;


import dev.meadow.core.CommentId;
import dev.meadow.core.GroupId;
import dev.meadow.core.Meadow;
import dev.meadow.core.Outage;
import dev.meadow.core.StoreId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.Witness;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.events.PostEvent;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.spi.GroupFilter;
import dev.meadow.core.spi.OutboxMessage;
import dev.meadow.core.spi.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
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
  private final Witness witness;
  private final Set<UserId> users = ConcurrentHashMap.newKeySet();
  private final Outage staffOutage = new Outage();

  private Community(CommunityLimits limits) {
    MemoryStorage storage = MemoryStorage.create();
    witness = new Witness(storage, clock);
    meadow = Meadow.builder()
        .storage(storage)
        .clock(clock)
        .cursorSecret(CURSOR_SECRET)
        .taxonomy(TAXONOMY)
        .labels(LABELS)
        .limits(limits)
        .storeStaff(this::storesOf)
        .listener(witness)
        .build();
    groups = meadow.groups();
    posts = meadow.posts();
    follows = meadow.follows();
    labels = meadow.labels();
  }

  private Set<StoreId> storesOf(UserId user) {
    staffOutage.check();
    return staff.getOrDefault(user, Set.of());
  }

  /** Makes the host's staff directory fail with {@code failure} from now on (null: answer again). */
  void staffFails(@Nullable RuntimeException failure) {
    staffOutage.set(failure);
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
    return witness.heard();
  }

  /** Returns the last event heard. */
  MeadowEvent lastHeard() {
    List<MeadowEvent> heard = witness.heard();
    return heard.get(heard.size() - 1);
  }

  /** Returns every message the outbox holds, oldest first, without changing anything. */
  List<OutboxMessage> outbox() {
    return witness.outbox();
  }

  /**
   * Runs {@code action} and checks that it emitted exactly events of {@code types}, in order: the
   * listeners heard them, the outbox gained them and nothing else, and each reads back from its
   * stored JSON equal to what the listeners heard.
   */
  <T> T emits(ThrowingSupplier<T> action, List<Class<? extends MeadowEvent>> types) {
    return witness.emits(types, action);
  }

  /** Runs {@code action} and checks that it emitted exactly one event, of {@code type}. */
  <T> T emits(Class<? extends MeadowEvent> type, ThrowingSupplier<T> action) {
    return emits(action, List.of(type));
  }

  /** Runs {@code action} and checks that it changed nothing stored and emitted no event. */
  <T> T changesNothing(ThrowingSupplier<T> action) {
    return witness.changesNothing(action, this::stored);
  }

  /**
   * Checks that {@code call} throws {@code type}, emits nothing and leaves everything stored as it
   * was.
   */
  <E extends Throwable> E refuses(Class<E> type, Executable call) {
    return witness.refuses(type, call, this::stored);
  }

  /** Checks that {@code call} is refused as invalid, naming {@code field}, and changes nothing. */
  ValidationException rejects(String field, Executable call) {
    return witness.rejects(field, call, this::stored);
  }

  /** Everything stored that a call could change, read through the storage SPI. */
  Witness.Snapshot stored() {
    List<MeadowEvent> events = witness.outboxEvents();
    return witness.snapshot((tx, world) -> {
      Set<GroupId> groupIds = new TreeSet<>();
      Set<CommentId> commentIds = new TreeSet<>();
      for (MeadowEvent event : events) {
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
        world.put("group " + id, tx.groups().findGroup(id));
        for (MemberStatus status : MemberStatus.values()) {
          tx.groups().listMembers(id, status, null, null, 1000)
              .forEach(m -> users.add(m.userId()));
          world.put("members " + id + " " + status, tx.groups().listMembers(id, status, null, null, 1000));
        }
        world.put("invitations " + id, tx.groups().listInvitations(id, null, 1000));
        world.put("followers " + id, tx.follows().listFollowers(FollowTarget.group(id), null, null, 1000));
        for (Post post : tx.posts().listGroupPosts(id, EnumSet.allOf(ContentState.class), null, 1000)) {
          world.put("post " + post.id(), post);
          world.put("revisions " + post.id(), tx.posts().listRevisions(post.id(), 1000));
          world.put("comments " + post.id(), tx.posts().listComments(post.id(), null, null, 1000));
          targets.add(ReactionTarget.post(post.id()));
        }
      }
      for (CommentId id : commentIds) {
        Comment comment = tx.posts().findComment(id).orElseThrow();
        world.put("comment " + id, comment);
        world.put("replies " + id, tx.posts().listComments(comment.postId(), id, null, 1000));
        targets.add(ReactionTarget.comment(id));
      }
      for (UserId user : new TreeSet<>(users)) {
        world.put("owned " + user, tx.counters().get(Groups.OWNED, user.value()));
        world.put("joined " + user, tx.counters().get(Groups.JOINED, user.value()));
        world.put("labels " + user, tx.labels().findUserLabels(user));
        world.put("followers " + user, tx.follows().listFollowers(FollowTarget.user(user), null, null, 1000));
        for (FollowTarget.Kind kind : FollowTarget.Kind.values()) {
          world.put("following " + kind + " " + user, tx.follows().listFollowing(user, kind, null, null, 1000));
        }
        for (MemberStatus status : MemberStatus.values()) {
          world.put("memberships " + status + " " + user,
              tx.groups().listMemberships(user, status, null, null, 1000));
        }
        world.put("likes " + user, targets.stream().filter(t -> tx.posts().hasReaction(t, user)).toList());
      }
      for (StoreId store : List.of(TEA_SHOP, KNIT_SHOP)) {
        world.put("station " + store, tx.groups().findStation(store));
        world.put("followers " + store, tx.follows().listFollowers(FollowTarget.store(store), null, null, 1000));
      }
      for (String label : LABELS.keys()) {
        world.put("users labelled " + label, tx.labels().listUsersByLabel(label, null, 1000));
        world.put("posts labelled " + label, tx.posts().listPostsByLabel(label, null, 1000));
      }
      world.put("activity", tx.groups().listMostActive(Instant.EPOCH, null, 1000));
      counters(tx, groupIds).forEach(world::put);
    });
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

  private <T> T read(java.util.function.Function<Transaction, T> look) {
    return meadow.storage().inTransaction(look::apply);
  }
}
