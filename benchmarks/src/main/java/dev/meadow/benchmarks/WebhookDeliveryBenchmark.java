package dev.meadow.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.meadow.core.Meadow;
import dev.meadow.core.UserId;
import dev.meadow.core.groups.Group;
import dev.meadow.core.groups.GroupDraft;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.webhooks.AddressKind;
import dev.meadow.webhooks.DeliveryReport;
import dev.meadow.webhooks.Webhooks;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of webhook delivery on {@link MemoryStorage} to an endpoint on loopback (the JDK's
 * HTTP server answering 204), one delivering thread: {@code webhooks.deliverPending()} of
 * {@value #BATCH} waiting events, each fanned out of the outbox, claimed, signed, posted over a
 * kept-alive connection and marked delivered with its attempt. The events themselves (group
 * joins) are made before each call and not measured. One operation is one delivered event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WebhookDeliveryBenchmark {
  static final int BATCH = 100;

  private HttpServer server;
  private ExecutorService serverThreads;
  private Meadow meadow;
  private Webhooks webhooks;
  private Group group;
  private long next;

  @Setup(Level.Trial)
  public void startReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    serverThreads = Executors.newFixedThreadPool(2);
    server.setExecutor(serverThreads);
    server.createContext("/hooks", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        body.readAllBytes();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  /** A fresh storage each iteration, so it holds only that iteration's deliveries. */
  @Setup(Level.Iteration)
  public void setUp() {
    meadow = Meadow.builder().storage(MemoryStorage.create())
        .install(Webhooks.builder().allowAddresses(AddressKind.LOOPBACK).batchSize(BATCH)).build();
    webhooks = meadow.module(Webhooks.class);
    webhooks.register("http://localhost:" + server.getAddress().getPort() + "/hooks", List.of("*"));
    group = meadow.groups().create(UserId.of("owner"), GroupDraft.of("Benchmark", "benchmark"));
    webhooks.deliverPending();
    next = 0;
  }

  @Setup(Level.Invocation)
  public void emitEvents() {
    for (int i = 0; i < BATCH; i++) {
      meadow.groups().join(UserId.of("user-" + next++), group.id());
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public DeliveryReport deliverPending() {
    return webhooks.deliverPending();
  }

  @TearDown(Level.Iteration)
  public void stopDelivery() {
    webhooks.shutdown();
  }

  @TearDown(Level.Trial)
  public void stopReceiver() {
    server.stop(0);
    serverThreads.shutdownNow();
  }
}
