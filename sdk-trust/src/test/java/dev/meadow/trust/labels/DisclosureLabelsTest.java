package dev.meadow.trust.labels;

import static dev.meadow.trust.labels.Shop.ADA;
import static dev.meadow.trust.labels.Shop.BO;
import static dev.meadow.trust.labels.Shop.CHEN;
import static dev.meadow.trust.labels.Shop.OTHER_STORE;
import static dev.meadow.trust.labels.Shop.SAM;
import static dev.meadow.trust.labels.Shop.SHOES;
import static dev.meadow.trust.labels.Shop.SOCKS;
import static dev.meadow.trust.labels.Shop.TRAILHEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.GroupId;
import dev.meadow.core.IntegrationException;
import dev.meadow.core.OrderId;
import dev.meadow.core.PostId;
import dev.meadow.core.StoreId;
import dev.meadow.core.groups.ContentState;
import dev.meadow.core.groups.Disclosure;
import dev.meadow.core.groups.Post;
import dev.meadow.core.referrals.Reward;
import dev.meadow.core.referrals.RewardRole;
import dev.meadow.core.referrals.RewardState;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Relationship;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.Source;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DisclosureLabelsTest {
  private static List<LabelKind> kinds(List<Label> labels) {
    return labels.stream().map(Label::kind).toList();
  }

  @Test
  @DisplayName("A verified purchase is labelled, with the order the host reported as evidence")
  void verifiedPurchase_fromTheRecordedVerification() {
    Shop shop = new Shop();
    shop.bought(ADA, SHOES);
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    Review review = shop.review(ADA, SHOES, TRAILHEAD, d -> d);
    assertEquals(List.of(new Label(LabelKind.VERIFIED_PURCHASE, List.of(new Evidence.VerifiedPurchase(OrderId.of("order-ada"))))),
        labels.labels(review));
    assertEquals(List.of(), labels.labels(shop.review(BO, SHOES, TRAILHEAD, d -> d)), "bo bought nothing");
  }

  @Test
  @DisplayName("Invited, imported and syndicated reviews are labelled from their recorded source, and never verified")
  void source_fromTheProvenance() {
    Shop shop = new Shop();
    shop.bought(ADA, SHOES);
    shop.bought(BO, SHOES);
    shop.bought(CHEN, SHOES);
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    assertEquals(List.of(LabelKind.VERIFIED_PURCHASE, LabelKind.INVITED),
        kinds(labels.labels(shop.review(ADA, SHOES, TRAILHEAD, d -> d.withSource(Source.INVITED)))));
    List<Label> imported = labels.labels(shop.review(BO, SHOES, TRAILHEAD, d -> d.withSource(Source.IMPORTED)));
    assertEquals(List.of(new Label(LabelKind.IMPORTED, List.of(new Evidence.ReviewSource(Source.IMPORTED)))), imported);
    assertEquals(List.of(LabelKind.SYNDICATED),
        kinds(labels.labels(shop.review(CHEN, SHOES, TRAILHEAD, d -> d.withSource(Source.SYNDICATED)))));
  }

  @Test
  @DisplayName("An imported or syndicated review's named source is its label's evidence, and the label says where")
  void namedSource_isEvidenceAndRendered() {
    Shop shop = new Shop();
    shop.bought(ADA, SHOES);
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    List<Label> imported = labels.labels(
        shop.review(ADA, SHOES, TRAILHEAD, d -> d.withSource(Source.IMPORTED, "  Old Shop Reviews\n")));
    Label importedLabel = new Label(LabelKind.IMPORTED, List.of(new Evidence.ReviewSource(Source.IMPORTED, "Old Shop Reviews")));
    assertEquals(List.of(importedLabel), imported, "cleaned as plain text; never verified");
    assertEquals("Imported from Old Shop Reviews", labels.render(importedLabel, Locale.ENGLISH));
    assertEquals("Importiert von Old Shop Reviews", labels.render(importedLabel, Locale.GERMANY));
    assertEquals("导入自Old Shop Reviews", labels.render(importedLabel, Locale.SIMPLIFIED_CHINESE));
    assertEquals("Imported from Old Shop Reviews", labels.render(importedLabel, Locale.FRENCH), "no French texts");
    assertEquals("Imported review", labels.render(LabelKind.IMPORTED, Locale.ENGLISH), "the kind alone names nothing");

    List<Label> syndicated = labels.labels(shop.review(BO, SHOES, TRAILHEAD, d -> d.withSource(Source.SYNDICATED, "Trustpilot")));
    assertEquals(List.of(new Label(LabelKind.SYNDICATED, List.of(new Evidence.ReviewSource(Source.SYNDICATED, "Trustpilot")))),
        syndicated);
    assertEquals("From Trustpilot", labels.render(syndicated.get(0), Locale.ENGLISH));
    assertEquals("Von Trustpilot", labels.render(syndicated.get(0), Locale.GERMAN));
    assertEquals("来自Trustpilot", labels.render(syndicated.get(0), Locale.SIMPLIFIED_CHINESE));

    String awkward = "Bob's {0} <b>Shop</b> 😀 ''";
    Label odd = labels.labels(shop.review(CHEN, SHOES, TRAILHEAD, d -> d.withSource(Source.SYNDICATED, awkward))).get(0);
    assertEquals(new Evidence.ReviewSource(Source.SYNDICATED, awkward), odd.evidence().get(0));
    assertEquals("From " + awkward, labels.render(odd, Locale.ENGLISH), "the name is text, never a pattern: escape it for HTML");
  }

  @Test
  @DisplayName("An unnamed source, or texts without a pattern for the name, render the label's plain text")
  void unnamedSource_rendersThePlainText() {
    Shop shop = new Shop();
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    Label unnamed = labels.labels(shop.review(ADA, SHOES, TRAILHEAD, d -> d.withSource(Source.IMPORTED))).get(0);
    assertEquals(new Label(LabelKind.IMPORTED, List.of(new Evidence.ReviewSource(Source.IMPORTED, null))), unnamed);
    assertEquals("Imported review", labels.render(unnamed, Locale.ENGLISH));
    assertEquals("Importierte Bewertung", labels.render(unnamed, Locale.GERMAN));
    Label named = new Label(LabelKind.SYNDICATED, List.of(new Evidence.ReviewSource(Source.SYNDICATED, "Trustpilot")));
    TrustTexts own = TrustTexts.of(DisclosureLabels.BUNDLE).withControl(new ResourceBundle.Control() {
      @Override
      public ResourceBundle newBundle(String baseName, Locale locale, String format, ClassLoader loader,
          boolean reload) throws IllegalAccessException, InstantiationException, IOException {
        ResourceBundle shipped = super.newBundle(baseName, locale, format, loader, reload);
        if (shipped == null) {
          return null;
        }
        Properties kept = new Properties();
        for (String key : shipped.keySet()) {
          if (!key.endsWith(".named")) {
            kept.setProperty(key, shipped.getString(key));
          }
        }
        StringWriter text = new StringWriter();
        kept.store(text, null);
        return new PropertyResourceBundle(new StringReader(text.toString()));
      }
    });
    assertEquals("From another site", labels.withTexts(own).render(named, Locale.ENGLISH));
  }

  @Test
  @DisplayName("Each recorded incentive is labelled: a free product as such, any other as incentivised")
  void incentive_fromTheProvenance() {
    Shop shop = new Shop();
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    assertEquals(List.of(new Label(LabelKind.RECEIVED_FREE_PRODUCT,
        List.of(new Evidence.RecordedIncentive(Incentive.FREE_PRODUCT)))),
        labels.labels(shop.review(ADA, SHOES, TRAILHEAD, d -> d.withIncentive(Incentive.FREE_PRODUCT))));
    int n = 0;
    for (Incentive incentive : List.of(Incentive.DISCOUNT, Incentive.POINTS, Incentive.REFERRAL_REWARD, Incentive.OTHER)) {
      Review review = shop.review(dev.meadow.core.UserId.of("u" + n++), SHOES, TRAILHEAD, d -> d.withIncentive(incentive));
      assertEquals(List.of(new Label(LabelKind.INCENTIVISED, List.of(new Evidence.RecordedIncentive(incentive)))),
          labels.labels(review), incentive.name());
    }
  }

  @Test
  @DisplayName("Employees, sellers, family and affiliates of the seller are labelled; store staff are employees whatever the draft says")
  void relationship_fromTheProvenance() {
    Shop shop = new Shop();
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    assertEquals(List.of(new Label(LabelKind.EMPLOYEE_OR_SELLER,
        List.of(new Evidence.RecordedRelationship(Relationship.EMPLOYEE)))),
        labels.labels(shop.review(SAM, SHOES, TRAILHEAD, d -> d)), "sam works for trailhead");
    assertEquals(List.of(LabelKind.EMPLOYEE_OR_SELLER),
        kinds(labels.labels(shop.review(ADA, SHOES, TRAILHEAD, d -> d.withRelationship(Relationship.SELLER)))));
    assertEquals(List.of(LabelKind.FAMILY),
        kinds(labels.labels(shop.review(BO, SHOES, TRAILHEAD, d -> d.withRelationship(Relationship.FAMILY)))));
    assertEquals(List.of(LabelKind.AFFILIATE),
        kinds(labels.labels(shop.review(CHEN, SHOES, TRAILHEAD, d -> d.withRelationship(Relationship.AFFILIATE)))));
  }

  @Test
  @DisplayName("Several facts give several labels, in display order")
  void labels_comeInDisplayOrder() {
    Shop shop = new Shop();
    shop.bought(SAM, SHOES);
    Review review = shop.review(SAM, SHOES, TRAILHEAD,
        d -> d.withSource(Source.INVITED).withIncentive(Incentive.FREE_PRODUCT));
    assertEquals(List.of(LabelKind.VERIFIED_PURCHASE, LabelKind.EMPLOYEE_OR_SELLER, LabelKind.RECEIVED_FREE_PRODUCT,
        LabelKind.INVITED), kinds(DisclosureLabels.of(shop.meadow).labels(review)));
  }

  @Test
  @DisplayName("A post is labelled from its disclosure (sponsored, gifted, affiliate) and its author's store affiliations")
  void post_fromItsDisclosureAndAffiliations() {
    DisclosureLabels labels = DisclosureLabels.of(new Shop().meadow);
    assertEquals(List.of(), labels.labels(post(Disclosure.NONE, List.of())));
    assertEquals(List.of(new Label(LabelKind.PAID_OR_SPONSORED, List.of(new Evidence.PostDisclosure(Disclosure.SPONSORED)))),
        labels.labels(post(Disclosure.SPONSORED, List.of())));
    assertEquals(List.of(LabelKind.RECEIVED_FREE_PRODUCT), kinds(labels.labels(post(Disclosure.GIFTED, List.of()))));
    assertEquals(List.of(LabelKind.AFFILIATE), kinds(labels.labels(post(Disclosure.AFFILIATE, List.of()))));
    assertEquals(List.of(new Label(LabelKind.EMPLOYEE_OR_SELLER,
        List.of(new Evidence.StoreAffiliation(OTHER_STORE), new Evidence.StoreAffiliation(TRAILHEAD))),
        new Label(LabelKind.PAID_OR_SPONSORED, List.of(new Evidence.PostDisclosure(Disclosure.SPONSORED)))),
        labels.labels(post(Disclosure.SPONSORED, List.of(OTHER_STORE, TRAILHEAD))));
  }

  @Test
  @DisplayName("A published post is labelled from what Meadow recorded when the store's staff published it")
  void post_publishedByStaff_isAffiliated() {
    Shop shop = new Shop();
    var group = shop.meadow.groups().create(SAM, dev.meadow.core.groups.GroupDraft.of("Trail runners", "trail-runners"));
    Post post = shop.meadow.posts().publish(SAM, group.id(),
        dev.meadow.core.groups.PostDraft.of("New season", "The new trail shoes are in.").withDisclosure(Disclosure.GIFTED));
    assertEquals(List.of(LabelKind.EMPLOYEE_OR_SELLER, LabelKind.RECEIVED_FREE_PRODUCT),
        kinds(DisclosureLabels.of(shop.meadow).labels(post)));
  }

  @Test
  @DisplayName("A reviewer with a pending referral reward on the reviewed product is incentivised, with the reward as evidence")
  void referralReward_pending_makesTheReviewIncentivised() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
    shop.refer(ADA, BO);
    OrderId order = shop.order(BO, SHOES);
    List<Reward> rewards = shop.meadow.referrals().rewardsOfOrder(order);
    assertEquals(RewardState.PENDING, rewards.get(0).state());
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);

    Review byReferrer = shop.review(ADA, SHOES, TRAILHEAD, d -> d);
    assertEquals(List.of(new Label(LabelKind.INCENTIVISED, List.of(
        new Evidence.ReferralReward(rewards.get(0).id(), RewardRole.REFERRER, RewardState.PENDING)))),
        labels.labels(byReferrer));
    Review byFriend = shop.review(BO, SHOES, TRAILHEAD, d -> d);
    assertEquals(List.of(new Evidence.ReferralReward(rewards.get(1).id(), RewardRole.FRIEND, RewardState.PENDING)),
        labels.labels(byFriend).get(0).evidence());
  }

  @Test
  @DisplayName("A reward already earned and paid out still makes the review incentivised")
  void referralReward_earned_makesTheReviewIncentivised() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()).rewards(Shop.payingIssuer()));
    shop.refer(ADA, BO);
    OrderId order = shop.order(BO, SHOES);
    shop.clock.advance(Duration.ofDays(15));
    shop.meadow.referrals().runPending();
    Reward paid = shop.meadow.referrals().rewardsOfOrder(order).get(0);
    assertEquals(RewardState.ISSUED, paid.state());
    assertEquals(List.of(new Label(LabelKind.INCENTIVISED,
        List.of(new Evidence.ReferralReward(paid.id(), RewardRole.REFERRER, RewardState.ISSUED)))),
        DisclosureLabels.of(shop.meadow).labels(shop.review(ADA, SHOES, TRAILHEAD, d -> d)));
  }

  @Test
  @DisplayName("A reward earned after the review was written labels it from then on")
  void referralReward_later_labelsAnEarlierReview() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    Review review = shop.review(ADA, SHOES, TRAILHEAD, d -> d);
    assertEquals(List.of(), labels.labels(review));
    shop.refer(ADA, BO);
    shop.clock.advance(Duration.ofDays(3));
    shop.order(BO, SHOES, SOCKS);
    assertEquals(List.of(LabelKind.INCENTIVISED), kinds(labels.labels(review)));
  }

  @Test
  @DisplayName("A reward on another product, or one a person rejected as fraud, does not label the review")
  void referralReward_otherProductOrRejected_labelsNothing() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
    shop.refer(ADA, BO);
    shop.order(BO, SOCKS);
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    assertEquals(List.of(), labels.labels(shop.review(ADA, SHOES, TRAILHEAD, d -> d)), "the reward is on socks");
    assertEquals(List.of(LabelKind.INCENTIVISED), kinds(labels.labels(shop.review(ADA, SOCKS, TRAILHEAD, d -> d))));

    Shop fraud = new Shop(b -> b.referralProgram(Shop.program()));
    fraud.refer(ADA, BO);
    fraud.refer(BO, ADA);   // a ring: its rewards are held
    OrderId order = fraud.order(ADA, SHOES);
    for (Reward reward : fraud.meadow.referrals().rewardsOfOrder(order)) {
      assertEquals(RewardState.HELD, reward.state());
      fraud.meadow.referrals().reject(CHEN, reward.id(), "a referral ring");
    }
    assertEquals(List.of(), DisclosureLabels.of(fraud.meadow).labels(fraud.review(BO, SHOES, TRAILHEAD, d -> d)));
  }

  @Test
  @DisplayName("A reviewer the store's own staff referred is incentivised for that store's products, with the referrer as evidence")
  void referredByStaff_makesTheReviewIncentivised() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
    shop.refer(SAM, CHEN);
    DisclosureLabels labels = DisclosureLabels.of(shop.meadow);
    assertEquals(List.of(new Label(LabelKind.INCENTIVISED, List.of(new Evidence.ReferredByStaff(SAM, TRAILHEAD)))),
        labels.labels(shop.review(CHEN, SHOES, TRAILHEAD, d -> d)));
    assertEquals(List.of(), labels.labels(shop.review(CHEN, SOCKS, OTHER_STORE, d -> d)), "sam works for trailhead only");
    shop.refer(ADA, BO);
    assertEquals(List.of(), labels.labels(shop.review(BO, SHOES, TRAILHEAD, d -> d)), "ada is a shopper");
  }

  @Test
  @DisplayName("A failing StoreStaff port is an IntegrationException")
  void storeStaffFailure_isAnIntegrationException() {
    Shop shop = new Shop(b -> b.referralProgram(Shop.program()));
    shop.refer(SAM, CHEN);
    Review review = shop.review(CHEN, SHOES, TRAILHEAD, d -> d);
    shop.staffDown = true;
    assertThrows(IntegrationException.class, () -> DisclosureLabels.of(shop.meadow).labels(review));
  }

  @Test
  @DisplayName("Null arguments are refused naming the argument")
  void nulls_areRefused() {
    DisclosureLabels labels = DisclosureLabels.of(new Shop().meadow);
    assertEquals("meadow", assertThrows(NullPointerException.class, () -> DisclosureLabels.of(null)).getMessage());
    assertEquals("review", assertThrows(NullPointerException.class, () -> labels.labels((Review) null)).getMessage());
    assertEquals("post", assertThrows(NullPointerException.class, () -> labels.labels((Post) null)).getMessage());
    Label label = new Label(LabelKind.FAMILY, List.of(new Evidence.RecordedRelationship(Relationship.FAMILY)));
    assertEquals("locale", assertThrows(NullPointerException.class, () -> labels.render(label, null)).getMessage());
    assertEquals("label", assertThrows(NullPointerException.class,
        () -> labels.render((Label) null, java.util.Locale.ENGLISH)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Label(LabelKind.FAMILY, List.of()));
  }

  private static Post post(Disclosure disclosure, List<StoreId> affiliations) {
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    return new Post(new PostId("01JNKQ3V5Z8X2B4C6D7E8F9G0H"), new GroupId("01JNKQ3V5Z8X2B4C6D7E8F9G0J"), ADA, affiliations,
        "Title", "Body", List.of(SHOES), List.of(), List.of(), disclosure, ContentState.PUBLISHED, null, false, 0, 0, at,
        null, 1);
  }
}
