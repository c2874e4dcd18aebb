package dev.meadow.trust;

/**
 * What a badge is held for: the user's whole activity, or one subject, making the badge
 * repeatable (held once per product, store, group, station or domain).
 */
public enum Scope {
  /** Once per user, over everything they did. */
  USER(""),
  /** Once per product, over the user's reviews of it ({@code reviews}, {@code verified_reviews}). */
  PRODUCT("product:"),
  /** Once per store, over the user's reviews of its products ({@code reviews}, {@code verified_reviews}). */
  STORE("store:"),
  /** Once per group, over the user's posts, comments and likes received there. */
  GROUP("group:"),
  /** Once per store station, over the user's posts, comments and likes received there. */
  STATION("station:"),
  /** Once per domain the shop names when granting (a taxonomy category or a style label); granted badges only. */
  DOMAIN("domain:");

  final String prefix;

  Scope(String prefix) {
    this.prefix = prefix;
  }
}
