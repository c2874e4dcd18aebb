package dev.meadow.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

// snippet: groups-imports
import dev.meadow.core.Actor;
import dev.meadow.core.ConflictException;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.CommunityLimits;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.FollowTarget;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.GroupSearch;
import dev.meadow.core.groups.GroupVisibility;
import dev.meadow.core.groups.Groups;
import dev.meadow.core.groups.IssuedInvitation;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.groups.LabelCatalogue;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.groups.Posts;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Taxonomy;
import dev.meadow.core.groups.TrendingGroup;
import java.time.Duration;
import java.util.List;
// end snippet: groups-imports
import dev.meadow.core.events.MeadowEvent;
import java.util.ArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/groups.md that are not in the quickstart's {@code ReadmeExamplesTest}:
 * the guide's import lines, and what each call returns when it is repeated.
 */
class GroupsGuideTest {

  @Test
  @DisplayName("Repeating a join, leave, follow, like or ban changes nothing and says so")
  void repeats_changeNothing() {
    List<MeadowEvent> events = new ArrayList<>();
    Meadow meadow = Meadow.builder().listener(events::add).build();
    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    UserId dara = UserId.of("dara");
    // snippet: groups-repeats
    Groups groups = meadow.groups();
    Group group = groups.create(ada, GroupDraft.of("Trail Runners", "trail-runners"));
    JoinResult joined = groups.join(bo, group.id());                 // JOINED
    JoinResult again = groups.join(bo, group.id());                  // ALREADY_MEMBER: no event, counts unchanged
    Post post = meadow.posts().publish(bo, group.id(), PostDraft.of("Hello", "First run today."));
    boolean liked = meadow.posts().like(ada, ReactionTarget.post(post.id()));       // true
    boolean likedAgain = meadow.posts().like(ada, ReactionTarget.post(post.id()));  // false: one like per user
    boolean followed = meadow.follows().follow(bo, FollowTarget.group(group.id())); // true
    boolean followedAgain = meadow.follows().follow(bo, FollowTarget.group(group.id()));  // false
    boolean banned = groups.ban(ada, group.id(), dara, "Spam links");               // true, even before dara joins
    boolean bannedAgain = groups.ban(ada, group.id(), dara, "Spam links");          // false: banned already
    boolean left = groups.leave(bo, group.id());                     // true
    boolean leftAgain = groups.leave(bo, group.id());                // false: bo was no longer a member
    // end snippet: groups-repeats
    assertEquals(JoinResult.JOINED, joined);
    assertEquals(JoinResult.ALREADY_MEMBER, again);
    assertTrue(liked);
    assertFalse(likedAgain);
    assertTrue(followed);
    assertFalse(followedAgain);
    assertTrue(banned);
    assertFalse(bannedAgain);
    assertTrue(left);
    assertFalse(leftAgain);
    assertEquals(1, groups.get(group.id()).memberCount());
    assertEquals(1, meadow.posts().get(ada, post.id()).likeCount());
    assertEquals(1, meadow.follows().followerCount(FollowTarget.group(group.id())));
    assertEquals(1, events.stream().filter(e -> e.type().equals("group.member_joined")).count(), "one join event");
    assertEquals(1, events.stream().filter(e -> e.type().equals("post.liked")).count(), "one like event");
    assertThrows(PermissionDeniedException.class, () -> groups.join(dara, group.id()));
    assertThrows(PermissionDeniedException.class, () -> groups.join(Actor.ANONYMOUS, group.id()));
    assertThrows(ConflictException.class, () -> groups.create(bo, GroupDraft.of("Other", "Trail-Runners")),
        "slugs are unique without regard to case");
  }
}
