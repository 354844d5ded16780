package io.brmh.gateway.jobs;

import static org.awaitility.Awaitility.await;

import io.brmh.gateway.GatewayClient;
import io.brmh.platform.security.Roles;
import io.brmh.platform.testing.WebSocketTestClient;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tokens, requests and the WebSocket against one running gateway. */
final class JobsFixture {
  private final URI base;
  private final GatewayClient http;
  private final JsonMapper json;
  private final TokenGenerator tokens;

  JobsFixture(URI base, GatewayClient http, JsonMapper json, TokenGenerator tokens) {
    this.base = base;
    this.http = http;
    this.json = json;
    this.tokens = tokens;
  }

  String tokenFor(String userId, String... roles) {
    return tokens.generateToken(Authentication.build(userId, List.of(roles)), 3600).orElseThrow();
  }

  String newUserToken() {
    return tokenFor("user-" + UUID.randomUUID(), Roles.USER);
  }

  HttpResponse<String> startJob(String token, String query, String prefer) {
    var request = HttpRequest.POST("/test-jobs" + query, "").bearerAuth(token);
    if (prefer != null) {
      request.header("Prefer", prefer);
    }
    return http.send(request);
  }

  HttpResponse<String> get(String path, String token) {
    return http.send(HttpRequest.GET(path).bearerAuth(token));
  }

  HttpResponse<String> post(String path, String token) {
    return http.send(HttpRequest.POST(path, "").bearerAuth(token));
  }

  Map<String, Object> jsonOf(HttpResponse<String> response) {
    try {
      return json.readValue(
          GatewayClient.body(response), Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebSocketTestClient socket(String token) {
    return WebSocketTestClient.connect(
        URI.create(base.toString().replaceFirst("^http", "ws") + "/ws"), token, json);
  }

  /**
   * Subscribes to every job type the tests start and waits until this instance's fan-out consumer
   * is live: it joins its group at start-up and reads only newer events.
   */
  WebSocketTestClient subscribedSocket(String token) {
    WebSocketTestClient socket = socket(token);
    socket.send("{\"action\":\"subscribe\",\"jobTypes\":[\"" + StepWorker.JOB_TYPE + "\"]}");
    socket.await(message -> "subscribed".equals(message.get("type")));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              String probe =
                  (String) jsonOf(startJob(token, "?steps=1&name=probe", null)).get("id");
              return socket.received().stream()
                  .anyMatch(message -> probe.equals(message.get("brmhjobid")));
            });
    return socket;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> data(Map<String, Object> cloudEvent) {
    return (Map<String, Object>) cloudEvent.get("data");
  }
}
