package dev.meadow.trust.labels;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.Meadow;
import dev.meadow.core.StoreId;
import dev.meadow.core.groups.Post;
import dev.meadow.core.ports.StoreStaff;
import dev.meadow.core.reviews.Incentive;
import dev.meadow.core.reviews.Provenance;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Disclosure labels of reviews and posts, derived from recorded facts only: a review's provenance
 * (verification, source, incentive, relationship to the seller), a post's disclosure and store
 * affiliations, and the referral ledger, so that a reviewer who earned or will earn a referral
 * reward on the reviewed product, or whom the store's own staff referred, is labelled incentivised
 * without anyone having to say so. No method takes text from the host: a label cannot be typed in,
 * reworded or left out. The one text a label may carry is the name of an imported or syndicated
 * review's source, as recorded on the review when it was submitted
 * ({@link Evidence.ReviewSource#name()}), which {@link #render(Label, Locale)} puts after fixed
 * words ("Imported from ...").
 *
 * <pre>{@code
 * DisclosureLabels labels = DisclosureLabels.of(meadow);
 * for (Label label : labels.labels(review)) {
 *   html.append(escape(labels.render(label, Locale.GERMAN)));   // "Verifizierter Kauf", ...
 * }
 * }</pre>
 *
 * <p>{@link #labels(Review)} reads the referral ledger in one storage transaction (the reviewer's
 * rewards and the orders they came from, and the reviewer's attribution) and asks the host's
 * {@link StoreStaff} about the referrer, outside it; its cost grows with the reviewer's number of
 * rewards. Thread-safe.
 */
public final class DisclosureLabels {
  /** The base name of the labels' resource bundles. */
  public static final String BUNDLE = "dev.meadow.trust.labels.Labels";

  private final ReferralLinks referrals;
  private final TrustTexts texts;

  private DisclosureLabels(ReferralLinks referrals, TrustTexts texts) {
    this.referrals = referrals;
    this.texts = texts;
  }

  /**
   * Returns the labels of one shop's reviews and posts, read from its storage and its
   * {@link StoreStaff}, with Meadow's texts ({@value #BUNDLE}, plus any locale on the class path).
   */
  public static DisclosureLabels of(Meadow meadow) {
    requireNonNull(meadow, "meadow");
    return new DisclosureLabels(new ReferralLinks(meadow.storage(), meadow.reviews().storeStaff()), TrustTexts.of(BUNDLE));
  }

  /**
   * Returns these labels rendered with {@code texts} instead, such as {@code TrustTexts.of(BUNDLE)
   * .withBundle(Locale.FRENCH, frenchBundle)}. A text missing from them falls back to English.
   *
   * @throws IllegalArgumentException if {@code texts} lacks an English text for some label kind
   */
  public DisclosureLabels withTexts(TrustTexts texts) {
    requireNonNull(texts, "texts");
    for (LabelKind kind : LabelKind.values()) {
      if (!texts.has(key(kind))) {
        throw new IllegalArgumentException("the texts " + texts.baseName() + " have no English text " + key(kind));
      }
    }
    return new DisclosureLabels(referrals, texts);
  }

  /** Returns the texts labels are rendered with. */
  public TrustTexts texts() {
    return texts;
  }

  /**
   * Returns a review's labels in {@link LabelKind} order, each with its evidence: the review's
   * provenance, every referral reward the reviewer earned or is to earn from an order of the
   * reviewed product (whatever its state, save rewards a person rejected as fraud, which were
   * never due), and a referral of the reviewer by staff of the product's store.
   *
   * @throws dev.meadow.core.StorageException if the storage fails
   * @throws dev.meadow.core.IntegrationException if the host's {@link StoreStaff} fails
   */
  public List<Label> labels(Review review) {
    requireNonNull(review, "review");
    Map<LabelKind, List<Evidence>> found = new EnumMap<>(LabelKind.class);
    Provenance provenance = review.provenance();
    if (provenance.verified()) {
      Evidence purchase = new Evidence.VerifiedPurchase(provenance.verification().purchase() == null ? null
          : provenance.verification().purchase().orderId());
      add(found, LabelKind.VERIFIED_PURCHASE, purchase);
    }
    switch (provenance.source()) {
      case INVITED -> add(found, LabelKind.INVITED, new Evidence.ReviewSource(Source.INVITED));
      case IMPORTED ->
          add(found, LabelKind.IMPORTED, new Evidence.ReviewSource(Source.IMPORTED, provenance.sourceName()));
      case SYNDICATED ->
          add(found, LabelKind.SYNDICATED, new Evidence.ReviewSource(Source.SYNDICATED, provenance.sourceName()));
      case ORGANIC -> { }
    }
    Incentive incentive = provenance.incentive();
    switch (incentive) {
      case FREE_PRODUCT -> add(found, LabelKind.RECEIVED_FREE_PRODUCT, new Evidence.RecordedIncentive(incentive));
      case DISCOUNT, POINTS, REFERRAL_REWARD, OTHER ->
          add(found, LabelKind.INCENTIVISED, new Evidence.RecordedIncentive(incentive));
      case NONE -> { }
    }
    Evidence relationship = new Evidence.RecordedRelationship(provenance.relationship());
    switch (provenance.relationship()) {
      case EMPLOYEE, SELLER -> add(found, LabelKind.EMPLOYEE_OR_SELLER, relationship);
      case FAMILY -> add(found, LabelKind.FAMILY, relationship);
      case AFFILIATE -> add(found, LabelKind.AFFILIATE, relationship);
      case NONE -> { }
    }
    for (Evidence link : referrals.links(review)) {
      add(found, LabelKind.INCENTIVISED, link);
    }
    return collect(found);
  }

  /**
   * Returns a post's labels in {@link LabelKind} order, each with its evidence: the stores its
   * author worked for when posting, and what the author disclosed (sponsored, gifted, affiliate).
   */
  public List<Label> labels(Post post) {
    requireNonNull(post, "post");
    Map<LabelKind, List<Evidence>> found = new EnumMap<>(LabelKind.class);
    for (StoreId store : post.affiliations()) {
      add(found, LabelKind.EMPLOYEE_OR_SELLER, new Evidence.StoreAffiliation(store));
    }
    Evidence disclosure = new Evidence.PostDisclosure(post.disclosure());
    switch (post.disclosure()) {
      case SPONSORED -> add(found, LabelKind.PAID_OR_SPONSORED, disclosure);
      case GIFTED -> add(found, LabelKind.RECEIVED_FREE_PRODUCT, disclosure);
      case AFFILIATE -> add(found, LabelKind.AFFILIATE, disclosure);
      case NONE -> { }
    }
    return collect(found);
  }

  /**
   * Returns a label's text in {@code locale}, such as "Verified purchase", "已验证购买" or
   * "Verifizierter Kauf"; English when the locale has none. The text is plain: escape it for HTML.
   *
   * <p>An {@link LabelKind#IMPORTED imported} or {@link LabelKind#SYNDICATED syndicated} review
   * whose source was named says where, such as "Imported from Old Shop Reviews" or "From
   * Trustpilot", when the texts have a pattern for it ({@code label.imported.named},
   * {@code label.syndicated.named}: Meadow's do); otherwise, and when no source was named, it reads
   * as {@link #render(LabelKind, Locale)} does.
   */
  public String render(Label label, Locale locale) {
    requireNonNull(label, "label");
    requireNonNull(locale, "locale");
    String named = key(label.kind()) + ".named";
    if (texts.has(named)) {
      for (Evidence evidence : label.evidence()) {
        if (evidence instanceof Evidence.ReviewSource source && source.name() != null) {
          return texts.text(named, locale, source.name());
        }
      }
    }
    return render(label.kind(), locale);
  }

  /** Returns the text of a label kind in {@code locale}, as {@link #render(Label, Locale)}. */
  public String render(LabelKind kind, Locale locale) {
    requireNonNull(kind, "kind");
    requireNonNull(locale, "locale");
    return texts.text(key(kind), locale);
  }

  /**
   * Returns a sentence explaining a label kind in {@code locale} (what fact it comes from), for a
   * tooltip or a notice; English when the locale has none.
   */
  public String explain(LabelKind kind, Locale locale) {
    requireNonNull(kind, "kind");
    requireNonNull(locale, "locale");
    return texts.text(key(kind) + ".explained", locale);
  }

  private static String key(LabelKind kind) {
    return "label." + kind.name().toLowerCase(Locale.ROOT);
  }

  private static void add(Map<LabelKind, List<Evidence>> found, LabelKind kind, Evidence evidence) {
    found.computeIfAbsent(kind, k -> new ArrayList<>()).add(evidence);
  }

  private static List<Label> collect(Map<LabelKind, List<Evidence>> found) {
    List<Label> labels = new ArrayList<>();
    found.forEach((kind, evidence) -> labels.add(new Label(kind, evidence)));
    return List.copyOf(labels);
  }
}
