package dev.meadow.core.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meadow.core.ConflictException;
import dev.meadow.core.Meadow;
import dev.meadow.core.OrderId;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The examples in the Javadoc of the reviews classes, as written there, compiled and run. */
class JavadocExamplesTest {
  private final ProductId productId = ProductId.of("sku-scarf");
  private final StoreId storeId = StoreId.of("wool-and-co");

  @Test
  void reviewPolicyAndReviewDraft() {
    ReviewPolicy policy = ReviewPolicy.defaults()
        .withUniqueness(Uniqueness.PER_ORDER_LINE)
        .withAttributes(List.of(ReviewAttribute.choice("fit", "Fit", "small", "true", "large")))
        .withModerators(List.of(ContentModerators.blockedWords(Set.of("scam"))));
    Meadow meadow = Meadow.builder().reviewPolicy(policy).build();
    UserId userId = UserId.of("u-42");

    ReviewDraft draft = ReviewDraft.of(productId, storeId, ReviewContent.of(5, "Fits true to size"))
        .withIncentive(Incentive.FREE_PRODUCT);
    Review review = meadow.reviews().submit(userId, draft.withOrder(OrderId.of("order-1")));

    assertEquals(List.of(DisclosureLabel.RECEIVED_FREE_PRODUCT), review.labels());
    assertEquals(ReviewState.PUBLISHED, review.state());
    assertThrows(ConflictException.class, () -> meadow.reviews().submit(userId, draft.withOrder(OrderId.of("order-1"))));
    assertEquals(ReviewState.REJECTED, meadow.reviews().submit(userId, ReviewDraft.of(productId, storeId,
        ReviewContent.of(1, "A scam, the fit is small").withAttributes(Map.of("fit", "small"))).withOrder(OrderId.of("order-2")))
        .state());
  }
}
