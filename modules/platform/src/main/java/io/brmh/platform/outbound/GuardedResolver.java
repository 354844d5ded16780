package io.brmh.platform.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound client's only way from a name to an address: every address a name resolves to is
 * checked, and the connection is made to those checked addresses, never to a second lookup's, so a
 * DNS answer that changes between the check and the connection (rebinding) cannot move it.
 */
final class GuardedResolver implements DnsResolver {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedResolver.class);

  private final HostLookup lookup;
  private final Set<String> allowedHosts;

  GuardedResolver(HostLookup lookup, List<String> allowedHosts) {
    this.lookup = lookup;
    this.allowedHosts =
        Set.copyOf(allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList());
  }

  /** A name BRMH will not connect to; an {@link UnknownHostException} so the client gives up. */
  static final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String reason) {
      super(reason);
    }
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    return Arrays.stream(checked(host, port))
        .map(address -> new InetSocketAddress(address, port))
        .toList();
  }

  /** Without the port no allowed host applies. */
  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    return checked(host, -1);
  }

  /** No reverse lookups: the name stays the one the caller gave. */
  @Override
  public String resolveCanonicalHostname(String host) {
    return host;
  }

  /**
   * @throws RefusedAddressException when any address of the name is one BRMH never calls, unless
   *     {@code host:port} is allowed
   */
  InetAddress[] checked(String host, int port) throws UnknownHostException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses = lookup.lookup(bare);
    if (port >= 0 && allowedHosts.contains(bare.toLowerCase(Locale.ROOT) + ":" + port)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      Optional<String> reason = ForbiddenAddresses.reason(address);
      if (reason.isPresent()) {
        // One bad address refuses the name: the client could otherwise fall back to it.
        // The kind of address stays in the log: told to the user, it would map internal names.
        LOG.debug("Refused {}: {}", bare, reason.get());
        throw new RefusedAddressException(
            "BRMH does not call " + bare + ": it is not a public address.");
      }
    }
    return addresses;
  }
}
