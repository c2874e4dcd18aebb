package dev.meadow.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Runs the webhook claim benchmark outside JMH, as {@link BenchmarksTest} does for the others. */
class WebhookClaimBenchmarkTest {
  @Test
  void webhookClaimBenchmark_keepsItsBacklogDueAndClaimsFullBatches() {
    WebhookClaimBenchmark benchmark = new WebhookClaimBenchmark();
    benchmark.backlog = 25;
    benchmark.setUp();
    try {
      // Five batches of ten from a backlog of 25: each marked delivery is due again at the back.
      for (int i = 0; i < 5; i++) {
        assertEquals(WebhookClaimBenchmark.BATCH, benchmark.claimAndMark(), "batch " + i);
      }
    } finally {
      benchmark.tearDown();
    }
  }
}
