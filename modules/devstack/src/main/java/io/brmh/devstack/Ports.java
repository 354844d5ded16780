package io.brmh.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers for servers that listen on the loopback interface. */
public final class Ports {
  private Ports() {}

  /** The lowest port tests pick from: below it are well-known and commonly configured ports. */
  private static final int LOWEST_PICKED = 10_000;

  /** Where the ephemeral range starts when the system does not say (the IANA range, macOS). */
  private static final int DEFAULT_EPHEMERAL_START = 49_152;

  private static final Path LINUX_EPHEMERAL_RANGE =
      Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Ports this JVM handed out already: two servers of one run never get the same one. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port that is free now and stays free for outgoing connections: it lies below the system's
   * ephemeral range. A port the operating system picks for a listener comes from that range, where
   * any client connection made meanwhile (a readiness probe, a client of a server started before)
   * may take it before the server meant for it binds.
   */
  public static int freePort() {
    int ephemeralStart = ephemeralRangeStart();
    if (ephemeralStart > LOWEST_PICKED) {
      for (int attempt = 0; attempt < 200; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST_PICKED, ephemeralStart);
        if (isFree(port) && HANDED_OUT.add(port)) {
          return port;
        }
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  private static int ephemeralRangeStart() {
    try {
      // A reader, not Files.readString: /proc files report a size of 0, and may be cut short.
      try (BufferedReader reader = Files.newBufferedReader(LINUX_EPHEMERAL_RANGE)) {
        return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
      }
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  /**
   * Whether {@code port} of the loopback interface can be bound. A listener on the wildcard address
   * also makes it fail, which is what we want.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails with a one-line message naming the variable to set when {@code port} is taken.
   *
   * @throws PortInUseException when something listens on the port
   */
  public static void requireFree(String what, int port, String variable) {
    if (!isFree(port)) {
      throw new PortInUseException(what, port, variable);
    }
  }
}
