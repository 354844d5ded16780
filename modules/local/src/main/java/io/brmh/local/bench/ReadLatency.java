package io.brmh.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cache reads over HTTP, through the gateway's real routes (authentication, namespace check, Redis,
 * JSON), one request at a time. The small cache and the large one are read in turn, request by
 * request, so that this machine's drift between minutes falls on both alike and their ratio
 * compares like with like.
 */
final class ReadLatency {
  private static final int WARM_UP_REQUESTS = 30;
  private static final int MEASURED_REQUESTS = 200;
  private static final int LIMIT = 1000;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  ReadLatency(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /**
   * One kind of read: its name, its path and query (project and table are added), the keysFound its
   * answer must give.
   */
  record Read(String name, String query, int keysFound) {}

  /**
   * The reads the README's figures name: page 1 and a middle page, keys only and with data, and one
   * key.
   */
  static List<Read> reads(int keys) {
    int middle = Math.max(1, keys / LIMIT / 2);
    return List.of(
        new Read("firstPage", "/cache/data-in-sequence?page=1&limit=" + LIMIT, LIMIT),
        new Read("middlePage", "/cache/data-in-sequence?page=" + middle + "&limit=" + LIMIT, LIMIT),
        new Read(
            "firstPageWithData",
            "/cache/data-in-sequence?page=1&limit=" + LIMIT + "&includeData=true",
            LIMIT),
        new Read(
            "middlePageWithData",
            "/cache/data-in-sequence?page=" + middle + "&limit=" + LIMIT + "&includeData=true",
            LIMIT),
        new Read("oneKey", "/cache/keys?page=1&limit=1", keys));
  }

  /**
   * Measures each read of both caches, alternating between them.
   *
   * @return per read name, the sorted latencies in nanoseconds of the small cache then of the large
   *     one
   */
  Map<String, List<List<Long>>> measure(
      String table, String smallProject, int smallKeys, String largeProject, int largeKeys)
      throws Exception {
    Map<String, List<List<Long>>> latencies = new LinkedHashMap<>();
    List<Read> small = reads(smallKeys);
    List<Read> large = reads(largeKeys);
    for (int kind = 0; kind < small.size(); kind++) {
      Read smallRead = small.get(kind);
      Read largeRead = large.get(kind);
      String smallUri = base + smallRead.query() + "&project=" + smallProject + "&table=" + table;
      String largeUri = base + largeRead.query() + "&project=" + largeProject + "&table=" + table;
      List<Long> smallTimes = new ArrayList<>();
      List<Long> largeTimes = new ArrayList<>();
      for (int i = 0; i < WARM_UP_REQUESTS + MEASURED_REQUESTS; i++) {
        long smallNanos = timed(smallUri, smallRead.keysFound());
        long largeNanos = timed(largeUri, largeRead.keysFound());
        if (i >= WARM_UP_REQUESTS) {
          smallTimes.add(smallNanos);
          largeTimes.add(largeNanos);
        }
      }
      smallTimes.sort(Long::compare);
      largeTimes.sort(Long::compare);
      latencies.put(smallRead.name(), List.of(smallTimes, largeTimes));
    }
    return latencies;
  }

  private long timed(String uri, int keysFound) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long elapsed = System.nanoTime() - start;
    if (response.statusCode() != 200
        || !response.body().contains("\"keysFound\":" + keysFound + ",")) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "GET %s answered %d: %.300s",
              uri,
              response.statusCode(),
              response.body()));
    }
    return elapsed;
  }
}
