package dev.meadow.trust.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meadow.core.reviews.Relationship;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RenderingTest {
  private final DisclosureLabels labels = DisclosureLabels.of(new Shop().meadow);

  @Test
  @DisplayName("Labels render in English, Simplified Chinese and German")
  void render_inTheShippedLocales() {
    Label label = new Label(LabelKind.VERIFIED_PURCHASE, java.util.List.of(new Evidence.VerifiedPurchase(null)));
    assertEquals("Verified purchase", labels.render(label, Locale.ENGLISH));
    assertEquals("已验证购买", labels.render(label, Locale.SIMPLIFIED_CHINESE));
    assertEquals("已验证购买", labels.render(label, Locale.forLanguageTag("zh-Hans-CN")));
    assertEquals("Verifizierter Kauf", labels.render(label, Locale.GERMAN));
    assertEquals("Verifizierter Kauf", labels.render(label, Locale.forLanguageTag("de-AT")), "de-AT falls back to de");
    assertEquals("Family of seller", labels.render(
        new Label(LabelKind.FAMILY, java.util.List.of(new Evidence.RecordedRelationship(Relationship.FAMILY))), Locale.US));
  }

  @Test
  @DisplayName("Every label kind has a text and an explanation in every shipped locale, each its own")
  void everyKind_hasTextsInEveryShippedLocale() {
    for (LabelKind kind : LabelKind.values()) {
      String english = labels.render(kind, Locale.ENGLISH);
      assertFalse(labels.explain(kind, Locale.ENGLISH).isBlank());
      for (Locale locale : new Locale[] {Locale.SIMPLIFIED_CHINESE, Locale.GERMAN}) {
        assertFalse(labels.render(kind, locale).isBlank());
        if (kind != LabelKind.AFFILIATE) {   // "Affiliate" is German too
          assertNotEquals(english, labels.render(kind, locale), kind + " in " + locale);
        }
        assertNotEquals(labels.explain(kind, Locale.ENGLISH), labels.explain(kind, locale), kind + " in " + locale);
      }
    }
  }

  @Test
  @DisplayName("A locale without texts falls back to English, never to the JVM's default locale")
  void unknownLocale_fallsBackToEnglish() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);
      assertEquals("Verified purchase", labels.render(LabelKind.VERIFIED_PURCHASE, Locale.forLanguageTag("pt-BR")));
      assertEquals("Verified purchase", labels.render(LabelKind.VERIFIED_PURCHASE, Locale.ROOT));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  @DisplayName("A host adds a locale by putting its bundle on the class path; keys it lacks fall back to English")
  void hostLocale_onTheClassPath() {
    assertEquals("Achat vérifié", labels.render(LabelKind.VERIFIED_PURCHASE, Locale.FRENCH));
    assertEquals("Avis récompensé", labels.render(LabelKind.INCENTIVISED, Locale.CANADA_FRENCH));
    assertEquals("Family of seller", labels.render(LabelKind.FAMILY, Locale.FRENCH));
  }

  @Test
  @DisplayName("A host adds or overrides a locale with a bundle of its own")
  void hostLocale_asABundle() {
    ResourceBundle italian = new ListResourceBundle() {
      @Override
      protected Object[][] getContents() {
        return new Object[][] {{"label.verified_purchase", "Acquisto verificato"}};
      }
    };
    DisclosureLabels withItalian = labels.withTexts(TrustTexts.of(DisclosureLabels.BUNDLE).withBundle(Locale.ITALIAN, italian));
    assertEquals("Acquisto verificato", withItalian.render(LabelKind.VERIFIED_PURCHASE, Locale.ITALY));
    assertEquals("Family of seller", withItalian.render(LabelKind.FAMILY, Locale.ITALIAN));
    assertEquals("Verifizierter Kauf", withItalian.render(LabelKind.VERIFIED_PURCHASE, Locale.GERMAN));
    assertEquals("Verified purchase", labels.render(LabelKind.VERIFIED_PURCHASE, Locale.ITALIAN), "the original is unchanged");
  }

  @Test
  @DisplayName("A host's ResourceBundle.Control decides which bundles are read")
  void hostControl_decidesTheCandidates() {
    ResourceBundle.Control germanForAll = new ResourceBundle.Control() {
      @Override
      public java.util.List<Locale> getCandidateLocales(String baseName, Locale locale) {
        return java.util.List.of(Locale.GERMAN, Locale.ROOT);
      }
    };
    DisclosureLabels german = labels.withTexts(TrustTexts.of(DisclosureLabels.BUNDLE).withControl(germanForAll));
    assertEquals("Verifizierter Kauf", german.render(LabelKind.VERIFIED_PURCHASE, Locale.JAPANESE));
  }

  @Test
  @DisplayName("Texts without the labels' keys, or of no bundle at all, are refused")
  void foreignTexts_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> TrustTexts.of("dev.meadow.trust.labels.NoSuchBundle"));
    assertThrows(IllegalArgumentException.class, () -> TrustTexts.of(" "));
    assertThrows(IllegalArgumentException.class, () -> labels.withTexts(TrustTexts.of("dev.meadow.trust.notice.Notice")));
    assertThrows(IllegalArgumentException.class, () -> labels.texts().text("no.such.key", Locale.ENGLISH));
    assertEquals("baseName", assertThrows(NullPointerException.class, () -> TrustTexts.of(null)).getMessage());
  }
}
