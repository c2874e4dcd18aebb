package dev.meadow.trust;

import dev.meadow.core.Meadow;
import dev.meadow.core.groups.LabelCatalogue;
import dev.meadow.core.groups.Taxonomy;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.TestClock;
import dev.meadow.core.UserId;
import dev.meadow.core.Witness;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.groups.Post;
import dev.meadow.core.groups.PostDraft;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.core.spi.Storage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A shop with trust installed over a storage: its clock, its purchases, and helpers that make events. */
final class Shop {
  static final StoreId TEA_SHOP = StoreId.of("tea-shop");
  static final UserId STAFF = UserId.of("staff-1");

  final TestClock clock = TestClock.at("2026-03-01T12:00:00Z");
  final Storage storage;
  final Witness witness;
  final Meadow meadow;
  final Trust trust;
  final Map<String, Double> hostSignals = new ConcurrentHashMap<>();
  private final Set<String> bought = ConcurrentHashMap.newKeySet();
  private int texts;

  Shop(List<Badge> catalogue) {
    this(MemoryStorage.create(), catalogue);
  }

  Shop(Storage storage, List<Badge> catalogue) {
    this(storage, catalogue, trust -> trust);
  }

  /** A shop whose Trust is also configured by {@code configure} (levels, gates, reputation weights). */
  Shop(Storage storage, List<Badge> catalogue, java.util.function.UnaryOperator<Trust.Builder> configure) {
    this.storage = storage;
    this.witness = new Witness(storage, clock);
    this.meadow = Meadow.builder().storage(storage).clock(clock).listener(witness)
        .taxonomy(Taxonomy.builder().category("tea", "Tea").category("oolong", "Oolong", "tea")
            .category("puer", "Pu'er", "tea")
            .category("a", "A").category("b", "B").category("c", "C").build())
        .labels(LabelCatalogue.builder().label("linen", "Linen").label("silk", "Silk").build())
        .purchases(this::purchase)
        .storeStaff(user -> user.value().equals("owner") ? Set.of(TEA_SHOP) : Set.of())
        .install(configure.apply(Trust.builder().badges(catalogue)
            .signals((user, signal) -> hostSignals.getOrDefault(user.value() + "/" + signal, 0.0))))
        .build();
    this.trust = meadow.module(Trust.class);
  }

  private Optional<Purchase> purchase(UserId user, ProductId product, @org.jspecify.annotations.Nullable OrderId order) {
    return bought.contains(user.value() + "/" + product.value())
        ? Optional.of(new Purchase(OrderId.of("o-" + user.value() + "-" + product.value()), product,
            clock.instant().minus(Duration.ofDays(3)), PurchaseState.DELIVERED))
        : Optional.empty();
  }

  /** Makes the host know that {@code user} bought {@code product}. */
  void buys(String user, String product) {
    bought.add(user + "/" + product);
  }

  synchronized Review review(String user, String product) {
    texts++;
    return meadow.reviews().submit(UserId.of(user), ReviewDraft.of(ProductId.of(product), TEA_SHOP,
        ReviewContent.of(5, "Lovely tea number " + texts + ", would buy again")));
  }

  dev.meadow.core.GroupId group(String slug) {
    return meadow.groups().create(UserId.of("owner-" + slug), GroupDraft.of("Group " + slug, slug)).id();
  }

  synchronized Post post(String user, dev.meadow.core.GroupId group) {
    meadow.groups().join(UserId.of(user), group);
    texts++;
    return meadow.posts().publish(UserId.of(user), group, PostDraft.of("Post " + texts, "About tea, part " + texts));
  }

  /** Has three users report a review, and a moderator reject it: an upheld report. */
  void upholdReports(Review review) {
    for (int i = 0; i < 3; i++) {
      meadow.reviews().report(UserId.of("reporter" + i), review.id(), "Copied from another site");
    }
    meadow.reviews().reject(STAFF, review.id(), "Copied text");
  }

  List<String> held(String user) {
    return trust.badges(UserId.of(user), dev.meadow.core.PageRequest.first(100)).items().stream()
        .map(b -> b.subject().isEmpty() ? b.badgeId() : b.badgeId() + "@" + b.subject()).toList();
  }
}
