package dev.meadow.core.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.Actor;
import dev.meadow.core.Page;
import dev.meadow.core.PageRequest;
import dev.meadow.core.PermissionDeniedException;
import dev.meadow.core.UserId;
import dev.meadow.core.events.SocialEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private final Community c = Community.create();
  private final UserId ann = c.user("ann");

  @Test
  void assign_replacesTheLabelsSortedWithoutRepeats() {
    List<String> labels = c.emits(SocialEvent.LabelsChanged.class,
        () -> c.labels.assign(ann, List.of("vintage", "Minimalist", "VINTAGE")));
    assertEquals(List.of("minimalist", "vintage"), labels);
    assertEquals(new SocialEvent.LabelsChanged(c.lastHeard().id(), c.clock.instant(), ann, labels), c.lastHeard());
    assertEquals(labels, c.labels.of(ann));
    assertEquals(labels, c.changesNothing(() -> c.labels.assign(ann, List.of("minimalist", "vintage"))),
        "the same labels again change nothing");
    assertEquals(List.of("petite"), c.emits(SocialEvent.LabelsChanged.class, () -> c.labels.assign(ann, List.of("petite"))));
    assertEquals(List.of(), c.emits(SocialEvent.LabelsChanged.class, () -> c.labels.assign(ann, List.of())));
    assertEquals(List.of(), c.labels.of(ann));
    assertEquals(List.of(), c.labels.of(c.user("nobody")));
  }

  @Test
  void assign_holdsToTheCatalogueAndTheLimit() {
    c.labels.assign(ann, List.of("petite"));
    c.rejects("labels", () -> c.labels.assign(ann, List.of("goth")));
    c.rejects("labels", () -> c.labels.assign(ann, List.of("minimalist", "mori-girl", "petite", "vintage", "streetwear",
        "y2k")));
    assertEquals(5, c.labels.assign(ann, List.of("minimalist", "mori-girl", "petite", "vintage", "streetwear")).size());
    c.refuses(PermissionDeniedException.class, () -> c.labels.assign(Actor.ANONYMOUS, List.of("petite")));

    Community roomy = Community.withLimits(CommunityLimits.defaults().withLabelsPerUser(7));
    assertEquals(7, roomy.labels.assign(roomy.user("ann"), Community.LABELS.keys()).size());
    Community strict = Community.withLimits(CommunityLimits.defaults().withLabelsPerUser(1));
    strict.rejects("labels", () -> strict.labels.assign(strict.user("ann"), List.of("petite", "y2k")));
  }

  @Test
  void users_listsWhoCarriesALabelAcrossPages() {
    for (String name : List.of("dee", "ann", "cid", "ben")) {
      c.labels.assign(c.user(name), List.of("vintage"));
    }
    c.labels.assign(c.user("eve"), List.of("petite"));
    Page<UserId> first = c.labels.users("Vintage", PageRequest.first(3));
    assertEquals(List.of(UserId.of("ann"), UserId.of("ben"), UserId.of("cid")), first.items());
    assertEquals(List.of(UserId.of("dee")), c.labels.users("vintage", PageRequest.first(3).next(first)).items());
    c.rejects("label", () -> c.labels.users("goth", PageRequest.first()));
    c.rejects("cursor", () -> c.labels.users("petite", PageRequest.first(3).next(first)));
  }

  @Test
  void catalogue_isTheShopsCatalogue() {
    assertEquals(Community.LABELS, c.labels.catalogue());
  }
}
