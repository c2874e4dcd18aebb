package dev.meadow.trust.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.ValidationException;
import dev.meadow.core.referrals.Money;
import dev.meadow.core.referrals.ReferralProgram;
import dev.meadow.core.referrals.RewardRule;
import dev.meadow.core.reviews.ContentModerator;
import dev.meadow.core.reviews.ContentModerators;
import dev.meadow.core.reviews.ModerationInput;
import dev.meadow.core.reviews.ModerationVerdict;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.ReviewPolicy;
import dev.meadow.core.reviews.Source;
import dev.meadow.core.reviews.VerificationRule;
import dev.meadow.trust.labels.LabelKind;
import dev.meadow.trust.labels.Shop;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerificationNoticesTest {
  private static VerificationNotice english(Shop shop) {
    return VerificationNotices.of(shop.meadow).notice(Locale.ENGLISH);
  }

  @Test
  @DisplayName("The default configuration's notice says how purchases, moderation, ratings, labels, incentives, sources and reports are handled")
  void defaults_inEnglish() {
    VerificationNotice notice = english(new Shop());
    assertEquals("How reviews are checked", notice.title());
    assertEquals(7, notice.paragraphs().size());
    assertEquals(List.of(LabelKind.values()), notice.labels());
    assertTrue(notice.text().startsWith("How reviews are checked\n\nWe check reviews against our orders."), notice.text());
    assertTrue(notice.text().contains("No review is hidden, held or ranked down for its rating."));
    assertTrue(notice.text().contains("Sellers cannot delete shoppers' reviews"));
  }

  @Test
  @DisplayName("The verification rule reaches the text: state, refunds and window; and without a verifier the notice says nothing is checked")
  void verificationRule_reachesTheText() {
    String defaults = english(new Shop()).paragraphs().get(0);
    assertTrue(defaults.contains("the order was delivered and not refunded, at most 365 days before the review"), defaults);

    Shop paid = new Shop(b -> b.reviewPolicy(ReviewPolicy.defaults()
        .withVerification(new VerificationRule(PurchaseState.PAID, true, Duration.ofDays(90)))));
    VerificationNotice notice = english(paid);
    assertEquals(new VerificationNotice.PurchaseCheck(true, PurchaseState.PAID, true, Duration.ofDays(90)), notice.purchases());
    assertTrue(notice.paragraphs().get(0).contains(
        "the order was paid for (a refund does not take the mark away), at most 90 days before the review"),
        notice.paragraphs().get(0));

    Shop forever = new Shop(b -> b.reviewPolicy(ReviewPolicy.defaults()
        .withVerification(new VerificationRule(PurchaseState.ORDERED, false, null))));
    assertTrue(english(forever).paragraphs().get(0).contains("the order was placed and not refunded, at any time before the review"));

    VerificationNotice none = VerificationNotices.of(dev.meadow.core.Meadow.builder().build()).notice(Locale.ENGLISH);
    assertFalse(none.purchases().checked());
    assertTrue(none.paragraphs().get(0).startsWith("We do not check reviews against our orders"), none.paragraphs().get(0));
  }

  @Test
  @DisplayName("The moderation chain reaches the text, each built-in rule with its settings and a shop's own by name")
  void moderationChain_reachesTheText() {
    String defaults = english(new Shop()).paragraphs().get(1);
    assertTrue(defaults.contains("its text is 10 to 10,000 characters long; it holds at most one link; "
        + "it holds no e-mail addresses or phone numbers; its author has not posted the same text before."), defaults);
    ContentModerator classifier = new ContentModerator() {
      @Override
      public ModerationVerdict moderate(ModerationInput input) {
        return ModerationVerdict.PUBLISH;
      }

      @Override
      public String name() {
        return "spam classifier";
      }
    };
    Shop custom = new Shop(b -> b.reviewPolicy(ReviewPolicy.defaults().withModerators(List.of(
        ContentModerators.length(20, 500), ContentModerators.links(0), ContentModerators.blockedWords(Set.of("scam")),
        classifier))));
    VerificationNotice notice = english(custom);
    assertEquals(List.of("length(20,500)", "links(0)", "blockedWords", "spam classifier"), notice.moderation().rules());
    assertTrue(notice.paragraphs().get(1).contains("its text is 20 to 500 characters long; it holds no links; "
        + "it holds none of the words the shop blocks; the shop's own check \"spam classifier\"."), notice.paragraphs().get(1));
    assertFalse(notice.text().contains("scam"), "blocked words stay private");

    Shop none = new Shop(b -> b.reviewPolicy(ReviewPolicy.defaults().withModerators(List.of())));
    assertEquals("Reviews are published without automatic checks.", english(none).paragraphs().get(1));
  }

  @Test
  @DisplayName("The referral program's incentive rules reach the text; without a program the notice says there is none")
  void incentiveRules_reachTheText() {
    VerificationNotice none = english(new Shop());
    assertFalse(none.incentives().referralProgram());
    assertTrue(none.paragraphs().get(4).startsWith("We run no referral program"), none.paragraphs().get(4));

    VerificationNotice friends = english(new Shop(b -> b.referralProgram(Shop.program())));
    assertEquals("friends", friends.incentives().programId());
    assertEquals(RewardRule.fixed(Money.of(500, Shop.EUR)), friends.incentives().referrerReward());
    assertTrue(friends.paragraphs().get(4).startsWith("Our referral program pays rewards: whoever refers a buyer gets €5.00; "
        + "the referred buyer gets 10% of the order, at most €10.00."), friends.paragraphs().get(4));
    assertTrue(friends.paragraphs().get(4).contains("is labelled \"Incentivised review\""));

    ReferralProgram tiered = ReferralProgram.builder("tiers", Shop.EUR)
        .referrerReward(RewardRule.tiered(List.of(RewardRule.Tier.from(1, RewardRule.fixed(Money.of(300, Shop.EUR))),
            RewardRule.Tier.from(10, RewardRule.fixed(Money.of(800, Shop.EUR))))))
        .landingUrl("https://shop.example/r/{code}")
        .build();
    String text = english(new Shop(b -> b.referralProgram(tiered))).paragraphs().get(4);
    assertTrue(text.contains("whoever refers a buyer gets from their referral number 1 on €3.00, then from their referral number 10 on €8.00."),
        text);
  }

  @Test
  @DisplayName("The imported sources a shop declares reach the text, with how they are labelled")
  void importedSources_reachTheText() {
    Shop shop = new Shop();
    assertTrue(english(shop).paragraphs().get(5).startsWith("Reviews imported from earlier systems or shown from other sites, if any,"));
    VerificationNotice notice = VerificationNotices.of(shop.meadow,
        List.of(ImportedSource.imported("Our old shop"), ImportedSource.syndicated("Trail Forum"))).notice(Locale.ENGLISH);
    assertEquals(List.of(new ImportedSource("Our old shop", Source.IMPORTED), new ImportedSource("Trail Forum", Source.SYNDICATED)),
        notice.importedSources());
    assertEquals("Some reviews come from elsewhere: Our old shop (imported); Trail Forum (shown from that site). "
        + "They are labelled \"Imported review\" or \"From another site\" and are never marked as verified.",
        notice.paragraphs().get(5));
  }

  @Test
  @DisplayName("What happens to a suspicious review reaches the text truthfully: no automatic scoring yet, held after the report threshold")
  void suspiciousHandling_reachesTheText() {
    VerificationNotice defaults = english(new Shop());
    assertEquals(new VerificationNotice.Suspicious(false, 3), defaults.suspicious());
    assertTrue(defaults.paragraphs().get(6).startsWith("We do not score reviews automatically for authenticity yet. "
        + "A published review that shoppers report as abusive 3 times is held"), defaults.paragraphs().get(6));
    VerificationNotice once = english(new Shop(b -> b.reviewPolicy(ReviewPolicy.defaults().withReportThreshold(1))));
    assertEquals(1, once.suspicious().reportThreshold());
    assertTrue(once.paragraphs().get(6).contains("report as abusive once is held"));
  }

  @Test
  @DisplayName("The structured data matches the text: every setting in the data is stated in the paragraphs")
  void structuredData_matchesTheText() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()).reviewPolicy(ReviewPolicy.defaults()
        .withVerification(new VerificationRule(PurchaseState.PAID, false, Duration.ofDays(45))).withReportThreshold(7)));
    VerificationNotice notice = VerificationNotices.of(shop.meadow, List.of(ImportedSource.imported("Legacy"))).notice(Locale.ENGLISH);
    String text = notice.text();
    assertTrue(text.contains(notice.purchases().window().toDays() + " days"));
    assertTrue(text.contains("was paid for"));
    assertTrue(text.contains(notice.suspicious().reportThreshold() + " times"));
    for (ImportedSource source : notice.importedSources()) {
      assertTrue(text.contains(source.name()));
    }
    assertTrue(text.contains("€5.00") && text.contains("10%"));
    assertEquals(notice.title() + "\n\n" + String.join("\n\n", notice.paragraphs()), text);
  }

  @Test
  @DisplayName("The notice is written in German and Simplified Chinese, and in English for other locales")
  void locales() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
    VerificationNotices notices = VerificationNotices.of(shop.meadow);
    VerificationNotice german = notices.notice(Locale.GERMAN);
    assertEquals("So prüfen wir Bewertungen", german.title());
    assertTrue(german.text().contains("„Verifizierter Kauf“"), german.text());
    assertTrue(german.text().contains("5,00\u00a0€"), german.text());   // the JDK puts a no-break space before €
    assertTrue(german.text().contains("10.000 Zeichen"), german.text());
    VerificationNotice chinese = notices.notice(Locale.SIMPLIFIED_CHINESE);
    assertEquals("我们如何核查评价", chinese.title());
    assertTrue(chinese.text().contains("“已验证购买”"), chinese.text());
    assertEquals(notices.notice(Locale.ENGLISH).title(), notices.notice(Locale.forLanguageTag("pt-BR")).title());
    assertNotEquals(german.text(), chinese.text());
    assertEquals(german.purchases(), chinese.purchases(), "the same settings in every language");
  }

  @Test
  @DisplayName("Bad imported sources are ValidationExceptions naming the field; nulls name the argument")
  void badInput_isRefused() {
    assertEquals("name", assertThrows(ValidationException.class, () -> ImportedSource.imported(" ")).violations().get(0).field());
    assertEquals("name", assertThrows(ValidationException.class, () -> ImportedSource.imported("a\u0007b")).violations().get(0).field());
    assertEquals("name", assertThrows(ValidationException.class, () -> ImportedSource.imported("x".repeat(101))).violations().get(0).field());
    assertEquals("source", assertThrows(ValidationException.class, () -> new ImportedSource("Old", Source.ORGANIC)).violations().get(0).field());
    Shop shop = new Shop();
    assertEquals("importedSources", assertThrows(ValidationException.class, () -> VerificationNotices.of(shop.meadow,
        List.of(ImportedSource.imported("Old"), ImportedSource.syndicated("Old")))).violations().get(0).field());
    assertEquals("meadow", assertThrows(NullPointerException.class, () -> VerificationNotices.of(null)).getMessage());
    assertEquals("locale", assertThrows(NullPointerException.class, () -> VerificationNotices.of(shop.meadow).notice(null)).getMessage());
  }
}
