package io.brmh.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers for servers that listen on the loopback interface. */
public final class Ports {
  private Ports() {}

  /** A port that was free a moment ago, chosen by the operating system. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
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
