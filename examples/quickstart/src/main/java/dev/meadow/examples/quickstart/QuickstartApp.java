package dev.meadow.examples.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import dev.meadow.core.referrals.Attribution;
import dev.meadow.core.referrals.Audience;
import dev.meadow.core.referrals.Channel;
import dev.meadow.core.referrals.Conversion;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.OrderLine;
import dev.meadow.core.referrals.PendingRun;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.ReferralStats;
import dev.meadow.core.referrals.Referrals;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardPayment;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.referrals.Share;
import dev.meadow.core.referrals.ShareTarget;
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
import dev.meadow.core.ports.RewardIssuer;
import dev.meadow.webhooks.AddressKind;
import dev.meadow.webhooks.DeliveryReport;
import dev.meadow.webhooks.Registration;
import dev.meadow.webhooks.WebhookVerificationException;
import dev.meadow.webhooks.WebhookVerifier;
import dev.meadow.webhooks.Webhooks;
import dev.meadow.trust.BadgeTexts;
import dev.meadow.trust.BuiltInBadges;
import dev.meadow.trust.Grant;
import dev.meadow.trust.HeldBadge;
import dev.meadow.trust.Reputation;
import dev.meadow.trust.ReputationTerm;
import dev.meadow.trust.Trust;
import dev.meadow.trust.TrustLevel;
import dev.meadow.trust.labels.Label;
import dev.meadow.trust.notice.VerificationNotice;
import java.util.Locale;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The smallest runnable Meadow integration: in-memory storage, an interest group, a store
 * station, a few members talking, a referral that pays, and webhooks to the shop's own server.
 *
 * <p>It builds a {@link Meadow} on the embedded default with a category tree, a label catalogue,
 * one store's staff, a referral program and a clock of its own, listens to its events, creates a
 * group, lets users join (one of them twice) and leave, post, comment, reply and like, opens a
 * store station, finds the group by category, has a verified and an unverified shopper review a
 * product (with a vote and the store's reply) and reads the honest summary and listings, lists the
 * members two at a time by following the paging cursors, and shows how bad input and a forbidden
 * action are refused. Then a buyer shares the product with a friend, whose repeated click and
 * repeated order count once, whose partial refund shrinks the rewards, and who is paid with the
 * buyer once the approval hold has passed; the buyer's own order through her link is held by the
 * fraud checks. Last, the events go as signed webhooks to a receiver on the JDK's HTTP server,
 * which verifies each and skips a retry it has handled. Everything it starts, it stops.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples/quickstart -am compile -Prun} from the repository
 * root.
 */
public final class QuickstartApp {
  private static final StoreId TRAILHEAD = StoreId.of("trailhead");
  private static final ProductId TRAIL_SHOES = ProductId.of("sku-trail-2");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

  private QuickstartApp() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the tour, printing what happens to {@code out}, and returns what happened. */
  static Outcome run(PrintStream out) {
    List<MeadowEvent> heard = new ArrayList<>();
    ManualClock clock = new ManualClock(START);
    Wallet wallet = new Wallet(out);
    Meadow meadow = Meadow.builder() // storage defaults to MemoryStorage.create()
        .clock(clock)
        .taxonomy(Taxonomy.builder().category("sport", "Sport").category("running", "Running", "sport").build())
        .labels(LabelCatalogue.builder().label("trail", "Trail").label("minimalist", "Minimalist").build())
        .storeStaff(user -> user.equals(UserId.of("sam")) ? Set.of(TRAILHEAD) : Set.of())
        .purchases((user, product, order) -> user.equals(UserId.of("ada")) && product.equals(TRAIL_SHOES)
            ? Optional.of(new Purchase(OrderId.of("order-1001"), product, Instant.parse("2026-11-01T09:30:00Z"),
                PurchaseState.DELIVERED))
            : Optional.empty())
        .referralProgram(ReferralProgram.builder("friends", EUR)
            .referrerReward(RewardRule.fixed(Money.of(500, EUR)))            // 5.00 EUR to the one who shared
            .friendReward(RewardRule.percent(1_000, Money.of(1_000, EUR)))   // 10% to the friend, at most 10.00
            .approvalHold(Duration.ofDays(14))                               // the shop's return window
            .landingUrl("https://trailhead.example/r/{code}")
            .build())
        .rewards(wallet)
        .listener(event -> {
          heard.add(event);
          out.println("     event " + EventJson.write(event));
        })
        .install(Trust.builder()                                             // a module: step 13 shows it
            .badges(List.of(BuiltInBadges.firstReview().build(), BuiltInBadges.verifiedBuyerOfProduct().build(),
                BuiltInBadges.certifiedExpert().build())))
        .install(Webhooks.builder()                                          // a module: step 12 uses it
            .owner("quickstart")
            .timeout(Duration.ofSeconds(5))
            // Loopback is refused by default, so that no one can register an endpoint that reaches
            // into the shop's own machine; this demo's receiver does live on this machine.
            .allowAddresses(AddressKind.LOOPBACK))
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

    out.println();
    out.println("11. ada shares the shoes with gus, a friend who has no account yet; gus buys them through her link.");
    Referrals referrals = meadow.referrals();
    UserId ada = UserId.of("ada");
    UserId gus = UserId.of("gus");
    Share share = referrals.share(ada, ShareTarget.product(TRAIL_SHOES), Channel.MESSAGE,
        Audience.direct(List.of(gus), "The ones I run in"));
    out.println("   ada's link " + referrals.landingUrl(share) + " is seen only by ada and gus");
    String gusBrowser = "cookie-of-gus-browser";           // the shop's visitor key; Meadow stores a hash of it
    boolean firstClick = referrals.recordClick(share.code(), gusBrowser);
    boolean secondClick = referrals.recordClick(share.code(), gusBrowser);
    out.println("   gus clicks twice: counted " + firstClick + ", then " + secondClick);
    Attribution attribution = referrals.attributeSignup(gusBrowser, gus).orElseThrow();
    out.println("   gus signs up and is attributed to " + attribution.referrer());
    OrderId gusOrder = OrderId.of("order-1002");
    Money price = Money.of(12_000, EUR);
    Conversion conversion = referrals.recordOrder(gusOrder, gus, price, List.of(OrderLine.of(TRAIL_SHOES, 1, price)))
        .orElseThrow();
    Conversion reportedAgain = referrals.recordOrder(gusOrder, gus, price, List.of(OrderLine.of(TRAIL_SHOES, 1, price)))
        .orElseThrow();
    out.println("   the shop reports the " + price + " order twice: " + (conversion.equals(reportedAgain)
        ? "one conversion" : "two conversions") + ", earning " + amounts(referrals.rewardsOfOrder(gusOrder)));
    referrals.recordRefund(gusOrder, Money.of(6_000, EUR));
    List<Reward> afterRefund = referrals.rewardsOfOrder(gusOrder);
    out.println("   gus returns half of it (" + Money.of(6_000, EUR) + "): the rewards halve to " + amounts(afterRefund));
    PendingRun onHold = referrals.runPending();
    out.println("   within the " + referrals.program().approvalHold().toDays() + "-day hold nothing is paid: " + onHold);
    clock.advance(Duration.ofDays(15));
    out.println("   a fortnight later the scheduler runs the ledger:");
    PendingRun paid = referrals.runPending();
    out.println("   " + paid);
    PendingRun paidAgain = referrals.runPending();
    out.println("   and once more, paying nothing twice: " + paidAgain);
    ReferralStats adaStats = referrals.stats(ada);
    out.println("   ada's link: " + adaStats.clicks() + " click, " + adaStats.signups() + " signup, " + adaStats.orders()
        + " order, " + Money.of(adaStats.revenueMinor(), EUR) + " kept by the shop, her reward "
        + Money.of(adaStats.rewardsMinor(RewardState.ISSUED), EUR) + " " + RewardState.ISSUED);
    out.println("   ada clicks her own link and orders through it: the fraud checks hold both rewards for a person.");
    String adaBrowser = "cookie-of-ada-browser";
    referrals.recordClick(share.code(), adaBrowser);
    referrals.attributeSignup(adaBrowser, ada);
    Money socks = Money.of(2_000, EUR);
    referrals.recordOrder(OrderId.of("order-1003"), ada, socks,
        List.of(OrderLine.of(ProductId.of("sku-merino-socks"), 1, socks)));
    List<Reward> held = referrals.held(PageRequest.first(10)).items();
    for (Reward reward : held) {
      out.println("     " + reward.role() + " reward " + reward.amount() + " to " + reward.beneficiary() + " "
          + reward.state() + " " + reward.reasons());
    }

    out.println();
    out.println("12. The shop's own server receives events as signed webhooks, checks each signature and skips repeats.");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("no loopback port for the shop's receiver", e);
    }
    Webhooks webhooks = meadow.module(Webhooks.class);
    Receiver receiver;
    List<DeliveryReport> reports = new ArrayList<>();
    try {
      Registration registration = webhooks.register(
          "http://localhost:" + server.getAddress().getPort() + "/hooks/meadow",
          List.of("review.submitted", "referral.converted", "referral.refunded"));
      out.println("   registered " + registration.endpoint().url() + " for " + registration.endpoint().eventTypes()
          + "; it also gets those events still in the outbox, from the start of the tour");
      receiver = new Receiver(out, WebhookVerifier.builder()
          .secret(registration.secret())                    // shown once, at registration
          .clock(clock)                                     // the tour's clock, which signed the timestamps
          .build());
      server.createContext("/hooks/meadow", receiver::handle);
      server.start();
      out.println("   the shop answers its first request with a 503, as if its answer were lost:");
      reports.add(webhooks.deliverPending());
      out.println("   " + reports.get(0));
      clock.advance(Duration.ofMinutes(1));
      out.println("   a minute later, the retry comes with the same webhook-id:");
      reports.add(webhooks.deliverPending());
      out.println("   " + reports.get(1));
    } finally {
      webhooks.shutdown();
      server.stop(0);                                       // no request is in flight: deliverPending returned
    }
    out.println("   the shop verified " + receiver.verified().size() + " events: " + receiver.verified().values().stream().sorted().toList());

    out.println();
    out.println("13. Trust: ada's badges, a certified expert, her reputation, her review's labels in Chinese, the notice.");
    Trust trust = meadow.module(Trust.class);
    out.println("   ada earned " + trust.badges(UserId.of("ada"), PageRequest.first(10)).items().stream()
        .map(b -> b.badgeId() + (b.subject().isEmpty() ? "" : " (" + b.subject() + ")")).toList()
        + " from her review in step 8, as it was published; in Simplified Chinese: "
        + trust.badges(UserId.of("ada"), PageRequest.first(10)).items().stream()
            .map(b -> BadgeTexts.of().name(trust.catalogue().get(b.badgeId()), Locale.SIMPLIFIED_CHINESE)).toList());
    boolean granted = trust.grant(Grant.of(UserId.of("bo"), "certified-expert", UserId.of("sam"),
        "Ran 40 ultramarathons; coaches the Tuesday trail group").inDomain("running"));
    boolean grantedAgain = trust.grant(Grant.of(UserId.of("bo"), "certified-expert", UserId.of("sam"),
        "Ran 40 ultramarathons; coaches the Tuesday trail group").inDomain("running"));
    out.println("   sam certifies bo as an expert in running: " + granted + "; again: " + grantedAgain
        + " (held already, nothing changes)");
    List<Label> adaLabels = trust.labels(reviews.get(Actor.ANONYMOUS, verified.id()));
    out.println("   ada's review is labelled " + adaLabels.stream()
        .map(l -> trust.render(l, Locale.SIMPLIFIED_CHINESE)).toList() + " in Simplified Chinese, "
        + adaLabels.stream().map(l -> trust.render(l, Locale.GERMAN)).toList() + " in German"
        + " (incentivised: she earns a referral reward on these shoes in step 11)");
    Reputation adaReputation = trust.reputation(UserId.of("ada"));
    out.println("   ada's reputation is " + String.format(Locale.ROOT, "%.1f", adaReputation.score())
        + " of 100; each term, smoothed towards its prior so one vote cannot swing it, adds up to it:");
    for (ReputationTerm term : adaReputation.breakdown()) {
      out.println(String.format(Locale.ROOT, "     %-16s raw %.2f of %d, weight %.2f, smoothed %.3f -> %5.2f",
          term.signal(), term.raw(), term.observations(), term.weight(), term.smoothed(), term.contribution()));
    }
    TrustLevel adaLevel = trust.level(UserId.of("ada"));
    out.println("   ada is at trust level " + adaLevel.level() + " (promoted as she acted, once the tour's clock had"
        + " moved past her first day); for level " + (adaLevel.level() + 1) + " she still misses "
        + adaLevel.missed(adaLevel.level() + 1).stream().map(c -> c.threshold().toString()).toList());
    VerificationNotice notice = trust.verificationNotice(Locale.ENGLISH);
    out.println("   the notice beside the reviews, \"" + notice.title() + "\", begins:");
    out.println("     " + notice.paragraphs().get(0));

    List<String> eventTypes = heard.stream().map(MeadowEvent::type).toList();
    return new Outcome(groups.get(group.id()), posts.get(Actor.ANONYMOUS, post.id()), news, joinedAgain, left, pages,
        inSport, summary, lowestFirst, verifiedOnly, eventTypes, violations, refusals,
        List.of(firstClick, secondClick), List.of(conversion, reportedAgain), afterRefund,
        List.of(onHold, paid, paidAgain), wallet.payments(), adaStats, held, reports, receiver.verified(),
        receiver.repeats(), trust.badges(UserId.of("ada"), PageRequest.first(10)).items(),
        List.of(granted, grantedAgain), adaLabels, adaReputation, notice);
  }

  /** Says what each reward is worth now, such as "REFERRER 5.00 EUR to ada". */
  private static String amounts(List<Reward> rewards) {
    return String.join(", ", rewards.stream()
        .map(r -> r.role() + " " + r.owed() + " to " + r.beneficiary()).toList());
  }

  private static void print(PrintStream out, ValidationException e) {
    for (ValidationException.Violation v : e.violations()) {
      out.println("     " + v.field() + " [" + v.code() + "] " + v.message());
    }
  }

  /** The shop's wallet: pays each reward payment once, by its idempotency key, and says so. */
  private static final class Wallet implements RewardIssuer {
    private final PrintStream out;
    private final Map<String, RewardPayment> paid = Collections.synchronizedMap(new LinkedHashMap<>());

    Wallet(PrintStream out) {
      this.out = out;
    }

    @Override
    public void issue(RewardPayment payment) {
      if (paid.putIfAbsent(payment.idempotencyKey(), payment) == null) {
        out.println("     wallet pays " + payment.amount() + " to " + payment.beneficiary() + " (" + payment.role()
            + "), idempotency key " + payment.idempotencyKey());
      }
    }

    @Override
    public void clawBack(RewardPayment payment) {
      if (paid.putIfAbsent(payment.idempotencyKey(), payment) == null) {
        out.println("     wallet takes back " + payment.amount() + " from " + payment.beneficiary()
            + ", idempotency key " + payment.idempotencyKey());
      }
    }

    List<RewardPayment> payments() {
      synchronized (paid) {
        return List.copyOf(paid.values());
      }
    }
  }

  /**
   * The shop's webhook endpoint: verifies each request's signature and handles each event once,
   * by its webhook-id, since delivery is at least once. Its first answer is a 503, as if lost on
   * the way back, so that the tour shows a retry arriving for an event already handled.
   */
  private static final class Receiver {
    private final PrintStream out;
    private final WebhookVerifier verifier;
    private final Map<String, String> verified = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> repeats = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean loseFirstAnswer = new AtomicBoolean(true);

    Receiver(PrintStream out, WebhookVerifier verifier) {
      this.out = out;
      this.verifier = verifier;
    }

    void handle(HttpExchange exchange) throws IOException {
      try {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        try {
          MeadowEvent event = verifier.verify(exchange.getRequestHeaders()::getFirst, body);
          if (verified.putIfAbsent(event.id().value(), event.type()) == null) {
            out.println("     shop verified " + event.type() + " " + event.id());
          } else {
            repeats.add(event.id().value());
            out.println("     shop already handled " + event.id() + ": skipped");
          }
          status = loseFirstAnswer.getAndSet(false) ? 503 : 204;
        } catch (WebhookVerificationException e) {
          out.println("     shop refused a request: " + e.reason());
          status = 401;
        }
        exchange.sendResponseHeaders(status, -1);
      } finally {
        exchange.close();
      }
    }

    /** The webhook-id and type of each event handled, in the order they arrived. */
    Map<String, String> verified() {
      synchronized (verified) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(verified));
      }
    }

    List<String> repeats() {
      return List.copyOf(repeats);
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
   * @param clicksCounted whether gus's first and second click counted
   * @param conversions what the first and the repeated report of gus's order returned
   * @param rewardsAfterRefund the rewards of gus's order after half of it was refunded
   * @param ledgerRuns what each run of the ledger did: within the hold, after it, and once more
   * @param payments what the wallet paid, once per idempotency key
   * @param adaStats ada's referral statistics before her own order
   * @param held the rewards held by the fraud checks
   * @param deliveries what each call of {@code deliverPending()} did
   * @param verified the type of each event the shop's receiver verified, by webhook-id
   * @param repeats the webhook-ids the receiver got again and skipped
   * @param adaBadges the badges ada holds after the tour
   * @param expertGranted whether bo's certification was granted, the first time and again
   * @param adaLabels the disclosure labels of ada's review
   * @param adaReputation ada's reputation with its breakdown
   * @param notice the shop's "how reviews are checked" notice, in English
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
      List<String> refusals,
      List<Boolean> clicksCounted,
      List<Conversion> conversions,
      List<Reward> rewardsAfterRefund,
      List<PendingRun> ledgerRuns,
      List<RewardPayment> payments,
      ReferralStats adaStats,
      List<Reward> held,
      List<DeliveryReport> deliveries,
      Map<String, String> verified,
      List<String> repeats,
      List<HeldBadge> adaBadges,
      List<Boolean> expertGranted,
      List<Label> adaLabels,
      Reputation adaReputation,
      VerificationNotice notice) {}
}
