package dev.meadow.trust.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.Meadow;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.StoreId;
import dev.meadow.core.UserId;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.core.reviews.ReviewContent;
import dev.meadow.core.reviews.ReviewDraft;
import dev.meadow.trust.BuiltInBadges;
import dev.meadow.trust.HeldBadge;
import dev.meadow.trust.ImportResult;
import dev.meadow.trust.Trust;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The "Installing on an existing shop" example of docs/trust-badges.md, run. */
class ImportGuideTest {
  @Test
  @DisplayName("The guide's import awards first-review for a review written before Trust was installed")
  void importExisting() {
    MemoryStorage storage = MemoryStorage.create();
    UserId ann = UserId.of("ann");
    Meadow.builder().storage(storage).build().reviews().submit(ann, ReviewDraft.of(ProductId.of("oolong"),
        StoreId.of("tea-shop"), ReviewContent.of(5, "Lovely tea, would buy again")));
    Meadow meadow = Meadow.builder().storage(storage)
        .install(Trust.builder().badges(List.of(BuiltInBadges.firstReview().build())))
        .build();
    Trust trust = meadow.module(Trust.class);
    assertEquals(List.of(), trust.badges(ann, PageRequest.first()).items());

    // snippet: trust-import
    PageRequest page = PageRequest.first(100);
    while (true) {
      ImportResult result = trust.importExisting(page); // a page of reviews, posts or comments, or of users
      if (!result.hasNext()) {
        break;
      }
      page = PageRequest.of(100, result.nextCursor());  // store it to resume after a restart
    }
    // end snippet: trust-import
    assertEquals(List.of("first-review"),
        trust.badges(ann, PageRequest.first()).items().stream().map(HeldBadge::badgeId).toList());
  }
}
