package dev.meadow.examples.quickstart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps every Java example in the project's Markdown files and compiled code from drifting apart.
 *
 * <p>In any {@code *.md} file of the repository (outside {@code target/} and {@code .git/}), every
 * fenced {@code java} block must follow a line {@code <!-- snippet: NAME -->}. In the test sources
 * of one of the project's modules, the same code stands between {@code // snippet: NAME} and
 * {@code // end snippet: NAME}, where a test compiles and runs it (in the module whose API the
 * example shows, such as sdk-core's {@code dev.meadow.docs} tests, or this module's
 * {@link ReadmeExamplesTest}). The two must be equal, ignoring differences in white space. A
 * snippet may be shown in several files; every marked snippet must be shown in at least one.
 */
class MarkdownSnippetsTest {
  /** A marker, then (after blank lines only) a fenced java block. */
  private static final Pattern MARKED_BLOCK =
      Pattern.compile("(?m)^[ \\t]*<!-- snippet: ([a-z0-9-]+) -->[ \\t]*\\n(?:[ \\t]*\\n)*[ \\t]*```java[ \\t]*\\n(.*?)\\n[ \\t]*```",
          Pattern.DOTALL);
  private static final Pattern MARKER = Pattern.compile("(?m)^[ \\t]*<!-- snippet: (\\S*) -->");
  private static final Pattern JAVA_FENCE = Pattern.compile("(?m)^[ \\t]*```java\\b");
  private static final Pattern CODE_SNIPPET =
      Pattern.compile("// snippet: ([a-z0-9-]+)\\n(.*?)\\n\\s*// end snippet: \\1\\n", Pattern.DOTALL);

  private static Path root() {
    // Surefire runs tests in the module's directory and also sets "basedir" to it.
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return module.resolve("../..").normalize();
  }

  @Test
  @DisplayName("Every Java block of every Markdown file is marked and equals the compiled code it names")
  void markdown_showsTheCompiledCodeOfEverySnippet() throws IOException {
    Path root = root();
    Map<String, String> code = codeSnippets(root);
    List<Path> markdown = files(root, MarkdownSnippetsTest::isMarkdown);
    assertTrue(markdown.contains(root.resolve("README.md")), "the README is scanned: " + markdown);

    List<String> problems = new ArrayList<>();
    Set<String> shown = new LinkedHashSet<>();
    for (Path file : markdown) {
      String name = root.relativize(file).toString().replace('\\', '/');
      String text = Files.readString(file, UTF_8).replace("\r\n", "\n");
      Map<String, String> blocks = new LinkedHashMap<>();
      Matcher marked = MARKED_BLOCK.matcher(text);
      int markedBlocks = 0;
      while (marked.find()) {
        markedBlocks++;
        if (blocks.put(marked.group(1), marked.group(2)) != null) {
          problems.add(name + ": snippet '" + marked.group(1) + "' is shown twice");
        }
      }
      int fences = count(JAVA_FENCE, text);
      if (fences != markedBlocks) {
        problems.add(name + ": " + (fences - markedBlocks) + " of its " + fences
            + " ```java blocks do not follow a <!-- snippet: NAME --> line");
      }
      int markers = count(MARKER, text);
      if (markers != markedBlocks) {
        problems.add(name + ": " + (markers - markedBlocks) + " of its " + markers
            + " snippet markers are not followed by a ```java block, or name a snippet badly");
      }
      for (Map.Entry<String, String> block : blocks.entrySet()) {
        String compiled = code.get(block.getKey());
        if (compiled == null) {
          problems.add(name + ": snippet '" + block.getKey() + "' has no marked code in any module's src/test/java");
        } else if (!normalise(compiled).equals(normalise(block.getValue()))) {
          problems.add(name + ": snippet '" + block.getKey() + "' differs from the code it is compiled from:\n"
              + compiled.stripIndent());
        }
        shown.add(block.getKey());
      }
    }
    Set<String> unshown = new TreeSet<>(code.keySet());
    unshown.removeAll(shown);
    if (!unshown.isEmpty()) {
      problems.add("marked in the test sources but shown in no Markdown file: " + unshown);
    }
    assertTrue(shown.contains("quickstart"), "the README has no quickstart snippet: " + shown);
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void markedBlock_findsOnlyBlocksRightAfterTheirMarker() {
    assertEquals(0, count(MARKER, "Put a `<!-- snippet: NAME -->` line before it."), "a marker in prose");
    Matcher m = MARKED_BLOCK.matcher("<!-- snippet: a -->\n\n```java\nx();\n```\n```java\ny();\n```\n");
    assertTrue(m.find());
    assertEquals("a", m.group(1));
    assertEquals("x();", m.group(2));
    assertFalse(m.find(), "the second block has no marker");
    assertEquals(2, count(JAVA_FENCE, "```java\nx();\n```\n  ```java\ny();\n```\n"));
    assertFalse(MARKED_BLOCK.matcher("<!-- snippet: a -->\nSome text.\n```java\nx();\n```\n").find(),
        "text between marker and block");
  }

  @Test
  void normalise_ignoresIndentationAndBlankLinesButNotCode() {
    assertEquals(normalise("a(1);\n  b();"), normalise("    a(1);\n\n      b();  "));
    assertTrue(!normalise("a(1);").equals(normalise("a(2);")));
  }

  private static Map<String, String> codeSnippets(Path root) throws IOException {
    Map<String, String> code = new LinkedHashMap<>();
    for (Path file : files(root, MarkdownSnippetsTest::isTestSource)) {
      Matcher m = CODE_SNIPPET.matcher(Files.readString(file, UTF_8).replace("\r\n", "\n"));
      while (m.find()) {
        if (code.put(m.group(1), m.group(2)) != null) {
          fail("snippet '" + m.group(1) + "' is marked twice in the test sources (again in " + file + ")");
        }
      }
    }
    return code;
  }

  private static List<Path> files(Path root, java.util.function.Predicate<String> wanted) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> wanted.test("/" + root.relativize(f).toString().replace('\\', '/')))
          .sorted()
          .toList();
    }
  }

  /** Whether a path from the project's root, starting with a slash, is a Markdown file to check. */
  private static boolean isMarkdown(String path) {
    return path.endsWith(".md") && !path.contains("/target/") && !path.startsWith("/.git/");
  }

  /**
   * Whether a path from the project's root, starting with a slash, is a Java file under some
   * module's {@code src/test/java}, not in a build output or a hidden folder.
   */
  private static boolean isTestSource(String path) {
    return path.endsWith(".java") && path.contains("/src/test/java/") && !path.contains("/target/")
        && !path.contains("/.");
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Collapses every run of white space to one space, so indentation and line breaks do not count. */
  static String normalise(String code) {
    return String.join(" ", List.of(code.strip().split("\\s+")));
  }
}
