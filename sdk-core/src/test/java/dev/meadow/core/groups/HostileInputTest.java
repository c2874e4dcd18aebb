package dev.meadow.core.groups;

import static dev.meadow.core.HostileInput.FORBIDDEN_TEXT;
import static dev.meadow.core.HostileInput.GARBAGE_CURSORS;
import static dev.meadow.core.HostileInput.MALFORMED_HOST_IDS;
import static dev.meadow.core.HostileInput.MALFORMED_IDS;
import static dev.meadow.core.HostileInput.SCRIPT;
import static dev.meadow.core.HostileInput.SQL;
import static dev.meadow.core.HostileInput.alter;
import static dev.meadow.core.HostileInput.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.meadow.core.CommentId;
import dev.meadow.core.GroupId;
import dev.meadow.core.InvitationId;
import dev.meadow.core.Meadow;
import dev.meadow.core.NotFoundException;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PostId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.modules.Cursors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public method of the community services fed hostile input: over-long text, control
 * characters, lone surrogates, markup and SQL, unknown and malformed ids and tokens, bad cursors
 * and out-of-range numbers. Each is refused with a {@link ValidationException} naming the field
 * (or a {@link NotFoundException} for an id that names nothing) and changes nothing stored; markup
 * and SQL in text are stored verbatim, as the plain text they are.
 */
class HostileInputTest {
  /** Strings that are not invitation tokens. */
  private static final List<String> MALFORMED_TOKENS = List.of("", "short", SQL, SCRIPT, "A".repeat(42), "A".repeat(44),
      "A".repeat(42) + "!", "A".repeat(42) + "=", "A".repeat(42) + "\u0000", "\ud800".repeat(43));

  // ---- the cases ----

  @TestFactory
  Stream<DynamicNode> everyMethodRefusesHostileInputAndChangesNothing() {
    Map<String, List<Case>> byMethod = new LinkedHashMap<>();
    cases().forEach(c -> byMethod.computeIfAbsent(c.method, m -> new ArrayList<>()).add(c));
    return byMethod.entrySet().stream().map(entry -> dynamicContainer(entry.getKey(), entry.getValue().stream()
        .map(c -> dynamicTest(c.input, () -> c.check.run(new World())))));
  }

  private static Stream<Case> cases() {
    return Stream.of(groups(), posts(), follows(), labels()).flatMap(s -> s);
  }

  private static Stream<Case> groups() {
    return Stream.of(
        text("Groups.create", "name", GroupSettings.MAX_NAME, true,
            (w, t) -> w.c.groups.create(w.owner, GroupDraft.of(t, "fresh"))),
        text("Groups.create", "description", GroupSettings.MAX_TEXT, false,
            (w, t) -> w.c.groups.create(w.owner, GroupDraft.of("Fresh", "fresh").withDescription(t))),
        text("Groups.create", "rules", GroupSettings.MAX_TEXT, false,
            (w, t) -> w.c.groups.create(w.owner, GroupDraft.of("Fresh", "fresh").withRules(t))),
        slugs("Groups.create", (w, slug) -> w.c.groups.create(w.owner, GroupDraft.of("Fresh", slug))),
        keys("Groups.create", "category", (w, k) -> w.c.groups.create(w.owner, GroupDraft.of("Fresh", "fresh").withCategory(k))),
        keys("Groups.create", "labels", (w, k) -> w.c.groups.create(w.owner, GroupDraft.of("Fresh", "fresh").withLabels(List.of(k)))),
        Stream.of(
            verbatim("Groups.create", "markup and SQL in text",
                w -> w.c.groups.create(w.owner, GroupDraft.of(SCRIPT, "fresh").withDescription(SQL).withRules(SCRIPT + SQL)),
                (w, group) -> assertEquals(List.of(SCRIPT, SQL, SCRIPT + SQL),
                    List.of(w.c.reload(group).name(), w.c.reload(group).description(), w.c.reload(group).rules()))),
            rejects("Groups.create", "eleven labels", "labels", w -> w.c.groups.create(w.owner,
                GroupDraft.of("Fresh", "fresh").withLabels(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))))),

        hostIds("Groups.createStation", "storeId", (w, id) -> w.c.groups.createStation(w.staff, StoreId.of(id),
            GroupDraft.of("Station", "station"))),
        text("Groups.createStation", "name", GroupSettings.MAX_NAME, true,
            (w, t) -> w.c.groups.createStation(w.staff, Community.TEA_SHOP, GroupDraft.of(t, "station"))),
        Stream.of(verbatim("Groups.createStation", "markup in the name",
            w -> w.c.groups.createStation(w.staff, Community.TEA_SHOP, GroupDraft.of(SCRIPT, "station")),
            (w, station) -> assertEquals(SCRIPT, w.c.reload(station).name()))),

        groupIds("Groups.update", (w, id) -> w.c.groups.update(w.owner, id, GroupSettings.named("Renamed"))),
        text("Groups.update", "name", GroupSettings.MAX_NAME, true,
            (w, t) -> w.c.groups.update(w.owner, w.group.id(), GroupSettings.of(w.group).withName(t))),
        text("Groups.update", "rules", GroupSettings.MAX_TEXT, false,
            (w, t) -> w.c.groups.update(w.owner, w.group.id(), GroupSettings.of(w.group).withRules(t))),
        keys("Groups.update", "category", (w, k) -> w.c.groups.update(w.owner, w.group.id(),
            GroupSettings.of(w.group).withCategory(k))),
        Stream.of(verbatim("Groups.update", "markup and SQL in text",
            w -> w.c.groups.update(w.owner, w.group.id(), GroupSettings.of(w.group).withName(SQL).withRules(SCRIPT)),
            (w, group) -> assertEquals(List.of(SQL, SCRIPT), List.of(w.c.reload(group).name(), w.c.reload(group).rules())))),

        groupIds("Groups.archive", (w, id) -> w.c.groups.archive(w.owner, id)),
        groupIds("Groups.get", (w, id) -> w.c.groups.get(id)),
        slugs("Groups.findBySlug", (w, slug) -> w.c.groups.findBySlug(slug)),
        hostIds("Groups.station", "storeId", (w, id) -> w.c.groups.station(StoreId.of(id))),
        groupIds("Groups.join", (w, id) -> w.c.groups.join(w.stranger, id)),
        tokens("Groups.joinWithInvitation", (w, token) -> w.c.groups.joinWithInvitation(w.stranger, token)),
        Stream.of(missing("Groups.joinWithInvitation", "a well-formed token nobody issued",
            w -> w.c.groups.joinWithInvitation(w.stranger, "A".repeat(43)))),

        groupIds("Groups.invite", (w, id) -> w.c.groups.invite(w.owner, id, Duration.ofDays(1), 1)),
        durations("Groups.invite", "validFor", List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(59),
                Groups.MAX_INVITATION_VALIDITY.plusMillis(1), Duration.ofSeconds(Long.MAX_VALUE),
                Duration.ofSeconds(Long.MIN_VALUE)),
            (w, d) -> w.c.groups.invite(w.owner, w.group.id(), d, 1)),
        numbers("Groups.invite", "maxUses", List.of(0, -1, Groups.MAX_INVITATION_USES + 1, Integer.MAX_VALUE, Integer.MIN_VALUE),
            (w, n) -> w.c.groups.invite(w.owner, w.group.id(), Duration.ofDays(1), n)),
        invitationIds("Groups.revokeInvitation", (w, id) -> w.c.groups.revokeInvitation(w.owner, id)),
        groupIds("Groups.invitations", (w, id) -> w.c.groups.invitations(w.owner, id, PageRequest.first())),
        cursors("Groups.invitations", (m, w, r) -> m.groups().invitations(w.owner, w.group.id(), r)),

        groupIds("Groups.approve", (w, id) -> w.c.groups.approve(w.owner, id, w.asker)),
        userIds("Groups.approve", (w, user) -> w.c.groups.approve(w.owner, w.closed.id(), user)),
        groupIds("Groups.reject", (w, id) -> w.c.groups.reject(w.owner, id, w.asker)),
        userIds("Groups.reject", (w, user) -> w.c.groups.reject(w.owner, w.closed.id(), user)),
        groupIds("Groups.leave", (w, id) -> w.c.groups.leave(w.member, id)),
        groupIds("Groups.ban", (w, id) -> w.c.groups.ban(w.owner, id, w.member, "spam")),
        userIds("Groups.ban", (w, user) -> w.c.groups.ban(w.owner, w.group.id(), user, "spam")),
        text("Groups.ban", "reason", Groups.MAX_REASON, true, (w, t) -> w.c.groups.ban(w.owner, w.group.id(), w.member, t)),
        Stream.of(verbatim("Groups.ban", "markup and SQL in the reason and the user id",
            w -> w.c.groups.ban(w.owner, w.group.id(), UserId.of(SQL), SCRIPT),
            (w, banned) -> {
              assertEquals(true, banned);
              Membership ban = w.c.membership(w.group, UserId.of(SQL));
              assertEquals(List.of(SCRIPT, MemberStatus.BANNED), List.of(ban.note(), ban.status()));
            })),
        groupIds("Groups.unban", (w, id) -> w.c.groups.unban(w.owner, id, w.member)),
        userIds("Groups.unban", (w, user) -> w.c.groups.unban(w.owner, w.group.id(), user)),
        groupIds("Groups.setRole", (w, id) -> w.c.groups.setRole(w.owner, id, w.member, GroupRole.MODERATOR)),
        userIds("Groups.setRole", (w, user) -> w.c.groups.setRole(w.owner, w.group.id(), user, GroupRole.MODERATOR)),
        Stream.of(
            missing("Groups.setRole", "a user who is not a member",
                w -> w.c.groups.setRole(w.owner, w.group.id(), w.stranger, GroupRole.MODERATOR)),
            rejects("Groups.setRole", "the owner's role", "role",
                w -> w.c.groups.setRole(w.owner, w.group.id(), w.member, GroupRole.OWNER))),
        groupIds("Groups.transferOwnership", (w, id) -> w.c.groups.transferOwnership(w.owner, id, w.member)),
        userIds("Groups.transferOwnership", (w, user) -> w.c.groups.transferOwnership(w.owner, w.group.id(), user)),
        Stream.of(missing("Groups.transferOwnership", "a user who is not a member",
            w -> w.c.groups.transferOwnership(w.owner, w.group.id(), w.stranger))),

        ids("Groups.membership", "groupId", MALFORMED_IDS, (w, id) -> w.c.groups.membership(w.owner, GroupId.of(id), w.member)),
        userIds("Groups.membership", (w, user) -> w.c.groups.membership(w.owner, w.group.id(), user)),
        groupIds("Groups.members", (w, id) -> w.c.groups.members(w.owner, id, PageRequest.first())),
        cursors("Groups.members", (m, w, r) -> m.groups().members(w.owner, w.group.id(), r)),
        groupIds("Groups.members(status)", (w, id) -> w.c.groups.members(w.owner, id, MemberStatus.PENDING,
            PageRequest.first())),
        cursors("Groups.members(status)", (m, w, r) -> m.groups().members(w.owner, w.closed.id(), MemberStatus.PENDING, r)),
        cursors("Groups.memberships", (m, w, r) -> m.groups().memberships(w.owner, r)),
        userIds("Groups.ownedCount", (w, user) -> w.c.groups.ownedCount(user)),
        userIds("Groups.joinedCount", (w, user) -> w.c.groups.joinedCount(user)),

        keys("Groups.discover", "category", (w, k) -> w.c.groups.discover(GroupSearch.inCategory(k), PageRequest.first())),
        keys("Groups.discover", "label", (w, k) -> w.c.groups.discover(GroupSearch.labelled(k), PageRequest.first())),
        text("Groups.discover", "namePrefix", GroupSearch.MAX_PREFIX, true,
            (w, t) -> w.c.groups.discover(GroupSearch.namePrefix(t), PageRequest.first())),
        Stream.of(verbatim("Groups.discover", "SQL and markup in the name prefix",
            w -> List.of(w.c.groups.discover(GroupSearch.namePrefix(SQL), PageRequest.first()),
                w.c.groups.discover(GroupSearch.namePrefix(SCRIPT), PageRequest.first())),
            (w, pages) -> assertTrue(pages.stream().allMatch(p -> p.items().isEmpty())))),
        cursors("Groups.discover", (m, w, r) -> m.groups().discover(GroupSearch.all(), r)),
        durations("Groups.trending", "window", List.of(Duration.ZERO, Duration.ofHours(-1), Duration.ofMinutes(59),
                Groups.MAX_TRENDING_WINDOW.plusMillis(1), Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE)),
            (w, d) -> w.c.groups.trending(d, PageRequest.first())),
        cursors("Groups.trending", (m, w, r) -> m.groups().trending(Duration.ofHours(1), r)))
        .flatMap(s -> s);
  }

  private static Stream<Case> posts() {
    return Stream.of(
        groupIds("Posts.publish", (w, id) -> w.c.posts.publish(w.member, id, PostDraft.of("Title", "Body"))),
        text("Posts.publish", "title", PostDraft.MAX_TITLE, true,
            (w, t) -> w.c.posts.publish(w.member, w.group.id(), PostDraft.of(t, "Body"))),
        text("Posts.publish", "body", PostDraft.MAX_BODY, true,
            (w, t) -> w.c.posts.publish(w.member, w.group.id(), PostDraft.of("Title", t))),
        keys("Posts.publish", "labels", (w, k) -> w.c.posts.publish(w.member, w.group.id(),
            PostDraft.of("Title", "Body").withLabels(List.of(k)))),
        hostIds("Posts.publish", "productId", (w, id) -> w.c.posts.publish(w.member, w.group.id(),
            PostDraft.of("Title", "Body").withProducts(List.of(ProductId.of(id))))),
        media("Posts.publish", (w, links) -> w.c.posts.publish(w.member, w.group.id(), PostDraft.of("Title", "Body").withMedia(links))),
        Stream.of(
            rejects("Posts.publish", "21 products", "products", w -> w.c.posts.publish(w.member, w.group.id(),
                PostDraft.of("Title", "Body").withProducts(java.util.stream.IntStream.range(0, PostDraft.MAX_PRODUCTS + 1)
                    .mapToObj(i -> ProductId.of("sku-" + i)).toList()))),
            verbatim("Posts.publish", "markup and SQL in text, line breaks and tabs kept",
                w -> w.c.posts.publish(w.member, w.group.id(), PostDraft.of(SCRIPT, SQL + "\n\t" + SCRIPT)),
                (w, post) -> assertEquals(List.of(SCRIPT, SQL + "\n\t" + SCRIPT),
                    List.of(w.c.posts.get(w.member, post.id()).title(), w.c.posts.get(w.member, post.id()).body())))),

        postIds("Posts.get", (w, id) -> w.c.posts.get(w.member, id)),
        postIds("Posts.edit", (w, id) -> w.c.posts.edit(w.member, id, PostDraft.of("Title", "Body"))),
        text("Posts.edit", "title", PostDraft.MAX_TITLE, true, (w, t) -> w.c.posts.edit(w.member, w.post.id(), PostDraft.of(t, "Body"))),
        keys("Posts.edit", "labels", (w, k) -> w.c.posts.edit(w.member, w.post.id(), PostDraft.of("T", "B").withLabels(List.of(k)))),
        Stream.of(verbatim("Posts.edit", "markup and SQL in text",
            w -> w.c.posts.edit(w.member, w.post.id(), PostDraft.of(SQL, SCRIPT)),
            (w, post) -> assertEquals(List.of(SQL, SCRIPT), List.of(w.c.reload(post).title(), w.c.reload(post).body())))),
        postIds("Posts.remove", (w, id) -> w.c.posts.remove(w.owner, id, "spam")),
        text("Posts.remove", "reason", Posts.MAX_REASON, true, (w, t) -> w.c.posts.remove(w.owner, w.post.id(), t)),
        Stream.of(verbatim("Posts.remove", "markup in the reason",
            w -> w.c.posts.remove(w.owner, w.post.id(), SCRIPT),
            (w, removed) -> assertEquals(SCRIPT, w.c.reload(w.post).removal().reason()))),
        postIds("Posts.approve", (w, id) -> w.c.posts.approve(w.owner, id)),
        postIds("Posts.pin", (w, id) -> w.c.posts.pin(w.owner, id, true)),
        groupIds("Posts.list", (w, id) -> w.c.posts.list(w.member, id, PageRequest.first())),
        cursors("Posts.list", (m, w, r) -> m.posts().list(w.member, w.group.id(), r)),
        groupIds("Posts.pending", (w, id) -> w.c.posts.pending(w.owner, id, PageRequest.first())),
        cursors("Posts.pending", (m, w, r) -> m.posts().pending(w.owner, w.closed.id(), r)),
        groupIds("Posts.pinned", (w, id) -> w.c.posts.pinned(w.member, id)),
        keys("Posts.labelled", "label", (w, k) -> w.c.posts.labelled(k, PageRequest.first())),
        cursors("Posts.labelled", (m, w, r) -> m.posts().labelled("vintage", r)),
        postIds("Posts.revisions", (w, id) -> w.c.posts.revisions(w.member, id)),

        postIds("Posts.comment", (w, id) -> w.c.posts.comment(w.member, id, "Nice")),
        text("Posts.comment", "body", Posts.MAX_COMMENT, true, (w, t) -> w.c.posts.comment(w.member, w.post.id(), t)),
        Stream.of(verbatim("Posts.comment", "markup and SQL in the body",
            w -> w.c.posts.comment(w.member, w.post.id(), SCRIPT + SQL),
            (w, comment) -> assertEquals(SCRIPT + SQL, w.c.posts.getComment(w.member, comment.id()).body()))),
        commentIds("Posts.reply", (w, id) -> w.c.posts.reply(w.member, id, "Nice")),
        text("Posts.reply", "body", Posts.MAX_COMMENT, true, (w, t) -> w.c.posts.reply(w.member, w.comment.id(), t)),
        commentIds("Posts.removeComment", (w, id) -> w.c.posts.removeComment(w.owner, id, "rude")),
        text("Posts.removeComment", "reason", Posts.MAX_REASON, true,
            (w, t) -> w.c.posts.removeComment(w.owner, w.comment.id(), t)),
        Stream.of(verbatim("Posts.removeComment", "SQL in the reason",
            w -> w.c.posts.removeComment(w.owner, w.comment.id(), SQL),
            (w, removed) -> assertEquals(SQL, w.c.reload(w.comment).removal().reason()))),
        commentIds("Posts.getComment", (w, id) -> w.c.posts.getComment(w.member, id)),
        postIds("Posts.comments", (w, id) -> w.c.posts.comments(w.member, id, PageRequest.first())),
        cursors("Posts.comments", (m, w, r) -> m.posts().comments(w.member, w.post.id(), r)),
        commentIds("Posts.replies", (w, id) -> w.c.posts.replies(w.member, id, PageRequest.first())),
        cursors("Posts.replies", (m, w, r) -> m.posts().replies(w.member, w.comment.id(), r)),
        postIds("Posts.like", (w, id) -> w.c.posts.like(w.member, new ReactionTarget(ReactionTarget.Kind.POST, id.value()))),
        commentIds("Posts.like", (w, id) -> w.c.posts.like(w.member, new ReactionTarget(ReactionTarget.Kind.COMMENT, id.value()))),
        postIds("Posts.unlike", (w, id) -> w.c.posts.unlike(w.member, ReactionTarget.post(id))),
        commentIds("Posts.unlike", (w, id) -> w.c.posts.unlike(w.member, ReactionTarget.comment(id))),
        ids("Posts.likes", "postId", MALFORMED_IDS,
            (w, id) -> w.c.posts.likes(w.member, new ReactionTarget(ReactionTarget.Kind.POST, id))),
        userIds("Posts.likes", (w, user) -> w.c.posts.likes(user, ReactionTarget.post(w.post.id()))))
        .flatMap(s -> s);
  }

  private static Stream<Case> follows() {
    return Stream.of(
        ids("Follows.follow", "groupId", MALFORMED_IDS,
            (w, id) -> w.c.follows.follow(w.member, new FollowTarget(FollowTarget.Kind.GROUP, id))),
        ids("Follows.follow", "userId", MALFORMED_HOST_IDS,
            (w, id) -> w.c.follows.follow(w.member, new FollowTarget(FollowTarget.Kind.USER, id))),
        ids("Follows.follow", "storeId", MALFORMED_HOST_IDS,
            (w, id) -> w.c.follows.follow(w.member, new FollowTarget(FollowTarget.Kind.STORE, id))),
        Stream.of(
            missing("Follows.follow", "an unknown group",
                w -> w.c.follows.follow(w.member, FollowTarget.group(GroupId.of(Community.UNKNOWN)))),
            rejects("Follows.follow", "oneself", "target", w -> w.c.follows.follow(w.member, FollowTarget.user(w.member))),
            verbatim("Follows.follow", "a user whose id is SQL",
                w -> w.c.follows.follow(w.member, FollowTarget.user(UserId.of(SQL))),
                (w, followed) -> assertEquals(1, w.c.follows.followerCount(FollowTarget.user(UserId.of(SQL)))))),
        ids("Follows.unfollow", "groupId", MALFORMED_IDS,
            (w, id) -> w.c.follows.unfollow(w.member, new FollowTarget(FollowTarget.Kind.GROUP, id))),
        ids("Follows.follows", "userId", MALFORMED_HOST_IDS,
            (w, id) -> w.c.follows.follows(UserId.of(id), FollowTarget.group(w.group.id()))),
        ids("Follows.followerCount", "storeId", MALFORMED_HOST_IDS,
            (w, id) -> w.c.follows.followerCount(new FollowTarget(FollowTarget.Kind.STORE, id))),
        userIds("Follows.followingCount", (w, user) -> w.c.follows.followingCount(user, FollowTarget.Kind.GROUP)),
        cursors("Follows.followers", (m, w, r) -> m.follows().followers(w.owner, FollowTarget.group(w.group.id()), r)),
        userIds("Follows.following", (w, user) -> w.c.follows.following(user, FollowTarget.Kind.USER, PageRequest.first())),
        cursors("Follows.following", (m, w, r) -> m.follows().following(w.member, FollowTarget.Kind.USER, r)))
        .flatMap(s -> s);
  }

  private static Stream<Case> labels() {
    return Stream.of(
        keys("Labels.assign", "labels", (w, k) -> w.c.labels.assign(w.member, List.of(k))),
        Stream.of(rejects("Labels.assign", "more than allowed", "labels",
            w -> w.c.labels.assign(w.member, Community.LABELS.keys()))),
        userIds("Labels.of", (w, user) -> w.c.labels.of(user)),
        keys("Labels.users", "label", (w, k) -> w.c.labels.users(k, PageRequest.first())),
        cursors("Labels.users", (m, w, r) -> m.labels().users("vintage", r)))
        .flatMap(s -> s);
  }

  // ---- case generators ----

  /** Forbidden, over-long and (when required) blank text for one text field. */
  private static Stream<Case> text(String method, String field, int max, boolean required, WithText call) {
    Map<String, String> inputs = new LinkedHashMap<>(FORBIDDEN_TEXT);
    inputs.put("one character too many", "x".repeat(max + 1));
    inputs.put("one emoji too many", "🍵".repeat(max + 1));
    if (required) {
      inputs.put("blank", " \n\t ");
    }
    return inputs.entrySet().stream().map(e -> rejects(method, field + ": " + e.getKey(), field,
        w -> call.call(w, e.getValue())));
  }

  /** Slugs that break the rule, SQL and markup among them. */
  private static Stream<Case> slugs(String method, WithText call) {
    return Stream.of("", "ab", "s".repeat(65), "tea--time", "-tea", "tea-", "tea time", "tea_time", "../etc", "thé", SQL,
            SCRIPT, "tea\u0000")
        .map(slug -> rejects(method, "slug: " + printable(slug), "slug", w -> call.call(w, slug)));
  }

  /** Category and label keys that break the key rule or name nothing in the shop's catalogues. */
  private static Stream<Case> keys(String method, String field, WithText call) {
    return Stream.of("", "goth", "tea time", "k".repeat(65), SQL, SCRIPT, "tea\u0000", "%", "_")
        .map(key -> rejects(method, field + ": " + printable(key), field, w -> call.call(w, key)));
  }

  private static Stream<Case> ids(String method, String field, List<String> malformed, WithText call) {
    return malformed.stream().map(id -> rejects(method, field + ": " + printable(id), field, w -> call.call(w, id)));
  }

  private static Stream<Case> hostIds(String method, String field, WithText call) {
    return ids(method, field, MALFORMED_HOST_IDS, call);
  }

  private static Stream<Case> userIds(String method, With<UserId> call) {
    return hostIds(method, "userId", (w, id) -> call.call(w, UserId.of(id)));
  }

  private static Stream<Case> tokens(String method, WithText call) {
    return MALFORMED_TOKENS.stream().map(token -> rejects(method, "token: " + printable(token), "token",
        w -> call.call(w, token)));
  }

  /** Malformed ids naming {@code field}, and a well-formed id of nothing, for one kind of Meadow id. */
  private static <I> Stream<Case> meadowIds(String method, String field, String kind,
      java.util.function.Function<String, I> of, With<I> call) {
    return Stream.concat(ids(method, field, MALFORMED_IDS, (w, id) -> call.call(w, of.apply(id))),
        Stream.of(missing(method, "an unknown " + kind, w -> call.call(w, of.apply(Community.UNKNOWN)))));
  }

  private static Stream<Case> groupIds(String method, With<GroupId> call) {
    return meadowIds(method, "groupId", "group", GroupId::of, call);
  }

  private static Stream<Case> postIds(String method, With<PostId> call) {
    return meadowIds(method, "postId", "post", PostId::of, call);
  }

  private static Stream<Case> commentIds(String method, With<CommentId> call) {
    return meadowIds(method, "commentId", "comment", CommentId::of, call);
  }

  private static Stream<Case> invitationIds(String method, With<InvitationId> call) {
    return meadowIds(method, "invitationId", "invitation", InvitationId::of, call);
  }

  private static Stream<Case> durations(String method, String field, List<Duration> values, With<Duration> call) {
    return values.stream().map(d -> rejects(method, field + ": " + d, field, w -> call.call(w, d)));
  }

  private static Stream<Case> numbers(String method, String field, List<Integer> values, With<Integer> call) {
    return values.stream().map(n -> rejects(method, field + ": " + n, field, w -> call.call(w, n)));
  }

  private static Stream<Case> media(String method, With<List<String>> call) {
    return Stream.of(List.of("javascript:alert(1)"), List.of("ftp://example.com/a.jpg"), List.of("https://"),
            List.of("https://user:secret@example.com/a.jpg"), List.of("https://exa mple.com/a.jpg"),
            List.of("https://example.com/" + "a".repeat(2048)), List.of("https://example.com/\u0000"),
            List.of(SQL), List.of(SCRIPT), java.util.Collections.nCopies(PostDraft.MAX_MEDIA + 1, "https://example.com/a.jpg"))
        .map(links -> rejects(method, "media: " + printable(links.size() > 1 ? links.size() + " links" : links.get(0)),
            "media", w -> call.call(w, links)));
  }

  /**
   * Bad cursors and page sizes for one listing: garbage, forged, issued for another listing,
   * issued by another shop's Meadow for this very listing, signed with the shop's own secret but
   * holding a position this listing cannot have come from, blank, over-long, and page sizes out
   * of range.
   */
  private static Stream<Case> cursors(String method, Listing listing) {
    List<Case> cases = new ArrayList<>();
    for (String garbage : GARBAGE_CURSORS) {
      cases.add(rejects(method, "cursor: " + printable(garbage), "cursor", w -> listing.list(w.c.meadow, w, PageRequest.of(5, garbage))));
    }
    cases.add(rejects(method, "cursor: a real one with its position altered", "cursor",
        w -> listing.list(w.c.meadow, w, PageRequest.of(5, alter(w.cursor(listing), 0)))));
    cases.add(rejects(method, "cursor: a real one with its signature altered", "cursor",
        w -> listing.list(w.c.meadow, w, PageRequest.of(5, alter(w.cursor(listing), w.cursor(listing).length() - 1)))));
    cases.add(rejects(method, "cursor: a real one cut short", "cursor", w -> listing.list(w.c.meadow, w,
        PageRequest.of(5, w.cursor(listing).substring(0, w.cursor(listing).length() - 2)))));
    cases.add(rejects(method, "cursor: issued for another listing", "cursor", w -> listing.list(w.c.meadow, w,
        PageRequest.of(5, method.equals("Labels.users") ? w.cursor(HostileInputTest::followers) : w.cursor(HostileInputTest::users)))));
    cases.add(rejects(method, "cursor: issued by another shop's Meadow for this listing", "cursor",
        w -> listing.list(w.c.meadow, w, PageRequest.of(5, w.strangersCursor(listing)))));
    cases.add(rejects(method, "cursor: signed, naming a position that cannot be", "cursor",
        w -> listing.list(w.c.meadow, w, PageRequest.of(5, w.resigned(listing)))));
    for (int limit : List.of(0, -1, PageRequest.MAX_LIMIT + 1, Integer.MAX_VALUE, Integer.MIN_VALUE)) {
      cases.add(rejects(method, "page size " + limit, "limit", w -> listing.list(w.c.meadow, w, PageRequest.of(limit, null))));
    }
    cases.add(rejects(method, "cursor: blank", "cursor", w -> listing.list(w.c.meadow, w, PageRequest.of(5, "  "))));
    cases.add(rejects(method, "cursor: over-long", "cursor",
        w -> listing.list(w.c.meadow, w, PageRequest.of(5, "A".repeat(PageRequest.MAX_CURSOR_LENGTH + 1)))));
    return cases.stream();
  }

  private static Page<?> followers(Meadow meadow, World w, PageRequest request) {
    return meadow.follows().followers(w.owner, FollowTarget.group(w.group.id()), request);
  }

  private static Page<?> users(Meadow meadow, World w, PageRequest request) {
    return meadow.labels().users("vintage", request);
  }

  private static Case rejects(String method, String input, String field, Call call) {
    return new Case(method, input + " → invalid " + field, w -> w.c.rejects(field, () -> call.call(w)));
  }

  private static Case missing(String method, String input, Call call) {
    return new Case(method, input + " → not found", w -> w.c.refuses(NotFoundException.class, () -> call.call(w)));
  }

  private static <T> Case verbatim(String method, String input, TypedCall<T> call, Check<T> check) {
    return new Case(method, input + " → stored as plain text", w -> check.check(w, call.call(w)));
  }

  // ---- a test that the signed-but-impossible cursors above are what they say ----

  @Test
  void resignedCursorsDecodeButNameNoPosition() {
    World w = new World();
    String resigned = w.resigned((m, world, r) -> m.groups().members(world.owner, world.group.id(), r));
    String listing = "group.members:" + w.group.id() + ":" + MemberStatus.ACTIVE;
    assertEquals(2, Cursors.withSecret(Community.CURSOR_SECRET).decode(listing, resigned, 2).size(),
        "signed for the listing, with as many parts as it expects");
    assertFalse(w.c.groups.members(w.owner, w.group.id(), PageRequest.first(1)).items().isEmpty());
  }

  // ---- the world each case starts from ----

  @FunctionalInterface
  interface Call {
    Object call(World w) throws Throwable;
  }

  @FunctionalInterface
  interface TypedCall<T> {
    T call(World w) throws Throwable;
  }

  @FunctionalInterface
  interface With<T> {
    Object call(World w, T value) throws Throwable;
  }

  @FunctionalInterface
  interface WithText extends With<String> {}

  @FunctionalInterface
  interface Check<T> {
    void check(World w, T result) throws Throwable;
  }

  @FunctionalInterface
  interface Listing {
    Page<?> list(Meadow meadow, World w, PageRequest request);
  }

  @FunctionalInterface
  interface Run {
    void run(World w) throws Throwable;
  }

  private record Case(String method, String input, Run check) {}

  /**
   * A small community where every listing has at least two items: a public group with a labelled
   * post, comments, replies, followers and invitations, and a group by request whose posts need
   * approval, with two waiting users and two waiting posts.
   */
  static final class World {
    final Community c = Community.create();
    final UserId owner = c.user("owner");
    final UserId member = c.user("member");
    final UserId writer = c.user("writer");
    final UserId asker = c.user("asker");
    final UserId stranger = c.user("stranger");
    final UserId staff = c.hire(c.user("staff"), Community.TEA_SHOP);
    final Group group = c.group(owner, "tea");
    final Group closed = c.group(owner, "closed", GroupVisibility.REQUEST);
    final Post post;
    final Comment comment;

    World() {
      c.join(group, member, writer);
      c.join(closed, writer, asker, c.user("asker-2"));
      c.groups.approve(owner, closed.id(), writer);
      c.groups.update(owner, closed.id(), GroupSettings.of(c.reload(closed)).withPostApproval(true));
      c.post(writer, closed, "Waiting one");
      c.post(writer, closed, "Waiting two");
      c.post(owner, closed, "Announcement");
      post = c.posts.publish(member, group.id(), PostDraft.of("Oolong", "Floral").withLabels(List.of("vintage")));
      c.posts.publish(writer, group.id(), PostDraft.of("Puer", "Earthy").withLabels(List.of("vintage")));
      comment = c.posts.comment(writer, post.id(), "Lovely");
      c.posts.comment(owner, post.id(), "Agreed");
      c.posts.reply(member, comment.id(), "Thanks");
      c.posts.reply(owner, comment.id(), "Indeed");
      c.groups.invite(owner, group.id(), Duration.ofDays(1), 1);
      c.groups.invite(owner, group.id(), Duration.ofDays(2), 2);
      c.follows.follow(member, FollowTarget.group(group.id()));
      c.follows.follow(writer, FollowTarget.group(group.id()));
      c.follows.follow(member, FollowTarget.user(writer));
      c.follows.follow(member, FollowTarget.user(owner));
      c.labels.assign(member, List.of("vintage"));
      c.labels.assign(writer, List.of("vintage"));
    }

    /** Returns a real cursor of a listing: the one after its first item. */
    String cursor(Listing listing) {
      String cursor = listing.list(c.meadow, this, PageRequest.first(1)).nextCursor();
      assertNotNull(cursor, "the world has two items in every listing");
      return cursor;
    }

    /** Returns a cursor for the same listing from a Meadow of another shop, over the same storage. */
    String strangersCursor(Listing listing) {
      Meadow stranger = Meadow.builder().storage(c.meadow.storage()).clock(c.clock).taxonomy(Community.TAXONOMY)
          .labels(Community.LABELS).build();
      String cursor = listing.list(stranger, this, PageRequest.first(1)).nextCursor();
      assertNotNull(cursor);
      return cursor;
    }

    /**
     * Returns a cursor signed with this shop's secret for the listing, with every position part
     * replaced by something no listing issues: what a host that leaked its secret could be sent.
     */
    String resigned(Listing listing) {
      String real = cursor(listing);
      byte[] payload = java.util.Base64.getUrlDecoder().decode(real.substring(0, real.indexOf('.')));
      String body = new String(payload, 1, payload.length - 1, java.nio.charset.StandardCharsets.UTF_8);
      String[] fields = body.split("\u001f", -1);
      String[] parts = new String[fields.length - 1];
      java.util.Arrays.fill(parts, "\u0000not-a-position");
      return Cursors.withSecret(Community.CURSOR_SECRET).encode(fields[0], parts);
    }
  }
}
