package dev.meadow.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meadow.trust.labels.DisclosureLabels;
import dev.meadow.trust.labels.TrustTexts;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Badges render in English, Simplified Chinese, German and a locale the host adds")
class BadgeTextsTest {
  private static final List<Badge> BUILT_IN = List.of(BuiltInBadges.verifiedBuyerOfProduct().build(),
      BuiltInBadges.verifiedBuyerOfStore().build(), BuiltInBadges.certifiedExpert().build(),
      BuiltInBadges.firstReview().build(), BuiltInBadges.topReviewer().build(), BuiltInBadges.helpfulReviewer().build(),
      BuiltInBadges.activeMember().build(), BuiltInBadges.stationFavourite().build());

  @Test
  @DisplayName("A built-in badge and its tier render in each shipped locale, and in English for any other")
  void shippedLocales() {
    // snippet: badge-texts
    BadgeTexts texts = BadgeTexts.of();
    Badge expert = BuiltInBadges.certifiedExpert().build();
    texts.name(expert, Locale.SIMPLIFIED_CHINESE);           // "认证专家"
    texts.name(expert, Locale.GERMAN);                       // "Zertifizierter Experte"
    texts.tier(expert.tier(), Locale.SIMPLIFIED_CHINESE);    // "金牌"
    // end snippet: badge-texts
    assertEquals("认证专家", texts.name(expert, Locale.SIMPLIFIED_CHINESE));
    assertEquals("Zertifizierter Experte", texts.name(expert, Locale.GERMAN));
    assertEquals("金牌", texts.tier(expert.tier(), Locale.SIMPLIFIED_CHINESE));
    assertEquals("Certified expert", texts.name(expert, Locale.JAPANESE));
    assertEquals("Vom Shop als Experte auf diesem Gebiet zertifiziert", texts.description(expert, Locale.GERMANY));
  }

  @Test
  @DisplayName("Every built-in badge has a name and a description of its own in every shipped locale")
  void everyBuiltInIsTranslated() {
    BadgeTexts texts = BadgeTexts.of();
    for (Badge badge : BUILT_IN) {
      assertEquals(badge.name(), texts.name(badge, Locale.ENGLISH), badge.id());
      assertEquals(badge.description(), texts.description(badge, Locale.ENGLISH), badge.id());
      for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.GERMAN)) {
        assertFalse(texts.name(badge, locale).equals(badge.name()), badge.id() + " " + locale);
        assertFalse(texts.description(badge, locale).equals(badge.description()), badge.id() + " " + locale);
      }
    }
    for (Tier tier : Tier.values()) {
      assertFalse(texts.tier(tier, Locale.SIMPLIFIED_CHINESE).equals(texts.tier(tier, Locale.ENGLISH)), tier.name());
    }
  }

  @Test
  @DisplayName("A badge the shop named itself, or a built-in it renamed, shows as the shop named it")
  void shopsOwnWords() {
    BadgeTexts texts = BadgeTexts.of();
    Badge loyal = Badge.earned("loyal-customer", "Stammkunde", Rule.atLeast(Signal.host("orders"), 5)).build();
    Badge renamed = Badge.earned("first-review", "Trailblazer", Rule.atLeast(Signal.REVIEWS, 1)).build();
    assertEquals("Stammkunde", texts.name(loyal, Locale.SIMPLIFIED_CHINESE));
    assertEquals("Trailblazer", texts.name(renamed, Locale.GERMAN));
  }

  @Test
  @DisplayName("A host adds a locale with a bundle of its own, and other texts are not badge texts")
  void hostLocale() {
    ListResourceBundle french = new ListResourceBundle() {
      @Override
      protected Object[][] getContents() {
        return new Object[][] {{"badge.first-review.name", "Premier avis"}, {"tier.bronze", "Bronze"}};
      }
    };
    BadgeTexts texts = BadgeTexts.of(TrustTexts.of(BadgeTexts.BUNDLE).withBundle(Locale.FRENCH, french));
    assertEquals("Premier avis", texts.name(BuiltInBadges.firstReview().build(), Locale.FRENCH));
    assertEquals("Gold", texts.tier(Tier.GOLD, Locale.FRENCH), "English where the host's bundle has no text");
    assertThrows(IllegalArgumentException.class, () -> BadgeTexts.of(TrustTexts.of(DisclosureLabels.BUNDLE)));
    assertThrows(NullPointerException.class, () -> BadgeTexts.of().name(null, Locale.ENGLISH));
  }
}
