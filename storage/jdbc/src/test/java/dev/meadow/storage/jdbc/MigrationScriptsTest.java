package dev.meadow.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meadow.core.StorageException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped scripts, their index, and how the migrator plans and splits them. */
class MigrationScriptsTest {

  @ParameterizedTest
  @EnumSource(Dialect.class)
  @DisplayName("migrations.txt lists every V*.sql script in the folder, so Flyway and migrate() apply the same set")
  void index_listsEveryScriptInTheFolder(Dialect dialect) throws IOException, URISyntaxException {
    URL folder = getClass().getClassLoader().getResource(dialect.migrationsLocation());
    List<String> onDisk;
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
    }
    List<String> listed = Migrator.scripts(dialect.migrationsLocation()).stream()
        .map(s -> s.resource().substring(s.resource().lastIndexOf('/') + 1)).sorted().toList();
    assertEquals(onDisk, listed);
  }

  @Test
  @DisplayName("Both dialects ship the same versions")
  void dialects_shipTheSameVersions() {
    assertEquals(
        Migrator.scripts(Dialect.POSTGRESQL.migrationsLocation()).stream().map(Migrator.Script::version).toList(),
        Migrator.scripts(Dialect.H2.migrationsLocation()).stream().map(Migrator.Script::version).toList());
  }

  @Test
  @DisplayName("A missing version below an applied one is refused: migrations apply in order")
  void plan_refusesAGap() {
    Migrator.Script v1 = new Migrator.Script(1, "one", "x/V1__one.sql", "", "c1");
    Migrator.Script v2 = new Migrator.Script(2, "two", "x/V2__two.sql", "", "c2");
    StorageException e = assertThrows(StorageException.class, () -> Migrator.next(new Migrator.Plan("core", List.of(v1, v2)), Map.of(2, "c2")));
    assertTrue(e.getMessage().contains("V1 (one)"), e.getMessage());
    assertEquals(v2, Migrator.next(new Migrator.Plan("core", List.of(v1, v2)), Map.of(1, "c1")).orElseThrow());
    assertTrue(Migrator.next(new Migrator.Plan("core", List.of(v1, v2)), Map.of(1, "c1", 2, "c2")).isEmpty());
  }

  @Test
  @DisplayName("Line endings do not change a script's checksum")
  void checksum_ignoresLineEndingsOfTheCheckout() {
    assertEquals(64, Migrator.checksum("SELECT 1;\n").length());
    assertEquals(Migrator.checksum("CREATE TABLE t (x INT);\n"),
        Migrator.checksum("CREATE TABLE t (x INT);\r\n".replace("\r\n", "\n")));
  }

  @Test
  @DisplayName("Scripts split at semicolons, not at those inside quotes or comments")
  void statements_splitOutsideQuotesAndComments() {
    String script = """
        -- a comment; with a semicolon
        CREATE TABLE a (x VARCHAR(5) DEFAULT 'a;b');
        /* block; comment */
        INSERT INTO a VALUES ('it''s; fine');
        CREATE TABLE "odd;name" (y INT)
        ;;
        """;
    assertEquals(List.of(
        "CREATE TABLE a (x VARCHAR(5) DEFAULT 'a;b')",
        "INSERT INTO a VALUES ('it''s; fine')",
        "CREATE TABLE \"odd;name\" (y INT)"), SqlScript.statements(script));
  }

  @Test
  @DisplayName("An unterminated quote in a script is reported")
  void statements_rejectUnterminatedQuotes() {
    assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("INSERT INTO a VALUES ('open);"));
  }
}
