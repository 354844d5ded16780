package io.brmh.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void freePortsAreDistinctAndBindable() throws IOException {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      ports.add(Ports.freePort());
    }
    assertThat(ports).hasSize(50);
    int port = ports.iterator().next();
    try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void freePortsLieBelowTheEphemeralRangeOutgoingConnectionsUse() throws IOException {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int ephemeralStart = 49_152;
    if (Files.exists(range)) {
      try (BufferedReader reader = Files.newBufferedReader(range)) {
        ephemeralStart = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
      }
    }
    for (int i = 0; i < 20; i++) {
      assertThat(Ports.freePort()).isBetween(10_000, ephemeralStart - 1);
    }
  }

  @Test
  void aTakenPortIsNotFree() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      assertThat(Ports.isFree(socket.getLocalPort())).isFalse();
    }
  }
}
