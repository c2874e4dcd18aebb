package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.Meadow;
import dev.meadow.core.PageRequest;
import dev.meadow.core.ProductId;
import dev.meadow.core.UserId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The examples in the Javadoc of the community classes, as written there, compiled and run. */
class JavadocExamplesTest {
  @Test
  void taxonomyAndLabelCatalogue() {
    Taxonomy taxonomy = Taxonomy.builder()
        .category("food", "Food")
        .category("tea", "Tea", "food")
        .build();
    LabelCatalogue labels = LabelCatalogue.builder()
        .label("minimalist", "Minimalist")
        .label("mori-girl", "Mori girl")
        .build();
    assertEquals(Set.of("food", "tea"), taxonomy.withDescendants("food"));
    assertEquals(List.of("minimalist", "mori-girl"), labels.keys());
  }

  @Test
  void groupDraftPostDraftAndGroupSearch() {
    Meadow meadow = Meadow.builder().taxonomy(Community.TAXONOMY).build();
    UserId userId = UserId.of("u-42");

    GroupDraft draft = GroupDraft.of("Tea lovers", "tea-lovers")
        .withDescription("Oolong, puer and everything between")
        .withCategory("tea")
        .withVisibility(GroupVisibility.REQUEST);
    Group group = meadow.groups().create(userId, draft);

    PostDraft post = PostDraft.of("My first oolong", "Floral, a little buttery.")
        .withProducts(List.of(new ProductId("sku-oolong-50g")))
        .withDisclosure(Disclosure.GIFTED);
    assertEquals(Disclosure.GIFTED, meadow.posts().publish(userId, group.id(), post).disclosure());

    meadow.groups().join(UserId.of("u-7"), group.id());
    assertEquals(List.of(group.id()), meadow.groups().discover(GroupSearch.inCategory("food").withNamePrefix("tea"),
        PageRequest.first(20)).items().stream().map(Group::id).toList());
  }
}
