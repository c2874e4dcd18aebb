package dev.meadow.examples.quickstart;

// snippet: quickstart
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.groups.ReactionTarget;

public class Quickstart {
  public static void main(String[] args) {
    Meadow meadow = Meadow.builder()                 // in-memory storage by default
        .listener(event -> System.out.println(event.type()))
        .build();

    UserId ada = UserId.of("ada");
    UserId bo = UserId.of("bo");
    Group runners = meadow.groups().create(ada, GroupDraft.of("Trail Runners", "trail-runners"));
    JoinResult first = meadow.groups().join(bo, runners.id());    // JOINED
    JoinResult again = meadow.groups().join(bo, runners.id());    // ALREADY_MEMBER: nothing changes, no event

    Post post = meadow.posts().publish(bo, runners.id(), PostDraft.of("800 km on these", "Still grippy when wet."));
    boolean liked = meadow.posts().like(ada, ReactionTarget.post(post.id()));   // true; false the second time

    Page<Membership> members = meadow.groups().members(ada, runners.id(), PageRequest.first(20));
    for (Membership m : members.items()) {
      System.out.println(m.userId() + " " + m.role());    // ada OWNER, then bo MEMBER
    }
  }
}
// end snippet: quickstart
