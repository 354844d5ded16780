package io.brmh.platform.outbound;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The addresses BRMH never sends a request to on a user's behalf: its own host, private networks,
 * link-local (where cloud metadata answers), multicast, and the reserved and documentation ranges,
 * in IPv4 and IPv6 alike; an IPv6 address that embeds an IPv4 one (mapped, translated, compatible,
 * NAT64, 6to4) is judged by the IPv4 address inside. A network's own NAT64 prefix cannot be known
 * here: an IPv6-only deployment with one must add it.
 */
final class ForbiddenAddresses {
  private record Range(String name, byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private static final List<Range> RANGES =
      List.of(
          range("this network", "0.0.0.0", 8),
          range("a private network", "10.0.0.0", 8),
          range("carrier-grade NAT (cloud metadata on some clouds)", "100.64.0.0", 10),
          range("loopback", "127.0.0.0", 8),
          range("link-local (cloud metadata)", "169.254.0.0", 16),
          range("a private network", "172.16.0.0", 12),
          range("IETF protocol assignments", "192.0.0.0", 24),
          range("documentation", "192.0.2.0", 24),
          range("a private network", "192.168.0.0", 16),
          range("benchmarking", "198.18.0.0", 15),
          range("documentation", "198.51.100.0", 24),
          range("documentation", "203.0.113.0", 24),
          range("6to4 relay anycast", "192.88.99.0", 24),
          range("multicast", "224.0.0.0", 4),
          range("reserved", "240.0.0.0", 4),
          range("unspecified", "::", 128),
          range("loopback", "::1", 128),
          range("a unique local network (cloud metadata on some clouds)", "fc00::", 7),
          range("link-local", "fe80::", 10),
          range("site-local", "fec0::", 10),
          range("multicast", "ff00::", 8),
          range("documentation", "2001:db8::", 32),
          range("discard", "100::", 64),
          range("Teredo", "2001::", 32),
          range("local-use NAT64", "64:ff9b:1::", 48));

  /** Built from bytes: Java reads the literal {@code ::ffff:0:0} as the IPv4 address 0.0.0.0. */
  private static final Range MAPPED = new Range("IPv4-mapped", mappedPrefix(), 96);

  private static final Range COMPATIBLE = range("IPv4-compatible", "::", 96);
  private static final Range NAT64 = range("NAT64", "64:ff9b::", 96);
  private static final Range TRANSLATED = new Range("IPv4-translated", translatedPrefix(), 96);
  private static final Range SIX_TO_FOUR = range("6to4", "2002::", 16);

  private ForbiddenAddresses() {}

  /**
   * What kind of address this is when BRMH does not call it ("loopback", "a private network"…), or
   * empty when it may. The address itself is left out: it may be an internal DNS answer.
   */
  static Optional<String> reason(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      for (Range embedding : List.of(MAPPED, TRANSLATED, NAT64, COMPATIBLE)) {
        if (embedding.contains(bytes) && !isUnspecifiedOrLoopback(bytes)) {
          return reason(v4(bytes, 12));
        }
      }
      if (SIX_TO_FOUR.contains(bytes)) {
        return reason(v4(bytes, 2)); // 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
      }
    }
    for (Range range : RANGES) {
      if (range.contains(bytes)) {
        return Optional.of(range.name());
      }
    }
    return Optional.empty();
  }

  /** {@code ::ffff:0:0:0/96}, of RFC 2765. */
  private static byte[] translatedPrefix() {
    byte[] prefix = new byte[16];
    prefix[8] = (byte) 0xff;
    prefix[9] = (byte) 0xff;
    return prefix;
  }

  private static byte[] mappedPrefix() {
    byte[] prefix = new byte[16];
    prefix[10] = (byte) 0xff;
    prefix[11] = (byte) 0xff;
    return prefix;
  }

  private static boolean isUnspecifiedOrLoopback(byte[] v6) {
    return new BigInteger(1, v6).compareTo(BigInteger.ONE) <= 0;
  }

  private static InetAddress v4(byte[] v6, int at) {
    try {
      return Inet4Address.getByAddress(new byte[] {v6[at], v6[at + 1], v6[at + 2], v6[at + 3]});
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static Range range(String name, String network, int prefix) {
    try {
      // Literal addresses only: no name is looked up here.
      return new Range(name, InetAddress.getByName(network).getAddress(), prefix);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
