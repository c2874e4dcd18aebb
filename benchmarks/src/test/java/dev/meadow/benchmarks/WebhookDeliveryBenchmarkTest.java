package dev.meadow.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meadow.webhooks.DeliveryReport;
import org.junit.jupiter.api.Test;

/** Runs the webhook benchmark once outside JMH, as {@link BenchmarksTest} does for the others. */
class WebhookDeliveryBenchmarkTest {
  @Test
  void webhookDeliveryBenchmark_deliversEachWaitingEventOnce() throws Exception {
    WebhookDeliveryBenchmark benchmark = new WebhookDeliveryBenchmark();
    benchmark.startReceiver();
    try {
      benchmark.setUp();
      benchmark.emitEvents();
      assertEquals(new DeliveryReport(WebhookDeliveryBenchmark.BATCH, WebhookDeliveryBenchmark.BATCH, 0, 0, 0, 0),
          benchmark.deliverPending());
      benchmark.emitEvents();
      assertEquals(WebhookDeliveryBenchmark.BATCH, benchmark.deliverPending().delivered());
      benchmark.stopDelivery();
    } finally {
      benchmark.stopReceiver();
    }
  }
}
