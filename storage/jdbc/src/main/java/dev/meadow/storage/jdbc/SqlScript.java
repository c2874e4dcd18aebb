package dev.meadow.storage.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements at semicolons outside quotes and comments. Scripts
 * that need semicolons inside a statement body (PostgreSQL dollar quoting, procedural blocks) are
 * not supported; Meadow's scripts use plain DDL.
 */
final class SqlScript {
  private SqlScript() {}

  /** Returns the statements of {@code script}, trimmed, without comments or empty statements. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
        current.append('\n');
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated block comment in migration script");
        }
        i = end + 2;
        current.append(' ');
      } else if (c == '\'' || c == '"') {
        int end = closingQuote(script, i, c);
        current.append(script, i, end + 1);
        i = end + 1;
      } else if (c == ';') {
        add(statements, current);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  /** Returns the index of the quote closing the one at {@code start}; doubled quotes escape. */
  private static int closingQuote(String script, int start, char quote) {
    int i = start + 1;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated quoted text in migration script");
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().trim();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
