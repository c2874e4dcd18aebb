package dev.meadow.examples.quickstart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException.Violation;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.reviews.DisclosureLabel;
import dev.meadow.core.referrals.FraudReason;
import dev.meadow.core.referrals.PendingRun;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardPayment;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.reviews.Review;
import dev.meadow.webhooks.DeliveryReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuickstartAppTest {
  private static QuickstartApp.Outcome outcome;
  private static String printed;
  private static Set<Thread> startedAndAlive;

  @BeforeAll
  static void runTheTour() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, UTF_8)) {
      outcome = QuickstartApp.run(out);
    }
    printed = bytes.toString(UTF_8);
    startedAndAlive = new HashSet<>(Thread.getAllStackTraces().keySet());
    startedAndAlive.removeAll(before);
  }

  @Test
  void run_endsWithOwnerAndFourMembers() {
    assertEquals("trail-runners", outcome.group().slug());
    assertEquals(UserId.of("ada"), outcome.group().owner());
    assertEquals(5, outcome.group().memberCount());
  }

  @Test
  void run_secondJoinChangesNothingAndLeaveDoes() {
    assertEquals(JoinResult.ALREADY_MEMBER, outcome.joinedAgain());
    assertTrue(outcome.left());
  }

  @Test
  void run_countsCommentsRepliesAndLikesOnThePost() {
    assertEquals(2, outcome.post().commentCount(), "one comment and its reply");
    assertEquals(2, outcome.post().likeCount());
    assertEquals(1, outcome.group().postCount());
    assertEquals(Disclosure.GIFTED, outcome.post().disclosure());
  }

  @Test
  void run_stationPostsCarryTheStoreAndBuyersMayNotPostThere() {
    assertEquals(List.of(StoreId.of("trailhead")), outcome.stationPost().affiliations());
    assertEquals(1, outcome.refusals().size());
    assertTrue(printed.contains("refused: only the staff of store trailhead post in its station"), printed);
  }

  @Test
  void run_findsTheGroupUnderItsParentCategory() {
    assertEquals(List.of("Trail Runners"), outcome.inSport());
  }

  @Test
  void run_summarisesBothReviewsAndListsTheLowestFirst() {
    assertEquals(2, outcome.summary().count());
    assertEquals(3.0, outcome.summary().mean());
    assertEquals(1, outcome.summary().verifiedCount());
    assertEquals(List.of(2, 4), outcome.lowestFirst().page().items().stream().map(Review::rating).toList());
    assertEquals(List.of(DisclosureLabel.VERIFIED_PURCHASE), outcome.lowestFirst().page().items().get(1).labels());
    assertFalse(outcome.lowestFirst().narrowed(), "the default view shows every published rating");
  }

  @Test
  void run_verifiedOnlyShowsTheBuyerAndSaysItNarrowed() {
    assertEquals(List.of(UserId.of("ada")),
        outcome.verifiedOnly().page().items().stream().map(Review::author).toList());
    assertTrue(outcome.verifiedOnly().narrowed());
  }

  @Test
  void run_pagesMembersTwoAtATimeInJoinOrderWithoutTheOneWhoLeft() {
    assertEquals(List.of(List.of("ada", "bo"), List.of("dara", "eli"), List.of("fay")), outcome.memberPages());
  }

  @Test
  void run_hearsOneEventPerChangeAndNoneForTheRepeatedJoin() {
    assertEquals(
        List.of("group.created",
            "group.member_joined", "group.member_joined", "group.member_joined", "group.member_joined",
            "group.member_joined",
            "group.member_left",
            "post.created", "post.comment_added", "post.comment_added", "post.liked", "post.liked",
            "group.created", "post.created", "group.member_joined", "post.comment_added",
            "review.submitted", "badge.granted", "badge.granted",          // ada: first review, verified buyer
            "review.submitted", "badge.granted",                           // fay: first review
            "review.voted", "review.voted", "review.replied",
            "referral.shared", "referral.clicked", "referral.signup_attributed", "referral.converted",
            "referral.reward_earned", "referral.reward_earned",
            "referral.refunded", "referral.reward_changed", "referral.reward_changed",
            "referral.reward_changed", "referral.reward_changed",           // approved after the hold
            "referral.reward_changed", "referral.reward_changed",           // being paid
            "referral.reward_changed", "referral.reward_changed",           // paid
            "referral.clicked", "referral.signup_attributed", "referral.converted",
            "level.changed",                                               // ada, level 1: a review, a day in
            "referral.reward_earned", "referral.reward_earned",
            "badge.granted"),                                              // bo, certified expert
        outcome.eventTypes());
  }

  @Test
  void run_reportsEachBadFieldByName() {
    assertEquals(
        List.of("name:control_character", "slug:malformed_slug", "cursor:malformed_cursor"),
        outcome.violations().stream().map(v -> v.field() + ":" + v.code()).toList());
    for (Violation violation : outcome.violations()) {
      assertTrue(printed.contains(violation.field() + " [" + violation.code() + "] " + violation.message()),
          () -> "not printed: " + violation);
    }
  }

  @Test
  void run_printsEveryEventAsStableJson() {
    long eventLines = printed.lines().filter(line -> line.strip().startsWith("event {\"type\":\"")).count();
    assertEquals(outcome.eventTypes().size(), eventLines);
    assertTrue(printed.contains("page 3: fay (MEMBER)   (last page)"), printed);
  }

  @Test
  void run_countsTheFriendsSecondClickAndRepeatedOrderOnce() {
    assertEquals(List.of(true, false), outcome.clicksCounted());
    assertEquals(outcome.conversions().get(0), outcome.conversions().get(1), "the repeated report returns the same");
    assertEquals(1, outcome.adaStats().clicks());
    assertEquals(1, outcome.adaStats().signups());
    assertEquals(1, outcome.adaStats().orders());
    assertTrue(printed.contains("gus clicks twice: counted true, then false"), printed);
    assertTrue(printed.contains("the 120.00 EUR order twice: one conversion, earning REFERRER 5.00 EUR to ada, "
        + "FRIEND 10.00 EUR to gus"), printed);
  }

  @Test
  void run_halvesEachRewardWhenHalfTheOrderIsRefunded() {
    assertEquals(List.of("REFERRER ada 250", "FRIEND gus 500"), outcome.rewardsAfterRefund().stream()
        .map(r -> r.role() + " " + r.beneficiary() + " " + r.owed().minor()).toList());
    assertEquals(6_000, outcome.adaStats().revenueMinor(), "what the shop kept of the 120.00 EUR order");
    assertTrue(printed.contains("the rewards halve to REFERRER 2.50 EUR to ada, FRIEND 5.00 EUR to gus"), printed);
  }

  @Test
  void run_paysEachRewardOnceAndOnlyAfterTheHold() {
    assertEquals(List.of(new PendingRun(0, 0, 0, 0), new PendingRun(2, 2, 0, 0), new PendingRun(0, 0, 0, 0)),
        outcome.ledgerRuns());
    assertEquals(List.of("ada 250 REFERRER", "gus 500 FRIEND"), outcome.payments().stream()
        .map(p -> p.beneficiary() + " " + p.amount().minor() + " " + p.role()).toList());
    List<String> keys = outcome.payments().stream().map(RewardPayment::idempotencyKey).toList();
    for (String key : keys) {
      assertEquals(1, printed.lines().filter(line -> line.contains("wallet pays") && line.endsWith(key)).count(),
          () -> "paid once under " + key + ":\n" + printed);
    }
    assertEquals(2, printed.lines().filter(line -> line.contains("wallet pays")).count(), printed);
    assertEquals(1, outcome.adaStats().rewards(RewardState.ISSUED));
    assertEquals(250, outcome.adaStats().rewardsMinor(RewardState.ISSUED));
    assertTrue(printed.contains("her reward 2.50 EUR ISSUED"), printed);
  }

  @Test
  void run_holdsTheRewardsOfAnOrderThroughTheBuyersOwnLink() {
    assertEquals(List.of(RewardRole.REFERRER, RewardRole.FRIEND), outcome.held().stream().map(Reward::role).toList());
    for (Reward reward : outcome.held()) {
      assertEquals(UserId.of("ada"), reward.beneficiary());
      assertEquals(RewardState.HELD, reward.state());
      assertTrue(reward.reasons().contains(FraudReason.SELF_REFERRAL), () -> reward.reasons().toString());
    }
    assertTrue(printed.contains("REFERRER reward 5.00 EUR to ada HELD [" + FraudReason.SELF_REFERRAL), printed);
  }

  @Test
  void run_receiverVerifiesEachWantedEventOnceAndSkipsTheRetry() {
    assertEquals(
        List.of("referral.converted", "referral.converted", "referral.refunded", "review.submitted", "review.submitted"),
        outcome.verified().values().stream().sorted().toList());
    assertEquals(1, outcome.repeats().size());
    assertTrue(outcome.verified().containsKey(outcome.repeats().get(0)), "the retry repeats a webhook-id");
    assertEquals(List.of(new DeliveryReport(45, 4, 1, 0, 0, 0), new DeliveryReport(0, 1, 0, 0, 0, 0)), outcome.deliveries(),
        "every event fanned out, five of them wanted; the answer lost once, so one retry");
    assertEquals(5, printed.lines().filter(line -> line.strip().startsWith("shop verified ")).count(), printed);
    assertTrue(printed.contains("the shop verified 5 events"), printed);
    assertTrue(printed.contains("shop already handled " + outcome.repeats().get(0) + ": skipped"), printed);
    assertFalse(printed.contains("shop refused"), printed);
  }

  @Test
  void run_showsTrust() {
    assertEquals(List.of("first-review", "verified-buyer-product"),
        outcome.adaBadges().stream().map(b -> b.badgeId()).sorted().toList(), "earned as her review was published");
    assertEquals(List.of(true, false), outcome.expertGranted(), "granted once; the repeat changes nothing");
    assertEquals(dev.meadow.trust.labels.LabelKind.VERIFIED_PURCHASE, outcome.adaLabels().get(0).kind());
    assertEquals(outcome.adaReputation().score(),
        outcome.adaReputation().breakdown().stream().mapToDouble(t -> t.contribution()).sum(), 1e-9,
        "the breakdown adds up to the score");
    assertTrue(printed.contains("ada's reputation is "), printed);
    assertTrue(printed.contains("in Simplified Chinese"), printed);
    assertTrue(outcome.notice().text().startsWith(outcome.notice().title()), outcome.notice().text());
    assertTrue(printed.contains(outcome.notice().paragraphs().get(0)), printed);
  }

  @Test
  void run_stopsTheReceiverAndLeavesNoThreadThatKeepsTheJvmAlive() {
    Matcher url = Pattern.compile("registered http://localhost:(\\d+)/hooks/meadow").matcher(printed);
    assertTrue(url.find(), printed);
    int port = Integer.parseInt(url.group(1));
    assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
        "the receiver is stopped");
    assertEquals(List.of(), startedAndAlive.stream().filter(t -> t.isAlive() && !t.isDaemon()).map(Thread::getName)
        .toList());
  }
}
