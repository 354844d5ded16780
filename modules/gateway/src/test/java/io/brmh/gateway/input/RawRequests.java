package io.brmh.gateway.input;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Sends requests exactly as written, bytes and all, with the JDK's client: Micronaut's client
 * encodes bodies and paths itself, and a test of malformed input must send what it means to.
 */
final class RawRequests {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final JsonMapper json;

  RawRequests(EmbeddedServer server, JsonMapper json) {
    this.base = server.getURI();
    this.json = json;
  }

  /** A response and its problem's field errors ({@code field -> message}), if it has any. */
  record Answer(int status, String contentType, String body, List<Map<String, Object>> errors) {
    boolean names(String field) {
      return errors.stream().anyMatch(error -> field.equals(error.get("field")));
    }

    boolean isProblem() {
      return contentType.startsWith("application/problem+json");
    }
  }

  Answer send(String method, String pathAndQuery, String token, String body) {
    return send(method, pathAndQuery, token, body, Map.of());
  }

  Answer send(
      String method, String pathAndQuery, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return answer(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Answer answer(HttpResponse<String> response) throws IOException {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    List<Map<String, Object>> errors = List.of();
    if (contentType.startsWith("application/problem+json") && !response.body().isEmpty()) {
      Map<String, Object> problem = json.readValue(response.body(), Map.class);
      Object listed = problem.get("errors");
      if (listed instanceof List<?> list) {
        errors = (List<Map<String, Object>>) list;
      }
    }
    return new Answer(response.statusCode(), contentType, response.body(), errors);
  }
}
