package io.brmh.deployworker.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brmh.platform.outbound.OutboundRefusedException;
import io.brmh.platform.outbound.OutboundRequest;
import io.brmh.platform.outbound.OutboundResponse;
import io.brmh.platform.outbound.SafeHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A function's only way out: {@code fetch} in the sandbox sends through BRMH's outbound client,
 * which refuses loopback, private and metadata addresses (169.254.169.254) however they are spelt,
 * bounds the answer's size and time, and follows redirects only to addresses it would call.
 * Requests and answers cross as JSON text, so no host object reaches the function.
 */
public final class SandboxFetch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SafeHttpClient client;

  public SandboxFetch(SafeHttpClient client) {
    this.client = client;
  }

  /**
   * @param requestJson {@code {url, method, headers, body}}
   * @return {@code {status, headers, body}}, or {@code {error}} when the call was refused or failed
   */
  String fetch(String requestJson) {
    ObjectNode answer = JSON.createObjectNode();
    try {
      JsonNode request = JSON.readTree(requestJson);
      Map<String, String> headers = new LinkedHashMap<>();
      request
          .path("headers")
          .fields()
          .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
      String contentType = headers.remove("content-type");
      if (contentType == null) {
        contentType = headers.remove("Content-Type");
      }
      JsonNode body = request.get("body");
      OutboundResponse response =
          client.send(
              new OutboundRequest(
                  request.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT),
                  URI.create(request.path("url").asText()),
                  headers,
                  body == null || body.isNull()
                      ? null
                      : body.asText().getBytes(StandardCharsets.UTF_8),
                  contentType,
                  Set.of(),
                  Set.of()));
      answer.put("status", response.status());
      ObjectNode answered = answer.putObject("headers");
      response.headers().forEach((name, values) -> answered.put(name, String.join(", ", values)));
      answer.put("body", new String(response.body(), StandardCharsets.UTF_8));
    } catch (OutboundRefusedException refused) {
      answer.put("error", refused.getMessage());
    } catch (IOException | IllegalArgumentException failed) {
      answer.put("error", String.valueOf(failed.getMessage()));
    }
    return answer.toString();
  }
}
