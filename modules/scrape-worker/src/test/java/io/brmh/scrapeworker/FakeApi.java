package io.brmh.scrapeworker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP API on a loopback port that pages one fixed list of items in every style BRMH reads:
 * {@code /link} (a {@code Link} header with Shopify's {@code page_info}), {@code /cursor} ({@code
 * next_cursor} in the body), {@code /token} ({@code nextPageToken} in the body), {@code
 * /header-token} (an {@code X-Next-Page-Token} header), {@code /page} ({@code page} and {@code
 * total_pages}) and {@code /offset} ({@code offset}, {@code limit} and {@code total}). It can
 * answer some requests with 429 (and {@code Retry-After}) or 503, and be slow, as real APIs are.
 */
public final class FakeApi implements AutoCloseable {
  public static final String BIG_PRICE = "17303261256590089746.61";

  private final HttpServer server;
  private final List<Map<String, Object>> items = new ArrayList<>();
  private final int pageSize;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> faults = new HashMap<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile long pageDelayMillis;

  /**
   * @param count how many items the API has
   * @param pageSize items per page
   */
  public FakeApi(int count, int pageSize) {
    this.pageSize = pageSize;
    for (int i = 1; i <= count; i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", "item-" + i);
      item.put("n", i);
      item.put("price", new BigDecimal(BIG_PRICE));
      item.put("title", "Item number " + i);
      items.add(item);
    }
    // Headers and body leave apart: without this, Nagle's algorithm holds each body 40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::answer);
    server.start();
  }

  /** The n-th request (from 1) to each path gets this status instead of its page. */
  public FakeApi failing(int request, int status) {
    faults.put(request, status);
    return this;
  }

  /** Each page is answered this much later (a slow API, for a run to be caught in the middle). */
  public FakeApi slow(long millis) {
    this.pageDelayMillis = millis;
    return this;
  }

  public String hostAndPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public String base() {
    return "http://" + hostAndPort();
  }

  public List<Map<String, Object>> items() {
    return items;
  }

  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  /** Every Authorization header the API was sent. */
  public List<String> authorizations() {
    return authorizations;
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      int number = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null) {
        authorizations.add(authorization);
      }
      Integer fault = faults.get(number);
      if (fault != null) {
        if (fault == 429) {
          exchange.getResponseHeaders().add("Retry-After", "1");
        }
        exchange.sendResponseHeaders(fault, -1);
        return;
      }
      if (pageDelayMillis > 0) {
        try {
          Thread.sleep(pageDelayMillis); // the API is slow: the run waits on it, not the test
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String body;
      switch (path) {
        case "/link" -> {
          int page = Integer.parseInt(query.getOrDefault("page_info", "p0").substring(1));
          if ((page + 1) * pageSize < items.size()) {
            exchange
                .getResponseHeaders()
                .add("Link", "<" + base() + "/link?page_info=p" + (page + 1) + ">; rel=\"next\"");
          }
          body = json(Map.of("products", page(page)));
        }
        case "/cursor", "/token", "/header-token" -> {
          String param = path.equals("/cursor") ? "cursor" : "pageToken";
          int page = Integer.parseInt(query.getOrDefault(param, "c0").substring(1));
          boolean more = (page + 1) * pageSize < items.size();
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put(path.equals("/token") ? "items" : "data", page(page));
          if (more && path.equals("/cursor")) {
            answer.put("next_cursor", "c" + (page + 1));
          } else if (more && path.equals("/token")) {
            answer.put("nextPageToken", "c" + (page + 1));
          } else if (more) {
            exchange.getResponseHeaders().add("X-Next-Page-Token", "c" + (page + 1));
          }
          body = json(answer);
        }
        case "/page" -> {
          int page = Integer.parseInt(query.getOrDefault("page", "1"));
          body =
              json(
                  Map.of(
                      "results",
                      page(page - 1),
                      "total_pages",
                      (items.size() + pageSize - 1) / pageSize));
        }
        case "/offset" -> {
          int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
          int limit = Integer.parseInt(query.getOrDefault("limit", Integer.toString(pageSize)));
          body =
              json(
                  Map.of(
                      "records",
                      items.subList(
                          Math.min(offset, items.size()), Math.min(offset + limit, items.size())),
                      "total",
                      items.size()));
        }
        default -> {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private List<Map<String, Object>> page(int index) {
    int from = Math.min(index * pageSize, items.size());
    return items.subList(from, Math.min(from + pageSize, items.size()));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] parts = pair.split("=", 2);
        query.put(
            URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }

  private static String json(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The paths of the styles, for tests that walk them all. */
  public static Set<String> paths() {
    return Set.of("/link", "/cursor", "/token", "/header-token", "/page", "/offset");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
