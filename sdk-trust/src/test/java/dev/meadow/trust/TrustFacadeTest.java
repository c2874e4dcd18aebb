package dev.meadow.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.reviews.Purchase;
import dev.meadow.core.reviews.PurchaseState;
import dev.meadow.core.reviews.Review;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.trust.labels.DisclosureLabels;
import dev.meadow.trust.labels.LabelKind;
import dev.meadow.trust.notice.ImportedSource;
import dev.meadow.trust.notice.VerificationNotices;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Trust module hands out labels and the verification notice of the Meadow it is installed in. */
@DisplayName("Trust's labels and notice are those of its Meadow")
class TrustFacadeTest {
  private static final ProductId BOOTS = ProductId.of("boots");

  private static Meadow meadow(Trust.Builder trust) {
    return Meadow.builder()
        .purchases((user, product, order) -> Optional.of(new Purchase(OrderId.of("o-1"), product,
            Instant.parse("2026-11-01T00:00:00Z"), PurchaseState.DELIVERED)))
        .install(trust)
        .build();
  }

  @Test
  @DisplayName("A verified review is labelled through Trust as DisclosureLabels labels it, and renders in Chinese")
  void labels() {
    Meadow meadow = meadow(Trust.builder());
    Trust trust = meadow.module(Trust.class);
    Review review = meadow.reviews().submit(UserId.of("ann"),
        ReviewDraft.of(BOOTS, StoreId.of("trailhead"), ReviewContent.of(5, "Warm and dry on a wet walk")));
    assertEquals(DisclosureLabels.of(meadow).labels(review), trust.labels(review));
    assertEquals(LabelKind.VERIFIED_PURCHASE, trust.labels(review).get(0).kind());
    assertEquals(DisclosureLabels.of(meadow).render(trust.labels(review).get(0), Locale.SIMPLIFIED_CHINESE),
        trust.render(trust.labels(review).get(0), Locale.SIMPLIFIED_CHINESE));
  }

  @Test
  @DisplayName("The notice names the imported sources declared on Trust's builder, and a bad list fails build()")
  void notice() {
    List<ImportedSource> sources = List.of(ImportedSource.imported("Old Shop Reviews"));
    Meadow meadow = meadow(Trust.builder().importedSources(sources));
    String text = meadow.module(Trust.class).verificationNotice(Locale.ENGLISH).text();
    assertEquals(VerificationNotices.of(meadow, sources).notice(Locale.ENGLISH).text(), text);
    assertTrue(text.contains("Old Shop Reviews"), text);
    ValidationException e = assertThrows(ValidationException.class, () -> meadow(Trust.builder()
        .importedSources(List.of(ImportedSource.imported("Twice"), ImportedSource.imported("Twice")))));
    assertTrue(e.getMessage().contains("importedSources"), e.getMessage());
  }
}
