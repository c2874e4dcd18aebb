package dev.meadow.core.internal;

import dev.meadow.core.PlainText;

/** Shared rule for ids that belong to the host shop. */
public final class HostIds {
  /** The longest host id accepted, in code points. */
  public static final int MAX_LENGTH = 128;

  private HostIds() {}

  /** Checks a host id and returns it unchanged. */
  public static String check(String field, String value) {
    return PlainText.token(field, value, MAX_LENGTH);
  }
}
