package dev.meadow.webhooks;

import dev.meadow.webhooks.spi.WebhookStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.net.InetAddresses;
import dev.meadow.core.EventId;
import dev.meadow.core.ValidationException;
import dev.meadow.core.Witness;
import dev.meadow.core.memory.MemoryStorage;
import dev.meadow.webhooks.spi.WebhookAttempt;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard against server-side request forgery, at registration and at every attempt. */
class AddressGuardTest {
  private final Shop shop = new Shop(MemoryStorage.create());

  @AfterEach
  void close() throws Exception {
    shop.close();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK",
      "169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL",
      "10.1.2.3, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
      "100.64.0.1, PRIVATE", "fd00::1, PRIVATE", "fc00::1, PRIVATE", "fec0::1, PRIVATE",
      "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
      "224.0.0.1, RESERVED", "255.255.255.255, RESERVED", "240.0.0.1, RESERVED", "ff02::1, RESERVED",
      "::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, LINK_LOCAL", "::127.0.0.1, LOOPBACK",
      "2002:7f00:0001::, LOOPBACK", "64:ff9b::10.0.0.1, PRIVATE",
      "2001:db8::5efe:7f00:1, LOOPBACK", "2001:db8::200:5efe:a9fe:a9fe, LINK_LOCAL", "2001:db8::5efe:5db8:d70e, PUBLIC",
      "93.184.215.14, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC", "2606:4700::1111, PUBLIC",
      "8.8.8.8, PUBLIC"})
  void classifiesAddresses(String address, String kind) {
    Optional<AddressKind> found = AddressGuard.kindOf(InetAddresses.forString(address));
    assertEquals(kind, found.map(Enum::name).orElse("PUBLIC"));
  }

  @Test
  @DisplayName("An IPv4-mapped address a resolver hands over as an Inet6Address is judged by its IPv4 address")
  void mappedAddressKeptAsIpv6_isJudgedByItsIpv4Address() throws Exception {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169,
        (byte) 254};
    java.net.InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);
    assertTrue(address instanceof java.net.Inet6Address, "the JDK keeps it as IPv6 here");
    assertEquals(Optional.of(AddressKind.LINK_LOCAL), AddressGuard.kindOf(address));
  }

  @Test
  @DisplayName("By default an endpoint on loopback is refused at every attempt, nothing reaches it, and the refusal is recorded")
  void loopbackRefusedByDefault() {
    Webhooks webhooks = shop.install(Webhooks.builder());
    WebhookEndpointId endpoint = shop.register(webhooks, "/hooks");
    EventId event = shop.emit(1).get(0);
    assertEquals(1, webhooks.deliverPending().retrying());
    assertTrue(shop.receiver.calls().isEmpty(), "no request reached the loopback server");
    WebhookAttempt attempt = webhooks.attempts(event, endpoint).get(0);
    assertEquals(0, attempt.statusCode());
    assertTrue(attempt.error().contains("LOOPBACK"), attempt.error());
  }

  @Test
  @DisplayName("A URL whose host is a refused address literal is refused at registration, naming url, and nothing is stored")
  void literalRefusedAtRegistration() {
    Webhooks webhooks = shop.install(Webhooks.builder().allowAddresses(AddressKind.LOOPBACK));
    Witness witness = shop.witness;
    for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.8/hooks",
        "http://[::ffff:192.168.0.1]/", "http://0.0.0.0:8080/", "http://[fd12::1]/")) {
      witness.rejects("url", () -> webhooks.register(url, List.of("*")),
          () -> witness.snapshot((tx, world) -> world.put("endpoints", tx.store(WebhookStore.class).listEndpoints(null, 1000))));
    }
    assertEquals(1, webhooks.register("http://127.0.0.1:9/hooks", List.of("*")).endpoint().activeSecrets(),
        "loopback is allowed here");
  }

  @Test
  @DisplayName("A host name is refused if any one of the addresses it resolves to is refused")
  void everyResolvedAddressIsChecked() {
    Dns splitHorizon = host -> {
      if (host.equals("hooks.shop.example")) {
        return List.of(InetAddresses.forString("93.184.215.14"), InetAddresses.forString("10.0.0.7"));
      }
      throw new UnknownHostException(host);
    };
    AddressGuard guard = new AddressGuard(EnumSet.noneOf(AddressKind.class), splitHorizon);
    UnknownHostException refused = assertThrows(UnknownHostException.class, () -> guard.lookup("hooks.shop.example"));
    assertTrue(refused.getMessage().contains("10.0.0.7"), refused.getMessage());
    AddressGuard allowing = new AddressGuard(EnumSet.of(AddressKind.PRIVATE), splitHorizon);
    assertDoesNotThrowLookup(allowing, "hooks.shop.example");
  }

  private static void assertDoesNotThrowLookup(AddressGuard guard, String host) {
    try {
      assertEquals(2, guard.lookup(host).size());
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("The host's own DNS is used through the guard: a name resolving to loopback is refused even on a custom client")
  void guardWrapsTheHostsClient() {
    OkHttpClient client = new OkHttpClient.Builder()
        .dns(host -> List.of(InetAddress.getLoopbackAddress()))
        .build();
    Webhooks webhooks = shop.install(Webhooks.builder().httpClient(client));
    String url = shop.url("/hooks").replace("localhost", "innocent.example");
    WebhookEndpointId endpoint = webhooks.register(url, List.of("*")).endpoint().id();
    EventId event = shop.emit(1).get(0);
    webhooks.deliverPending();
    assertTrue(shop.receiver.calls().isEmpty());
    assertTrue(webhooks.attempts(event, endpoint).get(0).error().contains("innocent.example"));

    Webhooks allowed = shop.install(Webhooks.builder().httpClient(client).allowAddresses(AddressKind.LOOPBACK));
    shop.advance(java.time.Duration.ofDays(1));
    assertEquals(1, allowed.deliverPending().delivered());
    assertEquals(1, shop.receiver.calls().size());
  }

  @Test
  @DisplayName("Hostile URLs are refused at registration naming url, and nothing is stored")
  void hostileUrls() {
    Webhooks webhooks = shop.webhooks().build();
    for (String url : dev.meadow.core.HostileInput.MALFORMED_URLS) {
      shop.witness.rejects("url", () -> webhooks.register(url, List.of("*")),
          () -> shop.witness.snapshot((tx, world) -> world.put("endpoints", tx.store(WebhookStore.class).listEndpoints(null, 1000))));
    }
    assertThrows(ValidationException.class, () -> webhooks.register(null, List.of("*")));
  }
}
