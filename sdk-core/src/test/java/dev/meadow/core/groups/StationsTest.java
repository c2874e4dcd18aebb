package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ConflictException;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.GroupEvent;
import dev.meadow.core.events.PostEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Store stations, and the store affiliation every word of a store's staff carries. */
class StationsTest {
  private static final List<StoreId> TEA = List.of(Community.TEA_SHOP);

  private final Community c = Community.create();
  private final UserId manager = c.hire(c.user("manager"), Community.TEA_SHOP);
  private final UserId clerk = c.hire(c.user("clerk"), Community.TEA_SHOP);
  private final UserId knitter = c.hire(c.user("knitter"), Community.KNIT_SHOP);
  private final UserId buyer = c.user("buyer");
  private final UserId mod = c.user("mod");

  private Group station() {
    Group station = c.station(manager, Community.TEA_SHOP, "lantern");
    c.join(station, buyer, mod);
    c.groups.setRole(manager, station.id(), mod, GroupRole.MODERATOR);
    return station;
  }

  @Test
  void createStation_makesOnePublicStationPerStoreOwnedByItsStaff() {
    Group station = c.emits(GroupEvent.Created.class, () -> c.station(manager, Community.TEA_SHOP, "lantern"));
    assertEquals(Community.TEA_SHOP, station.store());
    assertTrue(station.isStation());
    assertEquals(GroupVisibility.PUBLIC, station.visibility());
    assertEquals(manager, station.owner());
    assertEquals(new GroupEvent.Created(c.lastHeard().id(), c.clock.instant(), station.id(), manager, station.name(),
        "lantern", GroupVisibility.PUBLIC, Community.TEA_SHOP), c.lastHeard());
    assertEquals(station, c.groups.station(Community.TEA_SHOP).orElseThrow());
    assertTrue(c.groups.station(Community.KNIT_SHOP).isEmpty());
    c.refuses(ConflictException.class, () -> c.station(clerk, Community.TEA_SHOP, "lantern-two"));
    c.refuses(PermissionDeniedException.class, () -> c.station(knitter, Community.TEA_SHOP, "not-mine"));
    c.refuses(PermissionDeniedException.class, () -> c.station(buyer, Community.TEA_SHOP, "not-mine"));
    c.rejects("visibility", () -> c.groups.createStation(knitter, Community.KNIT_SHOP,
        GroupDraft.of("Wool", "wool").withVisibility(GroupVisibility.REQUEST)));
    c.rejects("visibility", () -> c.groups.update(manager, station.id(),
        GroupSettings.of(station).withVisibility(GroupVisibility.INVITE)));
  }

  @Test
  void aFailingStaffDirectory_isReportedAsAnIntegrationFailure_andNothingIsStored() {
    Group station = station();
    IllegalStateException down = new IllegalStateException("staff directory unavailable");
    c.staffFails(down);
    assertSame(down, c.refuses(IntegrationException.class, () -> c.station(knitter, Community.KNIT_SHOP, "wool"))
        .getCause());
    assertSame(down, c.refuses(IntegrationException.class, () -> c.post(clerk, station, "Fresh oolong is in"))
        .getCause());
    c.staffFails(null);
    assertEquals(Community.KNIT_SHOP, c.station(knitter, Community.KNIT_SHOP, "wool").store(),
        "the same call succeeds once the host answers again");
  }

  @Test
  void onlyTheStoresStaffPost() {
    Group station = station();
    c.refuses(PermissionDeniedException.class, () -> c.post(buyer, station, "Buyer speaking"));
    c.refuses(PermissionDeniedException.class, () -> c.post(mod, station, "Moderator speaking"));
    c.refuses(PermissionDeniedException.class, () -> c.post(knitter, station, "Another store speaking"));
    Post post = c.emits(PostEvent.Created.class, () -> c.post(clerk, station, "New harvest"));
    assertEquals(TEA, post.affiliations(), "the staff need not be members");
    assertEquals(ContentState.PUBLISHED, post.state());
  }

  @Test
  void membersCommentAndLikeAndTheStaffAnswerAffiliated() {
    Group station = station();
    Post post = c.post(manager, station, "New harvest");
    Comment question = c.posts.comment(buyer, post.id(), "Is it smoky?");
    assertEquals(List.of(), question.affiliations());
    Comment answer = c.emits(PostEvent.CommentAdded.class, () -> c.posts.reply(clerk, question.id(), "Lightly"));
    assertEquals(TEA, answer.affiliations());
    assertEquals(new PostEvent.CommentAdded(c.lastHeard().id(), c.clock.instant(), answer.id(), post.id(), station.id(),
        question.id(), clerk, TEA), c.lastHeard());
    assertTrue(c.posts.like(buyer, ReactionTarget.post(post.id())));
    assertTrue(c.posts.like(clerk, ReactionTarget.comment(question.id())));
    c.refuses(PermissionDeniedException.class, () -> c.posts.comment(c.user("passer-by"), post.id(), "Hi"));
  }

  @Test
  void theStoresStaffModerateTheirStation() {
    Group station = station();
    Post post = c.post(manager, station, "New harvest");
    Comment rude = c.posts.comment(buyer, post.id(), "Rude words");
    assertTrue(c.posts.pin(clerk, post.id(), true));
    assertTrue(c.posts.removeComment(clerk, rude.id(), "rude"));
    assertTrue(c.groups.ban(clerk, station.id(), buyer, "rude"));
    assertTrue(c.groups.unban(clerk, station.id(), buyer));
    assertEquals(station.name() + "!", c.groups.update(clerk, station.id(),
        GroupSettings.of(station).withName(station.name() + "!")).name());
    c.refuses(PermissionDeniedException.class, () -> c.posts.pin(knitter, post.id(), false));
    c.refuses(PermissionDeniedException.class, () -> c.groups.ban(knitter, station.id(), buyer, "rude"));
  }

  @Test
  void staffBannedFromTheirStationLoseTheirRightsThere() {
    Group station = station();
    c.groups.ban(manager, station.id(), clerk, "rogue");
    c.refuses(PermissionDeniedException.class, () -> c.post(clerk, station, "Still here"));
    c.refuses(PermissionDeniedException.class, () -> c.groups.unban(clerk, station.id(), clerk));
  }

  @Test
  void followersOfTheStationOrItsStoreCommentAndLikeWithoutJoining() {
    Group station = station();
    Post post = c.post(manager, station, "New harvest");
    UserId storeFan = c.user("store-fan");
    UserId stationFan = c.user("station-fan");
    UserId passerBy = c.user("passer-by");
    c.follows.follow(storeFan, FollowTarget.store(Community.TEA_SHOP));
    c.follows.follow(stationFan, FollowTarget.group(station.id()));
    c.posts.comment(storeFan, post.id(), "When does it ship?");
    assertTrue(c.posts.like(stationFan, ReactionTarget.post(post.id())));
    c.refuses(PermissionDeniedException.class, () -> c.posts.comment(passerBy, post.id(), "Hello"));
    c.refuses(PermissionDeniedException.class, () -> c.post(storeFan, station, "Buyers do not post here"));
    c.groups.ban(manager, station.id(), storeFan, "spam");
    c.refuses(PermissionDeniedException.class, () -> c.posts.comment(storeFan, post.id(), "Still here"));
    Group interest = c.group(manager, "tea-talk");
    Post talk = c.post(manager, interest, "Talk");
    c.follows.follow(passerBy, FollowTarget.group(interest.id()));
    c.refuses(PermissionDeniedException.class, () -> c.posts.comment(passerBy, talk.id(), "Following is not joining"));
  }

  @Test
  void onlyTheOwnerBansTheStoresStaffFromTheirStation() {
    Group station = station();
    c.refuses(PermissionDeniedException.class, () -> c.groups.ban(mod, station.id(), clerk, "rival"));
    assertTrue(c.groups.ban(mod, station.id(), buyer, "rude"), "shoppers who moderate still ban shoppers");
    assertTrue(c.groups.ban(manager, station.id(), clerk, "rogue"));
  }

  @Test
  void stationsPassOnlyToTheStoresStaff() {
    Group station = station();
    c.join(station, clerk);
    c.refuses(PermissionDeniedException.class, () -> c.groups.transferOwnership(manager, station.id(), mod));
    Group handedOver = c.groups.transferOwnership(manager, station.id(), clerk);
    assertEquals(clerk, handedOver.owner());
  }

  @Test
  void staffPostsInInterestGroupsCarryEveryStoreTheyWorkFor() {
    UserId both = c.hire(c.user("both"), Community.KNIT_SHOP, Community.TEA_SHOP);
    Group group = c.group(buyer, "tea-talk");
    c.join(group, both, clerk);
    Post post = c.post(both, group, "Try our blend");
    assertEquals(List.of(Community.TEA_SHOP, Community.KNIT_SHOP), post.affiliations(), "sorted by store id");
    assertTrue(post.isAffiliated());
    assertEquals(List.of(), c.post(buyer, group, "My own view").affiliations());
    assertFalse(c.reload(c.post(buyer, group, "Another view")).isAffiliated());
    assertEquals(TEA, c.posts.comment(clerk, post.id(), "Agreed").affiliations());
  }

  @Test
  void nothingLetsAStaffPostAppearUnaffiliated() {
    Group group = c.group(buyer, "tea-talk");
    c.groups.update(buyer, group.id(), GroupSettings.of(group).withPostApproval(true));
    c.join(group, clerk);
    Post held = c.post(clerk, group, "Try our blend");
    assertEquals(ContentState.PENDING, held.state());
    c.posts.approve(buyer, held.id());
    c.posts.edit(clerk, held.id(), PostDraft.of("Try our blend, now cheaper", "Really"));
    Post published = c.reload(held);
    assertEquals(TEA, published.affiliations(), "approval and edits keep the affiliation");
    assertEquals(List.of(published), c.posts.list(buyer, group.id(), PageRequest.first()).items());
    PostEvent.Created created = c.heard().stream().filter(PostEvent.Created.class::isInstance)
        .map(PostEvent.Created.class::cast).filter(e -> e.postId().equals(held.id())).findFirst().orElseThrow();
    assertEquals(TEA, created.affiliations());
    assertEquals(created, EventJson.read(EventJson.write(created)));

    c.hire(clerk);
    assertEquals(TEA, c.reload(held).affiliations(), "leaving the store does not unsay what was said for it");
    assertEquals(List.of(), c.post(clerk, group, "Now a customer").affiliations());
  }

  @Test
  void postsWrittenBeforeJoiningAStoreAreNotEditedAsItsStaff() {
    UserId newHire = c.user("new-hire");
    Group group = c.group(buyer, "tea-talk");
    c.join(group, newHire);
    Post post = c.post(newHire, group, "Honest opinion");
    c.hire(newHire, Community.TEA_SHOP);
    c.refuses(PermissionDeniedException.class,
        () -> c.posts.edit(newHire, post.id(), PostDraft.of("Honest opinion", "Buy from Lantern")));
    c.hire(newHire);
    assertEquals("Edited", c.posts.edit(newHire, post.id(), PostDraft.of("Edited", "Edited")).title());
  }
}
