package dev.meadow.storage.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.UserId;
import dev.meadow.core.spi.LabelStore;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.meadow.core.spi.LabelStore}. */
public abstract class LabelStoreContract extends StorageContract {

  private void store(Consumer<LabelStore> work) {
    tx(tx -> {
      work.accept(tx.labels());
      return null;
    });
  }

  private void replace(String user, List<String> labels) {
    store(s -> s.replaceUserLabels(new UserId(user), labels));
  }

  private List<String> labelsOf(String user) {
    return tx(tx -> tx.labels().findUserLabels(new UserId(user)));
  }

  private List<UserId> users(String label, @Nullable UserId after, int limit) {
    return tx(tx -> tx.labels().listUsersByLabel(label, after, limit));
  }

  private List<String> allUsers(String label) {
    return pageThrough(2, (UserId after, int limit) -> users(label, after, limit)).stream().map(UserId::value).toList();
  }

  @Test
  @DisplayName("A user's labels are stored and returned sorted; a user without labels has none")
  void labelsRoundTrip() {
    replace("ann 🌸", List.of("minimal", "oolong", "vintage"));
    assertEquals(List.of("minimal", "oolong", "vintage"), labelsOf("ann 🌸"));
    assertEquals(List.of(), labelsOf("bob"));
  }

  @Test
  @DisplayName("Replacing a user's labels replaces all of them: dropped labels no longer list the user")
  void replaceReplacesAll() {
    replace("ann", List.of("minimal", "oolong"));
    replace("bob", List.of("oolong"));
    replace("ann", List.of("oolong", "vintage"));
    assertEquals(List.of("oolong", "vintage"), labelsOf("ann"));
    assertEquals(List.of(), allUsers("minimal"));
    assertEquals(List.of("ann", "bob"), allUsers("oolong"));
    assertEquals(List.of("ann"), allUsers("vintage"));
    assertEquals(List.of("oolong"), labelsOf("bob"), "other users keep theirs");
  }

  @Test
  @DisplayName("Replacing a user's labels with an empty list clears them")
  void replaceWithEmptyClears() {
    replace("ann", List.of("minimal", "oolong"));
    replace("ann", List.of());
    assertEquals(List.of(), labelsOf("ann"));
    assertEquals(List.of(), allUsers("minimal"));
    replace("ann", List.of("vintage"));
    assertEquals(List.of("vintage"), labelsOf("ann"), "labels can be given again after a clear");
  }

  @Test
  @DisplayName("Users carrying a label are listed by ascending id, only that label's")
  void usersByLabelOrder() {
    for (String user : List.of("u07", "u02", "u10", "u01", "u05")) {
      replace(user, List.of("minimal", "oolong"));
    }
    replace("u03", List.of("vintage"));
    assertEquals(List.of("u01", "u02", "u05", "u07", "u10"), allUsers("oolong"));
    assertEquals(List.of(new UserId("u01"), new UserId("u02")), users("oolong", null, 2));
    assertEquals(List.of(new UserId("u07"), new UserId("u10")), users("oolong", new UserId("u05"), 10));
    assertEquals(List.of("u03"), allUsers("vintage"));
    assertEquals(List.of(), allUsers("oolon"), "labels match whole");
  }

  @Test
  @DisplayName("Users carrying a label page through keyset positions exactly once each, whatever their ids")
  void usersByLabelPaging() {
    List<String> ids = List.of("Zoë", "alice", "Bob", "bob", "a-b", "a_b", "a%b", "user 10", "user 9", "用户",
        "🌿 gardener", "Émile", "0", "~tilde");
    for (String id : ids) {
      replace(id, List.of("oolong"));
    }
    List<String> listed = allUsers("oolong");
    assertNoRepeats(listed);
    assertEquals(ids.stream().sorted().toList(), listed.stream().sorted().toList(), "every user, once");
    List<String> again = allUsers("oolong");
    assertEquals(listed, again, "the order is stable");
  }

  @Test
  @DisplayName("Racing replacements of one user's labels on 8 threads leave exactly one thread's labels")
  void racingReplacements() throws Exception {
    race(8, thread -> {
      for (int i = 0; i < 10; i++) {
        replace("contested", List.of("t" + thread + "-a", "t" + thread + "-b"));
      }
      return null;
    });
    List<String> labels = labelsOf("contested");
    assertEquals(2, labels.size(), "one thread's labels, not a mixture: " + labels);
    String thread = labels.get(0).substring(0, labels.get(0).indexOf('-'));
    assertEquals(List.of(thread + "-a", thread + "-b"), labels);
    for (int t = 0; t < 8; t++) {
      String label = "t" + t + "-a";
      assertEquals(label.startsWith(thread + "-") ? List.of("contested") : List.of(), allUsers(label));
    }
  }

  @Test
  @DisplayName("Listings take limits from 0 to 1,000: 0 lists nothing, others throw IllegalArgumentException")
  void listingLimits() {
    replace("ann", List.of("oolong"));
    assertEquals(List.of(), users("oolong", null, 0));
    assertThrows(IllegalArgumentException.class, () -> users("oolong", null, -1));
    assertThrows(IllegalArgumentException.class, () -> users("oolong", null, 1001));
    assertEquals(List.of(new UserId("ann")), users("oolong", null, 1000));
  }

  @Test
  @DisplayName("Null arguments throw NullPointerException")
  void nullArguments() {
    replace("ann", List.of("oolong"));
    List<Consumer<LabelStore>> calls = List.of(
        s -> s.replaceUserLabels(null, List.of()),
        s -> s.replaceUserLabels(new UserId("ann"), null),
        s -> s.findUserLabels(null),
        s -> s.listUsersByLabel(null, null, 10));
    for (Consumer<LabelStore> call : calls) {
      assertThrows(NullPointerException.class, () -> store(call));
    }
    assertEquals(List.of("oolong"), labelsOf("ann"));
  }

  @Test
  @DisplayName("A transaction that throws undoes every label replacement in it")
  void rollbackUndoesReplacements() {
    replace("ann", List.of("minimal", "oolong"));
    assertThrows(IllegalStateException.class, () -> store(s -> {
      s.replaceUserLabels(new UserId("ann"), List.of("vintage"));
      s.replaceUserLabels(new UserId("bob"), List.of("minimal"));
      s.replaceUserLabels(new UserId("ann"), List.of());
      throw new IllegalStateException("work failed");
    }));
    assertEquals(List.of("minimal", "oolong"), labelsOf("ann"));
    assertEquals(List.of(), labelsOf("bob"));
    assertEquals(List.of("ann"), allUsers("minimal"));
    assertTrue(allUsers("vintage").isEmpty());
  }
}
