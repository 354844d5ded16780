package io.brmh.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.brmh.devstack.SharedDevstack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client as the services get it: its limits and its allowed hosts from configuration, which is
 * the only way a test (or the local run) reaches a server on this machine.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeHttpClientBeanIT implements TestPropertyProvider {
  @Inject SafeHttpClient client;
  @Inject OutboundConfiguration config;

  private HttpServer server;

  @Override
  public Map<String, String> getProperties() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException unavailable) {
      throw new UncheckedIOException(unavailable);
    }
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.outbound.allowed-hosts", "127.0.0.1:" + server.getAddress().getPort());
    properties.put("brmh.outbound.deadline", "3s");
    return properties;
  }

  @AfterAll
  void stop() {
    server.stop(0);
  }

  @Test
  void configurationAllowsTheTestsServerAndNothingElseOfThisMachine() throws Exception {
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.maxRedirects()).isEqualTo(5);
    URI allowed = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    assertThat(client.send(OutboundRequest.get(allowed)).status()).isEqualTo(204);
    assertThatThrownBy(() -> client.send(OutboundRequest.get(URI.create("http://127.0.0.1:1/"))))
        .isInstanceOf(OutboundRefusedException.class);
  }
}
