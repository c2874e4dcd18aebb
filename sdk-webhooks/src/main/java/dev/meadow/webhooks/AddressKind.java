package dev.meadow.webhooks;

/**
 * Kinds of network address that webhooks refuse to reach unless the host allows them, because a
 * URL pointing there lets whoever registers an endpoint make the shop's servers call their own
 * network (server-side request forgery): the loopback interface, cloud metadata services on
 * link-local addresses, databases on private networks.
 */
public enum AddressKind {
  /** {@code 127.0.0.0/8} and {@code ::1}: this machine. */
  LOOPBACK,
  /** {@code 169.254.0.0/16} (cloud metadata services live here) and {@code fe80::/10}. */
  LINK_LOCAL,
  /**
   * Private networks: {@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, carrier-grade
   * NAT {@code 100.64.0.0/10}, IPv6 unique-local {@code fc00::/7} and site-local {@code fec0::/10}.
   */
  PRIVATE,
  /** {@code 0.0.0.0/8} and {@code ::}: "this host", which reaches the machine itself. */
  UNSPECIFIED,
  /** Multicast, broadcast and the reserved {@code 240.0.0.0/4}: never a webhook receiver. */
  RESERVED
}
