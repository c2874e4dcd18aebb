package dev.meadow.examples.quickstart;

import dev.meadow.core.Actor;
import dev.meadow.core.Meadow;
import dev.meadow.core.Page;
import dev.meadow.core.OrderId;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.events.EventJson;
import dev.meadow.core.events.MeadowEvent;
import dev.meadow.core.groups.Comment;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.GroupSearch;
import dev.meadow.core.groups.Groups;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.groups.LabelCatalogue;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.groups.Posts;
import dev.meadow.core.groups.ReactionTarget;
import dev.meadow.core.groups.Taxonomy;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.RatingSummary;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.ReviewFilter;
import dev.meadow.core.reviews.ReviewPage;
import dev.meadow.core.reviews.ReviewSort;
import dev.meadow.core.reviews.Reviews;
import dev.meadow.core.reviews.SummaryKey;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The smallest runnable Meadow integration: in-memory storage, an interest group, a store
 * station, a few members talking.
 *
 * <p>It builds a {@link Meadow} on the embedded default with a category tree, a label catalogue
 * and one store's staff, listens to its events, creates a group, lets users join (one of them
 * twice) and leave, post, comment, reply and like, opens a store station, finds the group by
 * category, has a verified and an unverified shopper review a product (with a vote and the
 * store's reply) and reads the honest summary and listings, lists the members two at a time by following the paging cursors, and shows how bad
 * input and a forbidden action are refused. Run it with
 * {@code ./mvnw -q -pl examples/quickstart -am compile -Prun} from the repository root.
 */
public final class QuickstartApp {
  private static final StoreId TRAILHEAD = StoreId.of("trailhead");
  private static final ProductId TRAIL_SHOES = ProductId.of("sku-trail-2");

  private QuickstartApp() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the tour, printing what happens to {@code out}, and returns what happened. */
  static Outcome run(PrintStream out) {
    List<MeadowEvent> heard = new ArrayList<>();
    Meadow meadow = Meadow.builder() // storage defaults to MemoryStorage.create()
        .taxonomy(Taxonomy.builder().category("sport", "Sport").category("running", "Running", "sport").build())
        .labels(LabelCatalogue.builder().label("trail", "Trail").label("minimalist", "Minimalist").build())
        .storeStaff(user -> user.equals(UserId.of("sam")) ? Set.of(TRAILHEAD) : Set.of())
        .purchases((user, product, order) -> user.equals(UserId.of("ada")) && product.equals(TRAIL_SHOES)
            ? Optional.of(new Purchase(OrderId.of("order-1001"), product, Instant.parse("2026-11-01T09:30:00Z"),
                PurchaseState.DELIVERED))
            : Optional.empty())
        .listener(event -> {
          heard.add(event);
          out.println("     event " + EventJson.write(event));
        })
        .build();
    Groups groups = meadow.groups();
    Posts posts = meadow.posts();

    out.println("Meadow quickstart: in-memory storage, nothing to set up.");
    out.println();
    out.println("1. ada creates a group in the category Running; she is its owner and first member.");
    Group group = groups.create(UserId.of("ada"),
        GroupDraft.of("Trail Runners", "trail-runners")
            .withDescription("Shoes, packs and poles that survived the mountains.")
            .withCategory("running")
            .withLabels(List.of("trail")));
    out.println("   created \"" + group.name() + "\" (slug " + group.slug() + ", id " + group.id() + ")");

    out.println();
    out.println("2. bo, chen, dara, eli and fay join.");
    for (String user : List.of("bo", "chen", "dara", "eli", "fay")) {
      groups.join(UserId.of(user), group.id());
    }

    out.println();
    out.println("3. bo joins again: nothing changes and no event is emitted.");
    JoinResult joinedAgain = groups.join(UserId.of("bo"), group.id());
    out.println("   join returned " + joinedAgain);

    out.println();
    out.println("4. chen leaves.");
    boolean left = groups.leave(UserId.of("chen"), group.id());
    out.println("   leave returned " + left);

    out.println();
    out.println("5. bo posts about shoes he was given, dara asks, bo replies, ada and dara like the post.");
    Post post = posts.publish(UserId.of("bo"), group.id(),
        PostDraft.of("800 km on these", "Still grippy when wet.")
            .withProducts(List.of(TRAIL_SHOES))
            .withDisclosure(Disclosure.GIFTED));
    Comment question = posts.comment(UserId.of("dara"), post.id(), "How is the sizing?");
    posts.reply(UserId.of("bo"), question.id(), "True to size.");
    posts.like(UserId.of("ada"), ReactionTarget.post(post.id()));
    posts.like(UserId.of("dara"), ReactionTarget.post(post.id()));
    Post read = posts.get(Actor.ANONYMOUS, post.id());
    out.println("   \"" + read.title() + "\" (" + read.disclosure() + "): " + read.commentCount() + " comments, "
        + read.likeCount() + " likes");

    out.println();
    out.println("6. sam works for the store trailhead: he opens its station and posts; eli joins and comments.");
    Group station = groups.createStation(UserId.of("sam"), TRAILHEAD, GroupDraft.of("Trailhead Outfitters", "trailhead"));
    Post news = posts.publish(UserId.of("sam"), station.id(), PostDraft.of("New in: trail socks", "Merino."));
    groups.join(UserId.of("eli"), station.id());
    posts.comment(UserId.of("eli"), news.id(), "Do they come in XL?");
    out.println("   the station post carries the affiliation " + news.affiliations());
    out.println("   eli may not post in the station:");
    List<String> refusals = new ArrayList<>();
    try {
      posts.publish(UserId.of("eli"), station.id(), PostDraft.of("Me too", "I sell socks as well."));
    } catch (PermissionDeniedException e) {
      out.println("     refused: " + e.getMessage());
      refusals.add(e.getMessage());
    }

    out.println();
    out.println("7. Groups in the category Sport, sub-categories included:");
    List<String> inSport = groups.discover(GroupSearch.inCategory("sport"), PageRequest.first(10)).items().stream()
        .map(Group::name).toList();
    out.println("   " + inSport);

    Group now = groups.get(group.id());
    out.println();
    out.println("   \"" + now.name() + "\" has " + now.memberCount() + " members and " + now.postCount() + " post");

    out.println();
    out.println("8. ada reviews the shoes she bought at trailhead; fay, who did not buy them, reviews them too.");
    Reviews reviews = meadow.reviews();
    Review verified = reviews.submit(UserId.of("ada"), ReviewDraft.of(TRAIL_SHOES, TRAILHEAD,
        ReviewContent.of(4, "Grippy on wet rock, a little narrow in the toe box.")));
    Review unverified = reviews.submit(UserId.of("fay"), ReviewDraft.of(TRAIL_SHOES, TRAILHEAD,
        ReviewContent.of(2, "The laces frayed after two weeks.")));
    reviews.vote(UserId.of("dara"), verified.id(), true);
    reviews.vote(UserId.of("eli"), unverified.id(), true);
    reviews.reply(UserId.of("sam"), unverified.id(), "Sorry about that: write to us and we will send new laces.");
    out.println("   ada's review is labelled " + verified.labels() + ", fay's " + unverified.labels());
    RatingSummary summary = reviews.summary(SummaryKey.product(TRAIL_SHOES));
    out.println("   " + summary.count() + " reviews, mean " + summary.mean() + ", " + summary.verifiedCount()
        + " verified; the Bayesian average pulls a thin record towards the shop's prior: "
        + String.format(java.util.Locale.ROOT, "%.2f", reviews.bayesianAverage(summary)));
    ReviewPage lowestFirst = reviews.list(SummaryKey.product(TRAIL_SHOES), ReviewFilter.all(), ReviewSort.LOWEST,
        PageRequest.first(10));
    out.println("   lowest first, nothing hidden: " + lowestFirst.page().items().stream()
        .map(r -> r.author() + " " + r.rating() + "*").toList());
    ReviewPage verifiedOnly = reviews.list(SummaryKey.product(TRAIL_SHOES), ReviewFilter.all().onlyVerified(),
        ReviewSort.NEWEST, PageRequest.first(10));
    out.println("   verified only: " + verifiedOnly.page().items().size() + " review, on a page marked narrowed="
        + verifiedOnly.narrowed() + " so the shop can say that not every review shows");

    out.println();
    out.println("9. Members, two per page, in the order they joined, following the cursors.");
    List<List<String>> pages = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    String firstCursor = null;
    while (true) {
      Page<Membership> page = groups.members(Actor.ANONYMOUS, group.id(), request);
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
    out.println("10. Bad input is refused with a ValidationException naming each field; nothing is stored.");
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
      groups.members(Actor.ANONYMOUS, group.id(), PageRequest.of(2, firstCursor + "A"));
    } catch (ValidationException e) {
      print(out, e);
      violations.addAll(e.violations());
    }
    out.println("   \"" + group.name() + "\" still has " + groups.get(group.id()).memberCount() + " members.");

    List<String> eventTypes = heard.stream().map(MeadowEvent::type).toList();
    return new Outcome(groups.get(group.id()), posts.get(Actor.ANONYMOUS, post.id()), news, joinedAgain, left, pages,
        inSport, summary, lowestFirst, verifiedOnly, eventTypes, violations, refusals);
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
   * @param post bo's post at the end
   * @param stationPost the store's post in its station
   * @param joinedAgain what the second join of the same user returned
   * @param left what leaving returned
   * @param memberPages the user ids on each page of members
   * @param inSport the names of the groups listed under Sport
   * @param summary the rating summary of the reviewed shoes
   * @param lowestFirst the shoes' reviews, lowest rating first
   * @param verifiedOnly the shoes' verified reviews
   * @param eventTypes the type of every event the listener heard, in order
   * @param violations every violation reported for the bad input
   * @param refusals the messages of the permissions refused
   */
  record Outcome(
      Group group,
      Post post,
      Post stationPost,
      JoinResult joinedAgain,
      boolean left,
      List<List<String>> memberPages,
      List<String> inSport,
      RatingSummary summary,
      ReviewPage lowestFirst,
      ReviewPage verifiedOnly,
      List<String> eventTypes,
      List<ValidationException.Violation> violations,
      List<String> refusals) {}
}
