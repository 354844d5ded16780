package io.brmh.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbound client against local servers: the allowed one answers; every forbidden address,
 * literal or resolved, directly or through a redirect, is refused before a connection is made (a
 * trap server counts them); large and slow answers are cut off; credentials stay with their origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeHttpClientTest {
  private HttpServer api;
  private HttpServer other;
  private ServerSocket trap;
  private ServerSocket slowHeaders;
  private final AtomicInteger trapped = new AtomicInteger();
  private final Map<String, String> seenByOther = new ConcurrentHashMap<>();
  private final AtomicInteger flips = new AtomicInteger();
  private SafeHttpClient client;

  @BeforeAll
  void start() throws IOException {
    trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepter =
        new Thread(
            () -> {
              while (!trap.isClosed()) {
                try (Socket ignored = trap.accept()) {
                  trapped.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    accepter.setDaemon(true);
    accepter.start();
    slowHeaders = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread trickler =
        new Thread(
            () -> {
              while (!slowHeaders.isClosed()) {
                try (Socket connection = slowHeaders.accept()) {
                  OutputStream out = connection.getOutputStream();
                  out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                  for (int i = 0; i < 100; i++) {
                    out.write('x'); // a header that never ends, a byte at a time
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                  }
                } catch (IOException closed) {
                  // the client hung up, as it should
                }
              }
            });
    trickler.setDaemon(true);
    trickler.start();
    other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    other.createContext(
        "/echo",
        exchange -> {
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> seenByOther.put(name.toLowerCase(), values.get(0)));
          answer(exchange, 200, "application/json", "{}");
        });
    other.start();
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/items", exchange -> answer(exchange, 200, "application/json; charset=utf-8", "[1,2,3]"));
    api.createContext("/page", exchange -> answer(exchange, 200, "text/html", "<html></html>"));
    api.createContext(
        "/to",
        exchange -> {
          exchange
              .getResponseHeaders()
              .add("Location", exchange.getRequestURI().getQuery().substring(2));
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    api.createContext(
        "/loop",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/loop");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    api.createContext(
        "/large",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0); // chunked: no length announced
          try (OutputStream out = exchange.getResponseBody()) {
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
              out.write(chunk);
            }
          } catch (IOException cutOff) {
            // the client stopped reading, as it should
          }
        });
    api.createContext(
        "/slow",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
              out.write(' ');
              out.flush();
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // a trickle, byte by byte
            }
          } catch (IOException cutOff) {
            // the client gave up, as it should
          }
        });
    api.start();
    client =
        new SafeHttpClient(
            new OutboundConfiguration(
                List.of(
                    "127.0.0.1:" + api.getAddress().getPort(),
                    "127.0.0.1:" + other.getAddress().getPort(),
                    "127.0.0.1:" + slowHeaders.getLocalPort()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                1024 * 1024,
                5),
            this::hostileDns);
  }

  @AfterAll
  void stop() throws IOException {
    client.close();
    api.stop(0);
    other.stop(0);
    trap.close();
    slowHeaders.close();
  }

  /** A DNS that answers names with private addresses, and one name that changes its answer. */
  private InetAddress[] hostileDns(String host) throws UnknownHostException {
    return switch (host) {
      case "internal.example" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
      case "mixed.example" ->
          new InetAddress[] {
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")
          };
      case "flip.example" ->
          flips.getAndIncrement() == 0
              ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
              : new InetAddress[] {InetAddress.getLoopbackAddress()};
      default -> HostLookup.SYSTEM.lookup(host);
    };
  }

  @Test
  void anAllowedServerIsReachedAndItsAnswerRead() throws Exception {
    OutboundResponse answer =
        client.send(OutboundRequest.get(at(api, "/items"), "application/json"));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("[1,2,3]");
    assertThat(answer.contentType()).isEqualTo("application/json");
  }

  @Test
  void forbiddenAddressesAreRefusedBeforeAConnectionIsMade() {
    int port = trap.getLocalPort();
    for (String url :
        List.of(
            "http://127.0.0.1:" + port + "/",
            "http://localhost:" + port + "/",
            "http://[::1]:" + port + "/",
            "http://[::ffff:127.0.0.1]:" + port + "/",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://internal.example/",
            "http://mixed.example:" + port + "/",
            "http://flip.example:" + port + "/")) {
      assertThatThrownBy(() -> client.send(OutboundRequest.get(URI.create(url))))
          .as(url)
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessageContaining("BRMH does not call")
          .hasMessageNotContaining("10.1.2.3");
    }
    for (String url :
        List.of("file:///etc/passwd", "ftp://example.org/", "http://user:pw@example.org/")) {
      assertThatThrownBy(() -> client.send(OutboundRequest.get(URI.create(url))))
          .as(url)
          .isInstanceOf(OutboundRefusedException.class);
    }
    assertThat(trapped.get()).as("connections the trap server saw").isZero();
  }

  @Test
  void aRedirectIsCheckedAgainAndCannotLeadToAForbiddenAddress() {
    int port = trap.getLocalPort();
    for (String target :
        List.of(
            "http://127.0.0.1:" + port + "/",
            "http://169.254.169.254/latest/meta-data/",
            "http://internal.example/",
            "file:///etc/passwd")) {
      assertThatThrownBy(() -> client.send(OutboundRequest.get(at(api, "/to?u=" + target))))
          .as(target)
          .isInstanceOf(OutboundRefusedException.class);
    }
    assertThatThrownBy(() -> client.send(OutboundRequest.get(at(api, "/loop"))))
        .isInstanceOf(OutboundRefusedException.class)
        .hasMessageContaining("redirects");
    assertThat(trapped.get()).isZero();
  }

  @Test
  void largeAndSlowAnswersAreCutOff() {
    assertThatThrownBy(() -> client.send(OutboundRequest.get(at(api, "/large"))))
        .isInstanceOf(OutboundRefusedException.class)
        .hasMessageContaining("larger than");
    long started = System.nanoTime();
    assertThatThrownBy(() -> client.send(OutboundRequest.get(at(api, "/slow"))))
        .isInstanceOf(OutboundRefusedException.class)
        .hasMessageContaining("did not answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("cut off at the deadline, not after the 10 s the trickle takes")
        .isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void headersTricklingInAreCutOffAtTheDeadline() {
    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                client.send(
                    OutboundRequest.get(
                        URI.create("http://127.0.0.1:" + slowHeaders.getLocalPort() + "/"))))
        .isInstanceOf(OutboundRefusedException.class)
        .hasMessageContaining("did not answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void theCallerSetsNoHeaderThatDescribesTheConnection() {
    assertThatThrownBy(
            () ->
                new OutboundRequest(
                    "GET",
                    at(api, "/items"),
                    Map.of("Host", "admin.internal"),
                    null,
                    null,
                    Set.of(),
                    Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAnswerOfATypeNotAskedForIsRefused() {
    assertThatThrownBy(() -> client.send(OutboundRequest.get(at(api, "/page"), "application/json")))
        .isInstanceOf(OutboundRefusedException.class)
        .hasMessageContaining("text/html");
  }

  @Test
  void credentialsAreNotSentOnToAnotherOrigin() throws Exception {
    URI echo = at(other, "/echo");
    OutboundRequest withCredentials =
        new OutboundRequest(
            "GET",
            at(api, "/to?u=" + echo),
            Map.of("Authorization", "Bearer s3cret", "X-Api-Key", "k3y", "X-Plain", "kept"),
            null,
            null,
            Set.of(),
            Set.of("X-Api-Key"));
    assertThat(client.send(withCredentials).status()).isEqualTo(200);
    assertThat(seenByOther)
        .containsEntry("x-plain", "kept")
        .doesNotContainKeys("authorization", "x-api-key");
  }

  private static URI at(HttpServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
