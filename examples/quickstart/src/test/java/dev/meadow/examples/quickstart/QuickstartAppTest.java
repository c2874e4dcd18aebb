package dev.meadow.examples.quickstart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException.Violation;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.JoinResult;
import dev.meadow.core.reviews.DisclosureLabel;
import dev.meadow.core.reviews.Review;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuickstartAppTest {
  private static QuickstartApp.Outcome outcome;
  private static String printed;

  @BeforeAll
  static void runTheTour() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, UTF_8)) {
      outcome = QuickstartApp.run(out);
    }
    printed = bytes.toString(UTF_8);
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
            "review.submitted", "review.submitted", "review.voted", "review.voted", "review.replied"),
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
}
