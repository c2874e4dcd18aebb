package dev.meadow.core.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Meadow;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import dev.meadow.core.ports.PurchaseVerifier;
import dev.meadow.core.ports.StoreStaff;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a shop configured for its reviews, read back for notices such as trust's "how reviews are verified". */
class ReviewsConfigurationTest {
  @Test
  @DisplayName("The built-in moderators name themselves and their settings; a shop's own is 'custom' unless it says")
  void moderators_nameThemselves() {
    assertEquals(List.of("length(10,10000)", "links(1)", "contactDetails", "repeatedText"),
        ContentModerators.defaults().stream().map(ContentModerator::name).toList());
    assertEquals("length(3,40)", ContentModerators.length(3, 40).name());
    assertEquals("links(0)", ContentModerators.links(0).name());
    assertEquals("blockedWords", ContentModerators.blockedWords(Set.of("scam")).name(), "the words stay private");
    ContentModerator own = input -> ModerationVerdict.PUBLISH;
    assertEquals(ContentModerator.CUSTOM, own.name());
    ContentModerator named = new ContentModerator() {
      @Override
      public ModerationVerdict moderate(ModerationInput input) {
        return ModerationVerdict.PUBLISH;
      }

      @Override
      public String name() {
        return "classifier";
      }
    };
    assertEquals("classifier", named.name());
  }

  @Test
  @DisplayName("A named built-in moderator still decides as before")
  void namedModerator_decidesAsBefore() {
    ModerationInput shortText = new ModerationInput(UserId.of("ada"), ProductId.of("p"),
        null, "short", List.of(), false);
    assertEquals(ModerationVerdict.Outcome.REJECT, ContentModerators.length(10, 100).moderate(shortText).outcome());
  }

  @Test
  @DisplayName("Reviews say whether purchases are checked: not until the shop sets a purchase verifier")
  void checksPurchases_onlyWithAVerifier() {
    assertFalse(Meadow.builder().build().reviews().checksPurchases());
    assertFalse(Meadow.builder().purchases(PurchaseVerifier.NONE).build().reviews().checksPurchases());
    assertTrue(Meadow.builder().purchases((user, product, order) -> Optional.empty()).build().reviews().checksPurchases());
  }

  @Test
  @DisplayName("Reviews hand back the store staff port they record employees by, NONE by default")
  void storeStaff_isTheConfiguredPort() {
    assertSame(StoreStaff.NONE, Meadow.builder().build().reviews().storeStaff());
    StoreStaff staff = user -> Set.of();
    assertSame(staff, Meadow.builder().storeStaff(staff).build().reviews().storeStaff());
  }
}
