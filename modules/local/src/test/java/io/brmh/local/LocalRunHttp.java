package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.DevstackService;
import io.brmh.devstack.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the local module's tests share: a local run's environment on free ports, and JSON calls to
 * its HTTP API.
 */
final class LocalRunHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  LocalRunHttp(Map<String, String> environment) {
    this.base = "http://localhost:" + environment.get(BrmhLocal.HTTP_PORT_VARIABLE);
  }

  /** {@code http://localhost:<port>} of the local run. */
  String base() {
    return base;
  }

  /** The environment of a local run on free ports, keeping its data in {@code dataDir}. */
  static Map<String, String> environment(Path dataDir, String adminPassword) {
    Map<String, String> environment = new HashMap<>();
    environment.put(BrmhLocal.DATA_DIR_VARIABLE, dataDir.toString());
    environment.put(BrmhLocal.ADMIN_PASSWORD_VARIABLE, adminPassword);
    environment.put(BrmhLocal.HTTP_PORT_VARIABLE, Integer.toString(Ports.freePort()));
    for (DevstackService service : DevstackService.values()) {
      environment.put(service.portVariable(), Integer.toString(Ports.freePort()));
    }
    return environment;
  }

  /**
   * The answer's body; fails the test unless the status is 2xx. {@code headers} are name, value,
   * name, value...
   */
  String send(String method, String path, String body, String bearer, String... headers)
      throws Exception {
    HttpResponse<String> response = exchange(method, path, body, bearer, headers);
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isBetween(200, 299);
    return response.body();
  }

  /**
   * Makes the namespace a cache configuration's project must be (created now, or by an earlier test
   * of the same run).
   */
  void ensureNamespace(String name, String bearer) throws Exception {
    HttpResponse<String> response =
        exchange("POST", "/namespaces", "{\"name\":\"" + name + "\"}", bearer);
    assertThat(response.statusCode()).as("POST /namespaces: " + response.body()).isIn(201, 409);
  }

  HttpResponse<String> exchange(
      String method, String path, String body, String bearer, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
