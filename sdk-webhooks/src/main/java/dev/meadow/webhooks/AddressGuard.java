package dev.meadow.webhooks;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.Dns;
import org.jspecify.annotations.Nullable;

/**
 * The guard against server-side request forgery: resolves a host name and refuses it unless every
 * address it resolves to is allowed. As the HTTP client's {@link Dns}, it checks the very
 * addresses the client then connects to, so a name that resolves differently a moment later (DNS
 * rebinding) gains nothing.
 */
final class AddressGuard implements Dns {
  private final Set<AddressKind> allowed;
  private final Dns dns;

  AddressGuard(Set<AddressKind> allowed, Dns dns) {
    this.allowed = allowed.isEmpty() ? EnumSet.noneOf(AddressKind.class) : EnumSet.copyOf(allowed);
    this.dns = dns;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = InetAddresses.isInetAddress(hostname)
        ? List.of(InetAddresses.forString(hostname))
        : dns.lookup(hostname);
    for (InetAddress address : addresses) {
      Optional<AddressKind> kind = kindOf(address);
      if (kind.isPresent() && !allowed.contains(kind.get())) {
        throw new RefusedAddressException(hostname, address, kind.get());
      }
    }
    return addresses;
  }

  /** Checks a host written as an address literal, which a client may connect to without a look-up. */
  void checkLiteral(String host) throws UnknownHostException {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (InetAddresses.isInetAddress(bare)) {
      lookup(bare);
    }
  }

  /** Returns the kind of a non-public address, or empty for a public one. */
  static Optional<AddressKind> kindOf(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      Optional<AddressKind> own = kindOf6(v6);
      if (own.isPresent()) {
        return own;
      }
      // An IPv4 address inside an IPv6 one (compatible, 6to4, Teredo, ISATAP, NAT64) is judged too.
      Inet4Address embedded = embedded(v6);
      return embedded == null ? Optional.empty() : kindOf(embedded);
    }
    byte[] b = address.getAddress();
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0) {
      return Optional.of(AddressKind.UNSPECIFIED);
    }
    if (address.isLoopbackAddress()) {
      return Optional.of(AddressKind.LOOPBACK);
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of(AddressKind.LINK_LOCAL);
    }
    if (address.isSiteLocalAddress() || first == 100 && (second & 0xc0) == 64) {
      return Optional.of(AddressKind.PRIVATE);
    }
    if (address.isMulticastAddress() || first >= 240) {
      return Optional.of(AddressKind.RESERVED);
    }
    return Optional.empty();
  }

  private static Optional<AddressKind> kindOf6(Inet6Address address) {
    byte[] b = address.getAddress();
    if (address.isAnyLocalAddress()) {
      return Optional.of(AddressKind.UNSPECIFIED);
    }
    if (address.isLoopbackAddress()) {
      return Optional.of(AddressKind.LOOPBACK);
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of(AddressKind.LINK_LOCAL);
    }
    if (address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
      return Optional.of(AddressKind.PRIVATE);
    }
    if (address.isMulticastAddress()) {
      return Optional.of(AddressKind.RESERVED);
    }
    return Optional.empty();
  }

  private static @Nullable Inet4Address embedded(Inet6Address address) {
    if (InetAddresses.hasEmbeddedIPv4ClientAddress(address)) {
      return InetAddresses.getEmbeddedIPv4ClientAddress(address);
    }
    if (InetAddresses.isIsatapAddress(address)) {
      return InetAddresses.getIsatapIPv4Address(address);
    }
    byte[] b = address.getAddress();
    boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= b[i] == 0;
    }
    mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    // The JDK turns an IPv4-mapped address into an Inet4Address when it parses or resolves one, but
    // a host's own DNS may hand over Inet6Address.getByAddress(...) of one, which stays IPv6.
    if (nat64 || mapped) {
      return InetAddresses.fromIPv4BigInteger(new java.math.BigInteger(1, new byte[] {b[12], b[13], b[14], b[15]}));
    }
    return null;
  }

  /** Thrown by the look-up when a host resolves to an address of a kind not allowed. */
  static final class RefusedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddressException(String host, InetAddress address, AddressKind kind) {
      super("refused to connect to " + host + ": it resolves to " + InetAddresses.toAddrString(address) + ", a "
          + kind + " address, which this Webhooks does not allow (see Webhooks.Builder.allowAddresses)");
    }
  }
}
