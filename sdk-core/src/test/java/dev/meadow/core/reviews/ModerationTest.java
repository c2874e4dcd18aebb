package dev.meadow.core.reviews;

import static dev.meadow.core.reviews.ReviewsFixture.OOLONG;
import static dev.meadow.core.reviews.ReviewsFixture.SENCHA;
import static dev.meadow.core.reviews.ReviewsFixture.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.UserId;
import dev.meadow.core.events.ReviewEvent;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The moderation chain on submit and edit: the built-in rules, failing rules, and blindness to the rating. */
class ModerationTest {
  private final ReviewsFixture r = ReviewsFixture.create();
  private final UserId ann = r.user("ann");
  private final UserId ben = r.user("ben");

  private static ReviewsFixture shopModeratedBy(ContentModerator... moderators) {
    return ReviewsFixture.with(ReviewPolicy.defaults().withModerators(List.of(moderators)));
  }

  private Review submitted(ReviewsFixture shop, String body) {
    return shop.submit(ann, draft(OOLONG, 3, body));
  }

  private static void assertOutcome(Review review, ReviewState state, String... reasons) {
    assertEquals(state, review.state(), review::toString);
    assertEquals(List.of(reasons), review.reasons());
  }

  // ---- the built-in rules, each through the service ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a body of nine code points, too short       | 123456789  | REJECTED | too short: at least 10 characters",
      "a body of exactly ten code points           | 1234567890 | PUBLISHED |",
      "ten emoji, twenty chars, ten code points     | 🍵🍵🍵🍵🍵🍵🍵🍵🍵🍵 | PUBLISHED |",
      "nine emoji are too short                     | 🍵🍵🍵🍵🍵🍵🍵🍵🍵 | REJECTED | too short: at least 10 characters"})
  void length_rejectsShortBodies_countingCodePoints(String name, String body, ReviewState state, String reason) {
    ReviewsFixture shop = shopModeratedBy(ContentModerators.length(10, 40));
    assertOutcome(submitted(shop, body), state, reason == null ? new String[0] : new String[] {reason});
  }

  @Test
  void length_holdsUnusuallyLongBodies() {
    ReviewsFixture shop = shopModeratedBy(ContentModerators.length(10, 40));
    assertOutcome(submitted(shop, "x".repeat(40)), ReviewState.PUBLISHED);
    assertOutcome(shop.submit(ben, draft(OOLONG, 3, "x".repeat(41))), ReviewState.HELD, "unusually long: over 40 characters");
  }

  @Test
  void links_holdMoreThanTheShopAllows_inTitleOrBody() {
    ReviewsFixture shop = shopModeratedBy(ContentModerators.links(1));
    assertOutcome(submitted(shop, "See https://tea.example/brewing for how"), ReviewState.PUBLISHED);
    Review spam = shop.submit(ben, ReviewDraft.of(OOLONG, ReviewsFixture.TEA_SHOP,
        ReviewContent.of(3, "Cheaper at www.cheap.example").withTitle("Go to http://cheap.example")));
    assertOutcome(spam, ReviewState.HELD, "link spam: 2 links");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an e-mail address         | Write to Ann.Lee+tea@mail.example for samples | contact details: an e-mail address",
      "a phone number            | Ring +44 (20) 7946-0958 for a discount         | contact details: a phone number",
      "a phone with dots         | Call 020.7946.0958 today                      | contact details: a phone number",
      "both                      | a@b.example or 07946 095 800, ask for Ann      | contact details: an e-mail address, a phone number"})
  void contactDetails_areHeld(String name, String body, String reason) {
    assertOutcome(submitted(shopModeratedBy(ContentModerators.contactDetails()), body), ReviewState.HELD, reason);
  }

  @Test
  void contactDetails_letShortNumbersAndAtSignsThrough() {
    ReviewsFixture shop = shopModeratedBy(ContentModerators.contactDetails());
    assertOutcome(submitted(shop, "Brewed 3 times at 85 degrees, order 12345678 arrived @ noon"), ReviewState.PUBLISHED);
  }

  @Test
  void blockedWords_rejectWholeWordsWhateverTheirCase() {
    ReviewsFixture shop = shopModeratedBy(ContentModerators.blockedWords(Set.of("scam", "Rip-off")));
    assertOutcome(submitted(shop, "Scampi and scams aside, a fine tea"), ReviewState.PUBLISHED);
    assertOutcome(shop.submit(ben, draft(OOLONG, 3, "This tea is a SCAM, avoid")), ReviewState.REJECTED, "blocked word");
    UserId cy = shop.user("cy");
    assertOutcome(shop.submit(cy, ReviewDraft.of(OOLONG, ReviewsFixture.TEA_SHOP,
        ReviewContent.of(3, "Tastes of very little").withTitle("A rip-off."))), ReviewState.REJECTED, "blocked word");
  }

  @Test
  void repeatedText_holdsTheSameAuthorsSameWords_normalised() {
    r.submit(ann, draft(OOLONG, 4, "Lovely tea, would buy again"));
    assertOutcome(r.submit(ben, draft(OOLONG, 4, "Lovely tea, would buy again")), ReviewState.PUBLISHED);
    assertOutcome(r.submit(ann, draft(SENCHA, 4, "  LOVELY tea,\n would  buy AGAIN ")), ReviewState.HELD,
        "the author posted the same text before");
  }

  @Test
  void repeatedText_forgetsWithdrawnReviews() {
    Review first = r.submit(ann, draft(OOLONG, 4, "Lovely tea, would buy again"));
    r.emits(ReviewEvent.Withdrawn.class, () -> r.reviews.withdraw(ann, first.id()));
    assertOutcome(r.submit(ann, draft(SENCHA, 4, "Lovely tea, would buy again")), ReviewState.PUBLISHED);
  }

  @Test
  void everyRuleRuns_theStrictestWins_andEveryReasonIsKept() {
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults().withModerators(List.of(
        ContentModerators.links(1), ContentModerators.contactDetails(), ContentModerators.blockedWords(Set.of("scam")))));
    Review review = shop.submit(ann, draft(OOLONG, 3,
        "scam: https://a.example https://b.example, mail me at ann@mail.example"));
    assertOutcome(review, ReviewState.REJECTED, "link spam: 2 links", "contact details: an e-mail address", "blocked word");
    assertEquals(List.of("link spam: 2 links", "contact details: an e-mail address", "blocked word"),
        ((ReviewEvent.Submitted) shop.witness.heard().get(0)).reasons());
  }

  @Test
  void aModeratorThatFailsOrAnswersNothing_holdsTheReview() {
    ContentModerator failing = input -> {
      throw new IllegalStateException("classifier unavailable");
    };
    ContentModerator silent = input -> null;
    for (ContentModerator broken : List.of(failing, silent)) {
      ReviewsFixture shop = shopModeratedBy(ContentModerators.length(1, 100), broken);
      assertOutcome(submitted(shop, "A perfectly fine review"), ReviewState.HELD, "a moderation check failed");
      assertEquals(0, shop.reviews.summary(SummaryKey.product(OOLONG)).count());
    }
  }

  @Test
  void heldAndRejectedReviews_doNotCount_andHeldOnesWaitInTheQueue() {
    Review held = r.submit(ann, draft(OOLONG, 1, "Call +44 20 7946 0958 instead"));
    Review rejected = r.submit(ben, draft(OOLONG, 1, "Bad"));
    assertEquals(List.of(ReviewState.HELD, ReviewState.REJECTED), List.of(held.state(), rejected.state()));
    assertEquals(0, r.reviews.summary(SummaryKey.product(OOLONG)).count());
    assertEquals(List.of(held), r.reviews.held(dev.meadow.core.PageRequest.first()).items());
    assertEquals(List.of(), r.reviews.list(SummaryKey.product(OOLONG), ReviewFilter.all(), ReviewSort.NEWEST,
        dev.meadow.core.PageRequest.first()).items());
  }

  // ---- on edit ----

  @Test
  void editing_runsModerationAgain_andMovesTheReviewOutOfTheSummaries() {
    Review review = r.review(ann, OOLONG, 4);
    Review edited = r.edit(review, c -> c.withBody("Better price if you call +44 20 7946 0958"));
    assertOutcome(edited, ReviewState.HELD, "contact details: a phone number");
    assertEquals(ReviewState.HELD, ((ReviewEvent.Edited) r.witness.heard().get(1)).state());
    assertEquals(0, r.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  @Test
  void editing_aRejectedReview_holdsItForAModerator_insteadOfPublishingIt() {
    Review review = r.submit(ann, draft(OOLONG, 2, "Meh"));
    Review edited = r.edit(review, c -> c.withBody("Meh: flat and a little stale"));
    assertOutcome(edited, ReviewState.HELD, Reviews.EDITED_AFTER_REJECTION);
    assertEquals(0, r.reviews.summary(SummaryKey.product(OOLONG)).count());
  }

  @Test
  void editing_aHeldReview_keepsItHeldForAModerator_withEveryReason() {
    Review review = r.submit(ann, draft(OOLONG, 2, "Call +44 20 7946 0958 for more"));
    Review cleaned = r.edit(review, c -> c.withBody("Flat and a little stale"));
    assertOutcome(cleaned, ReviewState.HELD, "contact details: a phone number");
    Review spammed = r.edit(review, c -> c.withBody("Stale. https://a.example https://b.example"));
    assertOutcome(spammed, ReviewState.HELD, "link spam: 2 links", "contact details: a phone number");
    assertTrue(r.emits(ReviewEvent.Published.class, () -> r.reviews.approve(r.user("mod"), review.id())));
    assertOutcome(r.reload(review), ReviewState.PUBLISHED);
  }

  // ---- blind to the rating ----

  @Test
  void theInput_hasNoRating() {
    assertEquals(List.of("author", "productId", "title", "body", "media", "repeatedText"),
        Arrays.stream(ModerationInput.class.getRecordComponents()).map(RecordComponent::getName).toList());
    for (Method method : ModerationInput.class.getMethods()) {
      String name = method.getName().toLowerCase(java.util.Locale.ROOT);
      assertFalse(name.contains("rating") || name.contains("star"), method::toString);
      assertFalse(method.getParameterCount() == 0 && !name.equals("hashcode")
          && (method.getReturnType() == int.class || method.getReturnType() == Integer.class), method::toString);
    }
  }

  /**
   * A moderator that rejects anything it can find a number in, through every accessor of its
   * input, and records each input: were the rating visible, it would reject every review.
   */
  private static final class NumberHunter implements ContentModerator {
    final List<ModerationInput> seen = new CopyOnWriteArrayList<>();

    @Override
    public ModerationVerdict moderate(ModerationInput input) {
      seen.add(input);
      for (RecordComponent component : ModerationInput.class.getRecordComponents()) {
        try {
          if (component.getAccessor().invoke(input) instanceof Number) {
            return ModerationVerdict.reject("found a number in " + component.getName());
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return ModerationVerdict.PUBLISH;
    }
  }

  @Test
  void oneAndFiveStars_withTheSameText_getTheSameOutcome_fromTheSameInput() {
    NumberHunter hunter = new NumberHunter();
    ReviewsFixture shop = ReviewsFixture.with(ReviewPolicy.defaults()
        .withModerators(List.of(hunter, ContentModerators.blockedWords(Set.of("awful")))));
    String text = "Tastes of cardboard, sent it back";
    Review oneStar = shop.submit(ann, draft(OOLONG, 1, text));
    Review fiveStars = shop.submit(ben, draft(OOLONG, 5, text));
    assertEquals(List.of(ReviewState.PUBLISHED, ReviewState.PUBLISHED), List.of(oneStar.state(), fiveStars.state()));
    assertEquals(List.of(new ModerationInput(ann, OOLONG, null, text, List.of(), false),
        new ModerationInput(ben, OOLONG, null, text, List.of(), false)), hunter.seen);
    Review awful = shop.submit(shop.user("cy"), draft(OOLONG, 1, "Awful"));
    Review awfulFive = shop.submit(shop.user("dee"), draft(OOLONG, 5, "Awful"));
    assertEquals(List.of(ReviewState.REJECTED, ReviewState.REJECTED), List.of(awful.state(), awfulFive.state()));
  }

  @Test
  void changingOnlyTheRating_showsModerationTheSameInputAsBefore() {
    NumberHunter hunter = new NumberHunter();
    ReviewsFixture shop = shopModeratedBy(hunter);
    Review review = shop.submit(ann, draft(OOLONG, 5, "Floral and sweet"));
    Review edited = shop.edit(review, c -> c.withRating(1));
    assertEquals(ReviewState.PUBLISHED, edited.state());
    assertEquals(hunter.seen.get(0), hunter.seen.get(1));
  }
}
