package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.PlainText;
import dev.meadow.core.ProductId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.WebUrl;
import dev.meadow.core.internal.Violations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What an author writes in a post, new or edited. Text is checked and cleaned as it is built (see
 * {@link PlainText}); labels are checked against the shop's {@link LabelCatalogue} when the post
 * is saved.
 *
 * <pre>{@code
 * PostDraft draft = PostDraft.of("My first oolong", "Floral, a little buttery.")
 *     .withProducts(List.of(new ProductId("sku-oolong-50g")))
 *     .withDisclosure(Disclosure.GIFTED);
 * }</pre>
 *
 * @param title 1 to {@value #MAX_TITLE} characters
 * @param body 1 to {@value #MAX_BODY} characters
 * @param products up to {@value #MAX_PRODUCTS} products mentioned, in order; repeats are dropped
 * @param media up to {@value #MAX_MEDIA} http or https links to images or video, in order
 * @param labels up to {@value #MAX_LABELS} label keys; stored sorted without duplicates
 * @param disclosure what the author got for the post
 */
public record PostDraft(
    String title, String body, List<ProductId> products, List<String> media, List<String> labels, Disclosure disclosure) {
  /** The longest title. */
  public static final int MAX_TITLE = 150;

  /** The longest body. */
  public static final int MAX_BODY = 20_000;

  /** The most products a post mentions. */
  public static final int MAX_PRODUCTS = 20;

  /** The most media links on a post. */
  public static final int MAX_MEDIA = 9;

  /** The most labels on a post. */
  public static final int MAX_LABELS = 10;

  /**
   * Checks and cleans every field.
   *
   * @throws ValidationException naming every field that breaks its rule
   */
  public PostDraft {
    requireNonNull(disclosure, "disclosure");
    Violations violations = new Violations();
    String cleanTitle = violations.check(title, t -> PlainText.require("title", t, MAX_TITLE));
    String cleanBody = violations.check(body, b -> PlainText.require("body", b, MAX_BODY));
    List<ProductId> cleanProducts = violations.check(products, PostDraft::checkProducts);
    List<String> cleanMedia = violations.check(media, PostDraft::checkMedia);
    List<String> cleanLabels = violations.check(labels, l -> Keys.checkAll("labels", l, MAX_LABELS));
    violations.throwIfAny();
    title = cleanTitle;
    body = cleanBody;
    products = List.copyOf(cleanProducts);
    media = List.copyOf(cleanMedia);
    labels = List.copyOf(cleanLabels);
  }

  /** Returns a draft with a title and body, no products, media or labels, and no disclosure. */
  public static PostDraft of(String title, String body) {
    return new PostDraft(title, body, List.of(), List.of(), List.of(), Disclosure.NONE);
  }

  /** Returns the draft a post's current content makes, to edit from. */
  public static PostDraft of(Post post) {
    return new PostDraft(post.title(), post.body(), post.products(), post.media(), post.labels(), post.disclosure());
  }

  /** Returns this draft with another title. */
  public PostDraft withTitle(String newTitle) {
    return new PostDraft(newTitle, body, products, media, labels, disclosure);
  }

  /** Returns this draft with another body. */
  public PostDraft withBody(String newBody) {
    return new PostDraft(title, newBody, products, media, labels, disclosure);
  }

  /** Returns this draft mentioning other products. */
  public PostDraft withProducts(List<ProductId> newProducts) {
    return new PostDraft(title, body, newProducts, media, labels, disclosure);
  }

  /** Returns this draft with other media links. */
  public PostDraft withMedia(List<String> newMedia) {
    return new PostDraft(title, body, products, newMedia, labels, disclosure);
  }

  /** Returns this draft with other labels. */
  public PostDraft withLabels(List<String> newLabels) {
    return new PostDraft(title, body, products, media, newLabels, disclosure);
  }

  /** Returns this draft with another disclosure. */
  public PostDraft withDisclosure(Disclosure newDisclosure) {
    return new PostDraft(title, body, products, media, labels, newDisclosure);
  }

  private static List<ProductId> checkProducts(List<ProductId> products) {
    LinkedHashSet<ProductId> distinct = new LinkedHashSet<>();
    for (ProductId product : requireNonNull(products, "products")) {
      distinct.add(requireNonNull(product, "products element"));
    }
    if (distinct.size() > MAX_PRODUCTS) {
      throw ValidationException.of("products", "too_many", "must mention at most " + MAX_PRODUCTS + " products");
    }
    return new ArrayList<>(distinct);
  }

  private static List<String> checkMedia(List<String> media) {
    if (requireNonNull(media, "media").size() > MAX_MEDIA) {
      throw ValidationException.of("media", "too_many", "must hold at most " + MAX_MEDIA + " links");
    }
    List<String> urls = new ArrayList<>();
    for (String url : media) {
      urls.add(WebUrl.require("media", url));
    }
    return urls;
  }
}
