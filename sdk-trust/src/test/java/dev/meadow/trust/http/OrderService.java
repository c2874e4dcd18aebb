package dev.meadow.trust.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A shop's order service for tests: a real WireMock server on loopback, and helpers around it. */
final class OrderService implements AutoCloseable {
  /** The path of the order service's purchase lookup, with its placeholders. */
  static final String PATH = "/users/{user}/purchases/{product}?order={order}";

  final WireMockServer server;

  OrderService() {
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
    server.start();
  }

  /** Returns the URL of {@code path} on this server. */
  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** Returns a body of the JSON contract. */
  static String purchase(String orderId, String productId, String purchasedAt, String state) {
    return "{\"orderId\":\"" + orderId + "\",\"productId\":\"" + productId + "\",\"purchasedAt\":\"" + purchasedAt
        + "\",\"state\":\"" + state + "\"}";
  }

  /** Returns the raw URLs (path and query, as sent) of the requests the server saw, oldest first. */
  List<String> requestedUrls() {
    List<String> urls = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      urls.add(event.getRequest().getUrl());
    }
    Collections.reverse(urls);
    return urls;
  }

  /** Returns the port of a loopback address nobody listens on: connecting is refused. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** A sleeper that records each wait and returns at once: tests never sleep for backoffs. */
  static final class RecordingSleeper implements HttpPurchaseVerifier.Sleeper {
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }
}
