package dev.meadow.core;

import org.jspecify.annotations.Nullable;

/** The outage switch of a test's host port: while a failure is set, the port throws it. */
public final class Outage {
  private volatile @Nullable RuntimeException failure;

  /** Makes the port fail with {@code failure} from now on (null: answer again). */
  public void set(@Nullable RuntimeException failure) {
    this.failure = failure;
  }

  /** Throws the failure, if one is set; ports call it before they answer. */
  public void check() {
    RuntimeException current = failure;
    if (current != null) {
      throw current;
    }
  }
}
