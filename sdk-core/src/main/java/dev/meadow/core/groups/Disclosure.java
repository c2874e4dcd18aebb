package dev.meadow.core.groups;

/** What the author got for a post: shown next to it, so readers can weigh it. */
public enum Disclosure {
  /** Nothing: the author bought the product and speaks for themselves. */
  NONE,
  /** Paid for by a brand or store. */
  SPONSORED,
  /** The author received the product free. */
  GIFTED,
  /** The author earns a commission on sales through the post. */
  AFFILIATE
}
