package io.brmh.scrapeworker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver of webhook calls on a loopback port: it keeps every call (path, headers,
 * body) and answers each path with the statuses it was given, in turn, the last one for ever after
 * (200 when none).
 */
final class WebhookReceiver implements AutoCloseable {
  /** One call as it arrived. */
  record Call(String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();

  WebhookReceiver() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange
                .getRequestHeaders()
                .forEach(
                    (name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(path, headers, body));
            exchange.sendResponseHeaders(next(path), -1);
          }
        });
    server.start();
  }

  /** Calls of this path are answered with these statuses in turn, the last one after them. */
  WebhookReceiver answering(String path, Integer... statuses) {
    answers.put(path, new ArrayList<>(List.of(statuses)));
    return this;
  }

  private synchronized int next(String path) {
    List<Integer> statuses = answers.get(path);
    if (statuses == null || statuses.isEmpty()) {
      return 200;
    }
    return statuses.size() == 1 ? statuses.get(0) : statuses.remove(0);
  }

  String hostAndPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  String url(String path) {
    return "http://" + hostAndPort() + path;
  }

  List<Call> calls(String path) {
    return calls.stream().filter(call -> call.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
