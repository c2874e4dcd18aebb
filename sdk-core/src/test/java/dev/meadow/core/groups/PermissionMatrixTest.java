package dev.meadow.core.groups;

import static dev.meadow.core.groups.PermissionMatrixTest.Outcome.ALLOWED;
import static dev.meadow.core.groups.PermissionMatrixTest.Outcome.CONFLICT;
import static dev.meadow.core.groups.PermissionMatrixTest.Outcome.DENIED;
import static dev.meadow.core.groups.PermissionMatrixTest.Venue.PUBLIC_GROUP;
import static dev.meadow.core.groups.PermissionMatrixTest.Venue.REQUEST_GROUP;
import static dev.meadow.core.groups.PermissionMatrixTest.Venue.STATION;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.ANONYMOUS;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.BANNED;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.MEMBER;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.MODERATOR;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.NON_MEMBER;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.OWNER;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.PENDING;
import static dev.meadow.core.groups.PermissionMatrixTest.Who.STORE_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.Witness;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may do what: every permission-checked action of the community services, tried by every kind
 * of principal, each cell on a fresh community. A cell is allowed (and then its effect is
 * checked), denied with {@link PermissionDeniedException}, or, where the table says so, a
 * {@link ConflictException}; a refused cell changes nothing stored.
 *
 * <p>The community has three places: an interest group that admits by request, the public station
 * of a tea shop (whose "store staff" principal works for the shop without being a member, and
 * whose owner is the shop's manager), and a public interest group for the reads that differ.
 */
class PermissionMatrixTest {
  /** The kinds of principals, as each place casts them. */
  enum Who {
    ANONYMOUS, NON_MEMBER, PENDING, MEMBER, MODERATOR, OWNER, BANNED, STORE_STAFF;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  enum Venue {
    REQUEST_GROUP("group by request"), STATION("store station"), PUBLIC_GROUP("public group");

    private final String title;

    Venue(String title) {
      this.title = title;
    }
  }

  enum Outcome {
    ALLOWED, DENIED, CONFLICT;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @TestFactory
  Stream<DynamicNode> everyActionByEveryPrincipal() {
    return Arrays.stream(Venue.values()).map(venue -> dynamicContainer(venue.title, rows().stream()
        .filter(row -> row.expected.containsKey(venue))
        .flatMap(row -> Scene.CASTS.get(venue).stream().map(who -> {
          Outcome outcome = row.expected.get(venue).of(who);
          return dynamicTest(row.action + " × " + who + " → " + outcome, () -> run(row, venue, who, outcome));
        }))));
  }

  private static void run(Row row, Venue venue, Who who, Outcome outcome) {
    Scene scene = new Scene();
    Place place = scene.place(venue);
    Actor actor = place.cast.get(who);
    switch (outcome) {
      case DENIED -> scene.c.refuses(PermissionDeniedException.class, () -> row.act.run(scene, place, actor));
      case CONFLICT -> scene.c.refuses(ConflictException.class, () -> row.act.run(scene, place, actor));
      case ALLOWED -> {
        Witness.Snapshot before = scene.c.stored();
        int heard = scene.c.heard().size();
        Object result = row.act.run(scene, place, actor);
        row.effect.check(new Cell(scene, place, who, actor, result, before, heard));
      }
    }
  }

  // ---- the table ----

  private static List<Row> rows() {
    return List.of(
        // Reads
        row("list posts", (s, p, a) -> s.c.posts.list(a, p.group.id(), PageRequest.first(100)),
            shows(p -> List.of(p.notice.id(), p.post.id())),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("get post", (s, p, a) -> s.c.posts.get(a, p.post.id()), shows(p -> List.of(p.post.id())),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("get pending post", (s, p, a) -> s.c.posts.get(a, p.pending.id()), shows(p -> List.of(p.pending.id())),
            in(REQUEST_GROUP, allow(MODERATOR, OWNER))),
        row("list pending posts", (s, p, a) -> s.c.posts.pending(a, p.group.id(), PageRequest.first()),
            shows(p -> p.pending == null ? List.of() : List.of(p.pending.id())),
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators()), in(PUBLIC_GROUP, moderators())),
        row("list members", (s, p, a) -> s.c.groups.members(a, p.group.id(), PageRequest.first(100)),
            c -> {
              List<Object> members = keys(c.result);
              assertTrue(members.containsAll(List.of(p(c).cast(OWNER), p(c).cast(MEMBER))), members::toString);
              assertFalse(members.contains(p(c).cast(BANNED)));
              c.unchanged();
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("list join requests", (s, p, a) -> s.c.groups.members(a, p.group.id(), MemberStatus.PENDING, PageRequest.first()),
            shows(p -> p.cast.containsKey(PENDING) ? List.of(p.cast(PENDING)) : List.of()),
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators()), in(PUBLIC_GROUP, moderators())),
        row("list bans", (s, p, a) -> s.c.groups.members(a, p.group.id(), MemberStatus.BANNED, PageRequest.first()),
            shows(p -> List.of(p.cast(BANNED))),
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators()), in(PUBLIC_GROUP, moderators())),
        row("see a ban", (s, p, a) -> s.c.groups.membership(a, p.group.id(), p.cast(BANNED)),
            c -> {
              boolean privileged = c.is(MODERATOR, OWNER, BANNED) || (c.place.venue == STATION && c.is(STORE_STAFF));
              assertEquals(privileged, ((Optional<?>) c.result).isPresent(),
                  "only the banned user and the moderators see a ban");
              c.unchanged();
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER, BANNED)), in(STATION, everyone()),
            in(PUBLIC_GROUP, everyone())),
        row("list group followers", (s, p, a) -> s.c.follows.followers(a, FollowTarget.group(p.group.id()),
                PageRequest.first()),
            c -> c.unchanged(),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("list comments", (s, p, a) -> s.c.posts.comments(a, p.post.id(), PageRequest.first()),
            shows(p -> List.of(p.comment.id())),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("list replies", (s, p, a) -> s.c.posts.replies(a, p.comment.id(), PageRequest.first()),
            shows(p -> List.of(p.reply.id())),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("get comment", (s, p, a) -> s.c.posts.getComment(a, p.comment.id()), shows(p -> List.of(p.comment.id())),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("list revisions", (s, p, a) -> s.c.posts.revisions(a, p.post.id()), shows(p -> List.of(Scene.FIRST_TITLE)),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("list pinned posts", (s, p, a) -> s.c.posts.pinned(a, p.group.id()), shows(p -> List.of(p.notice.id())),
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, everyone()), in(PUBLIC_GROUP, everyone())),
        row("list invitations", (s, p, a) -> s.c.groups.invitations(a, p.group.id(), PageRequest.first()),
            shows(p -> List.of(p.invitation.invitation().id())),
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators()), in(PUBLIC_GROUP, moderators())),

        // Joining and leaving
        row("join", (s, p, a) -> s.c.groups.join(a, p.group.id()),
            c -> {
              if (c.is(NON_MEMBER, STORE_STAFF)) {
                boolean byRequest = c.place.venue == REQUEST_GROUP;
                assertEquals(byRequest ? JoinResult.REQUESTED : JoinResult.JOINED, c.result);
                assertEquals(byRequest ? MemberStatus.PENDING : MemberStatus.ACTIVE, c.status());
                assertEquals(c.place.group.memberCount() + (byRequest ? 0 : 1), c.group().memberCount());
              } else {
                assertEquals(c.is(PENDING) ? JoinResult.ALREADY_REQUESTED : JoinResult.ALREADY_MEMBER, c.result);
                c.unchanged();
              }
            },
            in(REQUEST_GROUP, allow(NON_MEMBER, PENDING, MEMBER, MODERATOR, OWNER, STORE_STAFF)),
            in(STATION, allow(NON_MEMBER, MEMBER, MODERATOR, OWNER, STORE_STAFF)),
            in(PUBLIC_GROUP, allow(NON_MEMBER, MEMBER, MODERATOR, OWNER, STORE_STAFF))),
        row("join with invitation", (s, p, a) -> s.c.groups.joinWithInvitation(a, p.invitation.token()),
            c -> {
              if (c.is(NON_MEMBER, PENDING, STORE_STAFF)) {
                assertEquals(JoinResult.JOINED, c.result);
                assertEquals(MemberStatus.ACTIVE, c.status());
                assertEquals(c.place.group.memberCount() + 1, c.group().memberCount());
                assertEquals(1, c.scene.c.reload(c.place.invitation.invitation()).uses());
              } else {
                assertEquals(JoinResult.ALREADY_MEMBER, c.result);
                c.unchanged();
              }
            },
            in(REQUEST_GROUP, allow(NON_MEMBER, PENDING, MEMBER, MODERATOR, OWNER, STORE_STAFF)),
            in(STATION, allow(NON_MEMBER, MEMBER, MODERATOR, OWNER, STORE_STAFF))),
        row("leave", (s, p, a) -> s.c.groups.leave(a, p.group.id()),
            c -> {
              if (c.is(MEMBER, MODERATOR, PENDING)) {
                assertEquals(true, c.result);
                assertNull(c.status());
                assertEquals(c.place.group.memberCount() - (c.is(PENDING) ? 0 : 1), c.group().memberCount());
              } else {
                assertEquals(false, c.result);
                c.unchanged();
              }
            },
            in(REQUEST_GROUP, allow(NON_MEMBER, PENDING, MEMBER, MODERATOR, BANNED, STORE_STAFF).conflict(OWNER)),
            in(STATION, allow(NON_MEMBER, MEMBER, MODERATOR, BANNED, STORE_STAFF).conflict(OWNER))),

        // Running the group
        row("update settings",
            (s, p, a) -> s.c.groups.update(a, p.group.id(), GroupSettings.of(p.group).withDescription("Set by " + a)),
            c -> {
              assertEquals("Set by " + c.actor, c.group().description());
              assertEquals(c.place.group.version() + 1, c.group().version());
            },
            in(REQUEST_GROUP, allow(OWNER)), in(STATION, allow(OWNER, STORE_STAFF))),
        row("archive", (s, p, a) -> s.c.groups.archive(a, p.group.id()),
            c -> {
              assertEquals(true, c.result);
              assertEquals(GroupState.ARCHIVED, c.group().state());
            },
            in(REQUEST_GROUP, allow(OWNER)), in(STATION, allow(OWNER, STORE_STAFF))),
        row("invite", (s, p, a) -> s.c.groups.invite(a, p.group.id(), Duration.ofDays(1), 1),
            c -> {
              Invitation issued = c.result(IssuedInvitation.class).invitation();
              assertEquals(c.user(), issued.createdBy());
              assertEquals(issued, c.scene.c.reload(issued));
            },
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators())),
        row("revoke invitation", (s, p, a) -> s.c.groups.revokeInvitation(a, p.invitation.invitation().id()),
            c -> {
              assertEquals(true, c.result);
              assertNotNull(c.scene.c.reload(c.place.invitation.invitation()).revokedAt());
            },
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators())),
        row("approve join request", (s, p, a) -> s.c.groups.approve(a, p.group.id(), p.cast(PENDING)),
            c -> {
              assertEquals(true, c.result);
              assertEquals(MemberStatus.ACTIVE, c.scene.c.status(c.place.group, c.place.cast(PENDING)));
            },
            in(REQUEST_GROUP, moderators())),
        row("reject join request", (s, p, a) -> s.c.groups.reject(a, p.group.id(), p.cast(PENDING)),
            c -> {
              assertEquals(true, c.result);
              assertNull(c.scene.c.status(c.place.group, c.place.cast(PENDING)));
            },
            in(REQUEST_GROUP, moderators())),
        row("ban", (s, p, a) -> s.c.groups.ban(a, p.group.id(), s.wren, "spam"),
            c -> {
              assertEquals(true, c.result);
              assertEquals(MemberStatus.BANNED, c.scene.c.status(c.place.group, c.scene.wren));
              assertEquals(c.place.group.memberCount() - 1, c.group().memberCount());
            },
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators())),
        row("unban", (s, p, a) -> s.c.groups.unban(a, p.group.id(), p.cast(BANNED)),
            c -> {
              assertEquals(true, c.result);
              assertNull(c.scene.c.status(c.place.group, c.place.cast(BANNED)));
            },
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators())),
        row("set role", (s, p, a) -> s.c.groups.setRole(a, p.group.id(), p.cast(MEMBER), GroupRole.MODERATOR),
            c -> {
              assertEquals(true, c.result);
              assertEquals(GroupRole.MODERATOR, c.scene.c.membership(c.place.group, c.place.cast(MEMBER)).role());
            },
            in(REQUEST_GROUP, allow(OWNER)), in(STATION, allow(OWNER))),
        row("transfer ownership", (s, p, a) -> s.c.groups.transferOwnership(a, p.group.id(), p.heir),
            c -> {
              assertEquals(c.place.heir, c.group().owner());
              assertEquals(GroupRole.OWNER, c.scene.c.membership(c.place.group, c.place.heir).role());
              assertEquals(GroupRole.MODERATOR, c.scene.c.membership(c.place.group, c.user()).role());
            },
            in(REQUEST_GROUP, allow(OWNER)), in(STATION, allow(OWNER))),

        // Posts
        row("publish post", (s, p, a) -> s.c.posts.publish(a, p.group.id(), PostDraft.of("Hello", "Hello all")),
            c -> {
              Post post = c.scene.c.reload(c.result(Post.class));
              assertEquals(c.user(), post.author());
              assertEquals(ContentState.PUBLISHED, post.state());
              assertEquals(c.scene.storesOf(c.user()), post.affiliations());
              assertEquals(c.place.group.postCount() + 1, c.group().postCount());
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, allow(OWNER, STORE_STAFF))),
        row("edit post", (s, p, a) -> s.c.posts.edit(a, p.post.id(), PostDraft.of("Edited", "Edited text")),
            c -> {
              assertEquals("Edited", c.scene.c.reload(c.place.post).title());
              assertEquals(2, c.scene.c.posts.revisions(c.actor, c.place.post.id()).size());
            },
            in(REQUEST_GROUP, allow(MEMBER)), in(STATION, allow(OWNER))),
        row("remove post", (s, p, a) -> s.c.posts.remove(a, p.post.id(), "off-topic"),
            c -> {
              Post removed = c.scene.c.reload(c.place.post);
              assertEquals(ContentState.REMOVED, removed.state());
              assertEquals(new Removal("off-topic", c.user(), c.scene.c.clock.instant()), removed.removal());
              assertEquals(c.place.group.postCount() - 1, c.group().postCount());
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, allow(OWNER, MODERATOR, STORE_STAFF))),
        row("approve post", (s, p, a) -> s.c.posts.approve(a, p.pending.id()),
            c -> {
              assertEquals(true, c.result);
              assertEquals(ContentState.PUBLISHED, c.scene.c.reload(c.place.pending).state());
              assertEquals(c.place.group.postCount() + 1, c.group().postCount());
            },
            in(REQUEST_GROUP, moderators())),
        row("pin post", (s, p, a) -> s.c.posts.pin(a, p.post.id(), true),
            c -> {
              assertEquals(true, c.result);
              assertTrue(c.scene.c.reload(c.place.post).pinned());
            },
            in(REQUEST_GROUP, moderators()), in(STATION, stationModerators())),

        // Comments and likes
        row("comment", (s, p, a) -> s.c.posts.comment(a, p.post.id(), "Lovely"),
            c -> {
              Comment comment = c.scene.c.reload(c.result(Comment.class));
              assertEquals(c.user(), comment.author());
              assertEquals(c.scene.storesOf(c.user()), comment.affiliations());
              assertEquals(c.place.post.commentCount() + 1, c.scene.c.reload(c.place.post).commentCount());
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, allow(MEMBER, MODERATOR, OWNER, STORE_STAFF))),
        row("reply", (s, p, a) -> s.c.posts.reply(a, p.comment.id(), "Agreed"),
            c -> {
              Comment reply = c.scene.c.reload(c.result(Comment.class));
              assertEquals(c.place.comment.id(), reply.parentId());
              assertEquals(c.scene.storesOf(c.user()), reply.affiliations());
              assertEquals(c.place.comment.replyCount() + 1, c.scene.c.reload(c.place.comment).replyCount());
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, allow(MEMBER, MODERATOR, OWNER, STORE_STAFF))),
        row("remove comment", (s, p, a) -> s.c.posts.removeComment(a, p.comment.id(), "rude"),
            c -> {
              assertEquals(true, c.result);
              assertEquals(ContentState.REMOVED, c.scene.c.reload(c.place.comment).state());
              assertEquals(c.place.post.commentCount() - 1, c.scene.c.reload(c.place.post).commentCount());
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, allow(MEMBER, MODERATOR, OWNER, STORE_STAFF))),
        row("like post", (s, p, a) -> s.c.posts.like(a, ReactionTarget.post(p.post.id())),
            c -> {
              if (c.is(MEMBER)) {
                assertEquals(false, c.result, "liked in the fixture already");
                c.unchanged();
              } else {
                assertEquals(true, c.result);
                assertEquals(c.place.post.likeCount() + 1, c.scene.c.reload(c.place.post).likeCount());
              }
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, allow(MEMBER, MODERATOR, OWNER, STORE_STAFF))),
        row("unlike post", (s, p, a) -> s.c.posts.unlike(a, ReactionTarget.post(p.post.id())),
            c -> {
              if (c.is(MEMBER, BANNED)) {
                assertEquals(true, c.result, "liked in the fixture; taking a like back is always allowed");
                assertEquals(c.place.post.likeCount() - 1, c.scene.c.reload(c.place.post).likeCount());
              } else {
                assertEquals(false, c.result);
                c.unchanged();
              }
            },
            in(REQUEST_GROUP, signedIn()), in(STATION, signedIn())),

        // Follows
        row("follow group", (s, p, a) -> s.c.follows.follow(a, FollowTarget.group(p.group.id())),
            c -> {
              if (c.is(MEMBER)) {
                assertEquals(false, c.result, "follows in the fixture already");
                c.unchanged();
              } else {
                assertEquals(true, c.result);
                assertTrue(c.scene.c.follows.follows(c.user(), FollowTarget.group(c.place.group.id())));
              }
            },
            in(REQUEST_GROUP, allow(MEMBER, MODERATOR, OWNER)), in(STATION, signedIn()), in(PUBLIC_GROUP, signedIn())),
        row("unfollow group", (s, p, a) -> s.c.follows.unfollow(a, FollowTarget.group(p.group.id())),
            c -> {
              assertEquals(c.is(MEMBER), c.result);
              if (c.is(MEMBER)) {
                assertFalse(c.scene.c.follows.follows(c.user(), FollowTarget.group(c.place.group.id())));
              } else {
                c.unchanged();
              }
            },
            in(REQUEST_GROUP, signedIn()), in(STATION, signedIn())),

        // What belongs to no group
        row("create group", (s, p, a) -> s.c.groups.create(a, GroupDraft.of("Fresh", "fresh")),
            c -> {
              assertEquals(c.user(), c.result(Group.class).owner());
              assertEquals(Set.of(c.user()), Set.copyOf(c.scene.c.groups.members(c.actor, c.result(Group.class).id(),
                  PageRequest.first()).items().stream().map(Membership::userId).toList()));
            },
            in(REQUEST_GROUP, signedIn())),
        row("create station", (s, p, a) -> s.c.groups.createStation(a, Community.KNIT_SHOP, GroupDraft.of("Knits", "knits")),
            c -> assertEquals(c.result(Group.class), c.scene.c.groups.station(Community.KNIT_SHOP).orElseThrow()),
            in(REQUEST_GROUP, allow(STORE_STAFF))),
        row("list own memberships", (s, p, a) -> s.c.groups.memberships(a, PageRequest.first(100)),
            c -> {
              List<Membership> memberships = c.page(Membership.class);
              assertTrue(memberships.stream().allMatch(m -> m.userId().equals(c.user()) && m.isActive()));
              assertEquals(c.is(MEMBER, MODERATOR, OWNER),
                  memberships.stream().anyMatch(m -> m.groupId().equals(c.place.group.id())));
              c.unchanged();
            },
            in(REQUEST_GROUP, signedIn())),
        row("assign labels", (s, p, a) -> s.c.labels.assign(a, List.of("Vintage")),
            c -> assertEquals(List.of("vintage"), c.scene.c.labels.of(c.user())),
            in(REQUEST_GROUP, signedIn())));
  }

  private static Place p(Cell cell) {
    return cell.place;
  }

  /** The effect of a read: it shows what {@code expected} names, by {@link #keys}, and changes nothing. */
  private static Effect shows(java.util.function.Function<Place, List<?>> expected) {
    return cell -> {
      assertEquals(expected.apply(cell.place), keys(cell.result));
      cell.unchanged();
    };
  }

  /** Returns what identifies each item a read returned: ids, member user ids, revision titles. */
  private static List<Object> keys(Object result) {
    List<?> items = result instanceof Page<?> page ? page.items() : result instanceof List<?> list ? list : List.of(result);
    return items.stream().<Object>map(item -> {
      if (item instanceof Post post) {
        return post.id();
      } else if (item instanceof Comment comment) {
        return comment.id();
      } else if (item instanceof Membership membership) {
        return membership.userId();
      } else if (item instanceof Invitation invitation) {
        return invitation.id();
      } else if (item instanceof PostRevision revision) {
        return revision.title();
      }
      throw new AssertionError("no key for " + item);
    }).toList();
  }

  // ---- the table's vocabulary ----

  @FunctionalInterface
  interface Act {
    Object run(Scene scene, Place place, Actor actor);
  }

  @FunctionalInterface
  interface Effect {
    void check(Cell cell);
  }

  private record Row(String action, Act act, Effect effect, Map<Venue, Expect> expected) {}

  private record In(Venue venue, Expect expect) {}

  private static Row row(String action, Act act, Effect effect, In... cells) {
    Map<Venue, Expect> expected = new EnumMap<>(Venue.class);
    for (In cell : cells) {
      expected.put(cell.venue, cell.expect);
    }
    return new Row(action, act, effect, expected);
  }

  private static In in(Venue venue, Expect expect) {
    return new In(venue, expect);
  }

  /** What each principal gets; whoever is not named is denied. */
  private static final class Expect {
    private final Map<Who, Outcome> outcomes = new EnumMap<>(Who.class);

    Outcome of(Who who) {
      return outcomes.getOrDefault(who, DENIED);
    }

    Expect conflict(Who... whos) {
      for (Who who : whos) {
        outcomes.put(who, CONFLICT);
      }
      return this;
    }
  }

  private static Expect allow(Who... whos) {
    Expect expect = new Expect();
    for (Who who : whos) {
      expect.outcomes.put(who, ALLOWED);
    }
    return expect;
  }

  private static Expect everyone() {
    return allow(Who.values());
  }

  private static Expect signedIn() {
    return allow(EnumSet.complementOf(EnumSet.of(ANONYMOUS)).toArray(Who[]::new));
  }

  private static Expect moderators() {
    return allow(MODERATOR, OWNER);
  }

  private static Expect stationModerators() {
    return allow(MODERATOR, OWNER, STORE_STAFF);
  }

  /** One allowed cell, after its call: what the effect check looks at. */
  private record Cell(Scene scene, Place place, Who who, Actor actor, Object result, Witness.Snapshot before,
      int heardBefore) {
    boolean is(Who... whos) {
      return Arrays.asList(whos).contains(who);
    }

    UserId user() {
      return actor.user().orElseThrow();
    }

    <T> T result(Class<T> type) {
      return type.cast(result);
    }

    <T> List<T> page(Class<T> type) {
      return ((Page<?>) result).items().stream().map(type::cast).toList();
    }

    Group group() {
      return scene.c.reload(place.group);
    }

    MemberStatus status() {
      return scene.c.status(place.group, user());
    }

    /** Checks that the call emitted nothing and left everything stored as it was. */
    void unchanged() {
      assertEquals(heardBefore, scene.c.heard().size(), "no event");
      before.assertSameAs(scene.c.stored());
    }
  }

  /** One place of the community, with the content every cell acts on and its cast of principals. */
  record Place(Venue venue, Group group, Post post, Post pending, Post notice, Comment comment, Comment reply,
      IssuedInvitation invitation, UserId heir, Map<Who, Actor> cast) {
    UserId cast(Who who) {
      return cast.get(who).user().orElseThrow();
    }
  }

  /**
   * The community every cell starts from: olga owns the interest groups, xena manages the tea
   * shop and owns its station, mia moderates everywhere, umar is a member who wrote a post and a
   * comment everywhere and likes and follows, wren is another member (the ban target), pia waits
   * to join the group by request, bo liked a post and was banned everywhere, nils is in nothing,
   * and sven works for the tea shop and the knit shop without joining anything.
   */
  static final class Scene {
    static final String FIRST_TITLE = "Morning brew";
    static final Map<Venue, List<Who>> CASTS = Map.of(
        REQUEST_GROUP, List.of(Who.values()),
        STATION, List.of(ANONYMOUS, NON_MEMBER, MEMBER, MODERATOR, OWNER, BANNED, STORE_STAFF),
        PUBLIC_GROUP, List.of(ANONYMOUS, NON_MEMBER, MEMBER, MODERATOR, OWNER, BANNED, STORE_STAFF));

    final Community c = Community.create();
    final UserId olga = c.user("olga");
    final UserId xena = c.hire(c.user("xena"), Community.TEA_SHOP);
    final UserId stella = c.hire(c.user("stella"), Community.TEA_SHOP);
    final UserId mia = c.user("mia");
    final UserId umar = c.user("umar");
    final UserId wren = c.user("wren");
    final UserId pia = c.user("pia");
    final UserId bo = c.user("bo");
    final UserId nils = c.user("nils");
    final UserId sven = c.hire(c.user("sven"), Community.TEA_SHOP, Community.KNIT_SHOP);
    private final Map<Venue, Place> places = new EnumMap<>(Venue.class);

    Scene() {
      places.put(REQUEST_GROUP, interestGroup(REQUEST_GROUP, c.group(olga, "circle", GroupVisibility.REQUEST)));
      places.put(PUBLIC_GROUP, interestGroup(PUBLIC_GROUP, c.group(olga, "square")));
      Group station = c.station(xena, Community.TEA_SHOP, "lantern");
      c.join(station, stella);
      places.put(STATION, furnish(STATION, station, xena, stella, null));
    }

    Place place(Venue venue) {
      return places.get(venue);
    }

    List<StoreId> storesOf(UserId user) {
      return user.equals(sven) ? List.of(Community.TEA_SHOP, Community.KNIT_SHOP)
          : user.equals(xena) || user.equals(stella) ? List.of(Community.TEA_SHOP) : List.of();
    }

    private Place interestGroup(Venue venue, Group group) {
      boolean byRequest = group.visibility() == GroupVisibility.REQUEST;
      Post pending = null;
      if (byRequest) {
        c.join(group, wren);
        c.groups.approve(olga, group.id(), wren);
        c.groups.update(olga, group.id(), GroupSettings.of(group).withPostApproval(true));
        pending = c.post(wren, group, "Awaiting approval");
        c.groups.update(olga, group.id(), GroupSettings.of(c.reload(group)).withPostApproval(false));
        c.join(group, pia);
      }
      return furnish(venue, group, olga, mia, pending);
    }

    /** Adds the members, content, ban, follow and invitation every place has. */
    private Place furnish(Venue venue, Group group, UserId owner, UserId heir, Post pending) {
      for (UserId member : List.of(mia, umar, wren, bo)) {
        if (c.status(group, member) == null) {
          c.groups.join(member, group.id());
        }
        if (c.status(group, member) == MemberStatus.PENDING) {
          c.groups.approve(owner, group.id(), member);
        }
      }
      c.groups.setRole(owner, group.id(), mia, GroupRole.MODERATOR);
      UserId author = venue == STATION ? owner : umar;
      Post post = c.post(author, group, FIRST_TITLE);
      c.posts.edit(author, post.id(), PostDraft.of(FIRST_TITLE + ", revised", "Steeped longer"));
      Post notice = c.post(owner, group, "House rules");
      c.posts.pin(owner, notice.id(), true);
      Comment comment = c.posts.comment(umar, post.id(), "First!");
      Comment reply = c.posts.reply(mia, comment.id(), "Welcome");
      c.posts.like(umar, ReactionTarget.post(post.id()));
      c.posts.like(bo, ReactionTarget.post(post.id()));
      c.groups.ban(mia, group.id(), bo, "spam");
      c.follows.follow(umar, FollowTarget.group(group.id()));
      IssuedInvitation invitation = c.groups.invite(owner, group.id(), Duration.ofDays(7), 10);
      Map<Who, Actor> cast = new EnumMap<>(Who.class);
      cast.put(ANONYMOUS, Actor.ANONYMOUS);
      cast.put(NON_MEMBER, nils);
      cast.put(MEMBER, umar);
      cast.put(MODERATOR, mia);
      cast.put(OWNER, owner);
      cast.put(BANNED, bo);
      cast.put(STORE_STAFF, sven);
      if (venue == REQUEST_GROUP) {
        cast.put(PENDING, pia);
      }
      return new Place(venue, c.reload(group), c.reload(post), pending, c.reload(notice), c.reload(comment),
          c.reload(reply), invitation, heir, cast);
    }
  }
}
