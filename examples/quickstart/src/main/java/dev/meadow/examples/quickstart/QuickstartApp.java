package dev.meadow.examples.quickstart;

import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.Groups;
import dev.meadow.core.groups.Membership;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest runnable Meadow integration: in-memory storage, one interest group, a few members.
 *
 * <p>It builds a {@link Meadow} with the defaults, listens to its events, creates a group, lets
 * users join (one of them twice) and leave, lists the members two at a time by following the
 * paging cursors, and shows how bad input is refused. Run it with
 * {@code ./mvnw -q -pl examples/quickstart -am compile -Prun} from the repository root.
 */
public final class QuickstartApp {
  private QuickstartApp() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the tour, printing what happens to {@code out}, and returns what happened. */
  static Outcome run(PrintStream out) {
    List<MeadowEvent> heard = new ArrayList<>();
    Meadow meadow = Meadow.builder() // storage defaults to MemoryStorage.create()
        .listener(event -> {
          heard.add(event);
          out.println("     event " + EventJson.write(event));
        })
        .build();
    Groups groups = meadow.groups();

    out.println("Meadow quickstart: in-memory storage, nothing to set up.");
    out.println();
    out.println("1. ada creates a group; she is its owner and first member.");
    Group group = groups.create(UserId.of("ada"),
        GroupDraft.of("Trail Runners", "trail-runners")
            .withDescription("Shoes, packs and poles that survived the mountains."));
    out.println("   created \"" + group.name() + "\" (slug " + group.slug() + ", id " + group.id() + ")");

    out.println();
    out.println("2. bo, chen, dara, eli and fay join.");
    for (String user : List.of("bo", "chen", "dara", "eli", "fay")) {
      groups.join(group.id(), UserId.of(user));
    }

    out.println();
    out.println("3. bo joins again: nothing changes and no event is emitted.");
    boolean joinedAgain = groups.join(group.id(), UserId.of("bo"));
    out.println("   join returned " + joinedAgain);

    out.println();
    out.println("4. chen leaves.");
    boolean left = groups.leave(group.id(), UserId.of("chen"));
    out.println("   leave returned " + left);

    Group now = groups.get(group.id());
    out.println("   \"" + now.name() + "\" has " + now.memberCount() + " members");

    out.println();
    out.println("5. Members, two per page, in the order they joined, following the cursors.");
    List<List<String>> pages = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    String firstCursor = null;
    while (true) {
      Page<Membership> page = groups.members(group.id(), request);
      List<String> names = page.items().stream().map(m -> m.userId().value()).toList();
      pages.add(names);
      out.println("   page " + pages.size() + ": "
          + String.join(", ", page.items().stream().map(m -> m.userId() + " (" + m.role() + ")").toList())
          + (page.hasNext() ? "   next cursor " + page.nextCursor() : "   (last page)"));
      if (firstCursor == null) {
        firstCursor = page.nextCursor();
      }
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }

    out.println();
    out.println("6. Bad input is refused with a ValidationException naming each field; nothing is stored.");
    List<ValidationException.Violation> violations = new ArrayList<>();
    out.println("   A name with a control character (BEL) and a slug with a <script> tag:");
    try {
      groups.create(UserId.of("mallory"), GroupDraft.of("Trail\u0007Runners", "<script>alert(1)</script>"));
    } catch (ValidationException e) {
      print(out, e);
      violations.addAll(e.violations());
    }
    out.println("   The first page's cursor with one character added:");
    try {
      groups.members(group.id(), PageRequest.of(2, firstCursor + "A"));
    } catch (ValidationException e) {
      print(out, e);
      violations.addAll(e.violations());
    }
    out.println("   \"" + group.name() + "\" still has " + groups.get(group.id()).memberCount() + " members.");

    List<String> eventTypes = heard.stream().map(MeadowEvent::type).toList();
    return new Outcome(groups.get(group.id()), joinedAgain, left, pages, eventTypes, violations);
  }

  private static void print(PrintStream out, ValidationException e) {
    for (ValidationException.Violation v : e.violations()) {
      out.println("     " + v.field() + " [" + v.code() + "] " + v.message());
    }
  }

  /**
   * What the tour did.
   *
   * @param group the group at the end
   * @param joinedAgain what the second join of the same user returned
   * @param left what leaving returned
   * @param memberPages the user ids on each page of members
   * @param eventTypes the type of every event the listener heard, in order
   * @param violations every violation reported for the bad input
   */
  record Outcome(
      Group group,
      boolean joinedAgain,
      boolean left,
      List<List<String>> memberPages,
      List<String> eventTypes,
      List<ValidationException.Violation> violations) {}
}
