package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.core.GroupId;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.GroupRole;
import dev.meadow.core.groups.Membership;
import dev.meadow.core.reviews.Review;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Migrations on H2")
class H2MigrationTest extends MigrationTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.H2;
  }

  @Test
  @DisplayName("The newest H2 script runs again over itself without failing or changing data, as a re-run after"
      + " it failed half-way does")
  void newestScript_runsAgainOverItself() {
    storage.migrate();
    GroupId group = new GroupId("01J0000000000000000000000C");
    Membership owner = Membership.active(group, new UserId("alice"), GroupRole.OWNER, Instant.parse("2026-01-01T00:00:00Z"));
    Review review = new ReviewFixture("01J0000000000000000000000D", "alice", "jeans", Instant.parse("2026-01-01T00:00:00Z"))
        .build();
    storage.inTransaction(tx -> tx.groups().insertMembership(owner) && tx.counters().add("groups.joined", "alice", 1) == 1
        && tx.reviews().insertReview(review));
    List<Migrator.Script> scripts = Migrator.scripts(storage.migrationsLocation());
    for (String statement : SqlScript.statements(scripts.get(scripts.size() - 1).sql())) {
      TestDatabase.execute(dataSource, statement);
    }
    assertEquals(owner, storage.inTransaction(tx -> tx.groups().findMembership(group, owner.userId())).orElseThrow());
    assertEquals(List.of(1L), storage.inTransaction(tx -> List.of(tx.counters().get("groups.joined", "alice"))));
    assertEquals(review, storage.inTransaction(tx -> tx.reviews().findReview(review.id())).orElseThrow());
  }
}
