package dev.meadow.trust.notice;

import static dev.meadow.trust.labels.Shop.ADA;
import static dev.meadow.trust.labels.Shop.BO;
import static dev.meadow.trust.labels.Shop.CHEN;
import static dev.meadow.trust.labels.Shop.SHOES;
import static dev.meadow.trust.labels.Shop.TRAILHEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Meadow;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.reviews.Source;
import dev.meadow.trust.labels.DisclosureLabels;
import dev.meadow.trust.labels.Evidence;
import dev.meadow.trust.labels.Label;
import dev.meadow.trust.labels.LabelKind;
import dev.meadow.trust.labels.Shop;
import dev.meadow.trust.labels.TrustTexts;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Runs the examples of docs/trust-labels.md. */
class TrustLabelsGuideTest {
  @Test
  void guide() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
    shop.refer(ADA, BO);
    shop.order(BO, SHOES);
    Meadow meadow = shop.meadow;
    ProductId shoes = SHOES;
    StoreId trailhead = TRAILHEAD;

    // snippet: trust-labels
    DisclosureLabels labels = DisclosureLabels.of(meadow);
    Review review = meadow.reviews().submit(ADA, ReviewDraft.of(shoes, trailhead,
        ReviewContent.of(5, "Grippy on wet rock and light.")));
    List<Label> shown = labels.labels(review);              // [INCENTIVISED]: ada earns a referral reward on the shoes
    Label incentivised = shown.get(0);
    incentivised.evidence();                                // [ReferralReward[rewardId=…, role=REFERRER, state=PENDING]]
    String german = labels.render(incentivised, Locale.GERMAN);   // "Bewertung mit Gegenleistung"; escape it for HTML
    // end snippet: trust-labels
    assertEquals(List.of(LabelKind.INCENTIVISED), shown.stream().map(Label::kind).toList());
    assertEquals("Bewertung mit Gegenleistung", german);

    // snippet: trust-labels-imported
    Review imported = meadow.reviews().submit(CHEN, ReviewDraft.of(shoes, trailhead,
        ReviewContent.of(4, "Still going after two seasons.")).withSource(Source.IMPORTED, "Old Shop Reviews"));
    Label source = labels.labels(imported).get(0);          // IMPORTED: never verified
    source.evidence();                                      // [ReviewSource[source=IMPORTED, name=Old Shop Reviews]]
    labels.render(source, Locale.ENGLISH);                  // "Imported from Old Shop Reviews"; "Imported review" if unnamed
    // end snippet: trust-labels-imported
    assertEquals(List.of(new Label(LabelKind.IMPORTED,
        List.of(new Evidence.ReviewSource(Source.IMPORTED, "Old Shop Reviews")))), labels.labels(imported));
    assertEquals("Imported from Old Shop Reviews", labels.render(source, Locale.ENGLISH));
    assertEquals("[ReviewSource[source=IMPORTED, name=Old Shop Reviews]]", source.evidence().toString());

    ResourceBundle italianBundle = new ListResourceBundle() {
      @Override
      protected Object[][] getContents() {
        return new Object[][] {{"label.incentivised", "Recensione incentivata"}};
      }
    };
    // snippet: trust-labels-locale
    DisclosureLabels italian = labels.withTexts(
        TrustTexts.of(DisclosureLabels.BUNDLE).withBundle(Locale.ITALIAN, italianBundle));
    italian.render(incentivised, Locale.ITALY);             // "Recensione incentivata"; keys it lacks are English
    // end snippet: trust-labels-locale
    assertEquals("Recensione incentivata", italian.render(incentivised, Locale.ITALY));

    // snippet: trust-notice
    VerificationNotices notices = VerificationNotices.of(meadow, List.of(ImportedSource.imported("Our old shop")));
    VerificationNotice notice = notices.notice(Locale.ENGLISH);
    notice.purchases();        // PurchaseCheck[checked=true, minimumState=DELIVERED, allowRefunded=false, window=PT8760H]
    notice.suspicious();       // Suspicious[automaticScoring=false, reportThreshold=3]
    String text = notice.text();                            // the title, then one paragraph per setting
    // end snippet: trust-notice
    assertTrue(notice.purchases().checked());
    assertEquals(new VerificationNotice.Suspicious(false, 3), notice.suspicious());
    assertTrue(text.contains("Our old shop (imported)"));
  }
}
