package dev.meadow.examples.quickstart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's Java examples and compiled code from drifting apart.
 *
 * <p>In the README, a line {@code <!-- snippet: NAME -->} is followed by a fenced {@code java}
 * block. In the test sources of one of the project's modules, the same code stands between
 * {@code // snippet: NAME} and {@code // end snippet: NAME}, where a test compiles and runs it
 * (this module's {@link ReadmeExamplesTest}, or the module whose API the example shows, such as
 * sdk-webhooks). The two must be equal, ignoring differences in white space.
 */
class ReadmeSnippetsTest {
  private static final Pattern README_SNIPPET =
      Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->\\s*```java\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern CODE_SNIPPET =
      Pattern.compile("// snippet: ([a-z0-9-]+)\\n(.*?)\\n\\s*// end snippet: \\1\\n", Pattern.DOTALL);

  private static Path moduleDir() {
    // Surefire runs tests in the module's directory and also sets "basedir" to it.
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  @Test
  void readme_showsTheCompiledCodeOfEverySnippet() throws IOException {
    Path root = moduleDir().resolve("../..").normalize();
    Map<String, String> readme = snippets(README_SNIPPET, Files.readString(root.resolve("README.md"), UTF_8));
    Map<String, String> code = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> isTestSource(root.relativize(f))).toList()) {
        snippets(CODE_SNIPPET, Files.readString(file, UTF_8)).forEach((name, body) -> {
          if (code.put(name, body) != null) {
            fail("snippet '" + name + "' is marked twice in the test sources");
          }
        });
      }
    }

    assertTrue(readme.containsKey("quickstart"), "the README has no quickstart snippet: " + readme.keySet());
    for (Map.Entry<String, String> snippet : readme.entrySet()) {
      String compiled = code.get(snippet.getKey());
      if (compiled == null) {
        fail("README snippet '" + snippet.getKey() + "' has no marked code in any module's src/test/java");
      }
      assertEquals(normalise(compiled), normalise(snippet.getValue()),
          "README snippet '" + snippet.getKey() + "' differs from the code it is compiled from");
    }
    assertEquals(code.keySet(), readme.keySet(), "every marked snippet appears in the README");
  }

  @Test
  void normalise_ignoresIndentationAndBlankLinesButNotCode() {
    assertEquals(normalise("a(1);\n  b();"), normalise("    a(1);\n\n      b();  "));
    assertTrue(!normalise("a(1);").equals(normalise("a(2);")));
  }

  /**
   * Whether a path relative to the project's root is a Java file under some module's
   * {@code src/test/java}, not in a build output or a hidden folder.
   */
  private static boolean isTestSource(Path relative) {
    String path = "/" + relative.toString().replace('\\', '/');
    return path.endsWith(".java") && path.contains("/src/test/java/") && !path.contains("/target/")
        && !path.contains("/.");
  }

  private static Map<String, String> snippets(Pattern pattern, String text) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher m = pattern.matcher(text.replace("\r\n", "\n"));
    while (m.find()) {
      if (found.put(m.group(1), m.group(2)) != null) {
        fail("snippet '" + m.group(1) + "' appears twice");
      }
    }
    return found;
  }

  /** Collapses every run of white space to one space, so indentation and line breaks do not count. */
  static String normalise(String code) {
    return String.join(" ", List.of(code.strip().split("\\s+")));
  }
}
