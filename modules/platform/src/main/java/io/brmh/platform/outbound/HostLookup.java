package io.brmh.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Names to addresses: the system's resolver, or in tests one that answers as a hostile DNS would.
 */
@FunctionalInterface
interface HostLookup {
  HostLookup SYSTEM = InetAddress::getAllByName;

  InetAddress[] lookup(String host) throws UnknownHostException;
}
