package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAdmin;
import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Every credential flow once, including the ones that log warnings (a reused refresh token, a wrong
 * code), with every log line of the process captured: none holds a password, a code, a token, an
 * API key or the secret.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsNeverLoggedIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;

  private String secret;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = TestAdmin.properties();
    secret = properties.get("brmh.jwt.secret");
    return properties;
  }

  @Test
  void noCredentialReachesTheLog() throws Exception {
    Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    List<String> secrets = new ArrayList<>(List.of(TestAdmin.PASSWORD, secret));
    try {
      GatewayClient client = new GatewayClient(http.toBlocking());
      String email = "logged-" + UUID.randomUUID() + "@example.org";
      String password = "a password nobody logs";
      secrets.add(password);
      client.send(HttpRequest.POST("/auth/signup", Map.of("email", email, "password", password)));
      Matcher code = Pattern.compile("(\\d{6})").matcher(outbox.messagesTo(email).get(0).body());
      assertThat(code.find()).isTrue();
      secrets.add(code.group(1));
      client.send(
          HttpRequest.POST(
              "/auth/verify-email",
              Map.of(
                  "email",
                  email,
                  "code",
                  code.group(1).equals("000000") ? "111111" : "000000",
                  "password",
                  password)));
      JsonNode session =
          body(
              client.send(
                  HttpRequest.POST(
                      "/auth/verify-email",
                      Map.of("email", email, "code", code.group(1), "password", password))));
      String refresh = session.get("refreshToken").getStringValue();
      secrets.add(refresh);
      secrets.add(session.get("accessToken").getStringValue());
      JsonNode refreshed =
          body(client.send(HttpRequest.POST("/auth/refresh", Map.of("refreshToken", refresh))));
      secrets.add(refreshed.get("refreshToken").getStringValue());
      client.send(
          HttpRequest.POST(
              "/auth/refresh", Map.of("refreshToken", refresh))); // reuse: logged as a warning
      client.send(
          HttpRequest.POST("/auth/login", Map.of("email", email, "password", "wrong " + password)));

      JsonNode admin =
          body(
              client.send(
                  HttpRequest.POST(
                      "/auth/login",
                      Map.of("email", TestAdmin.EMAIL, "password", TestAdmin.PASSWORD))));
      String adminToken = admin.get("accessToken").getStringValue();
      secrets.add(adminToken);
      JsonNode key =
          body(
              client.send(
                  HttpRequest.POST(
                          "/auth/api-keys",
                          Map.of("name", "logged", "scopes", List.of("cache:ingest")))
                      .bearerAuth(adminToken)));
      secrets.add(key.get("key").getStringValue());
      client.send(HttpRequest.GET("/jobs").header("X-API-Key", key.get("key").getStringValue()));
      String credential = "Bearer upstream-" + UUID.randomUUID();
      secrets.add(credential);
      sendAccountCredentialThroughEveryRoute(client, adminToken, credential);
      client.send(
          HttpRequest.POST(
                  "/auth/logout",
                  Map.of("refreshToken", admin.get("refreshToken").getStringValue()))
              .bearerAuth(adminToken));
      client.send(HttpRequest.GET("/auth/me").bearerAuth(adminToken));
    } finally {
      root.detachAppender(captured);
    }
    List<String> lines =
        captured.list.stream()
            .map(
                event ->
                    event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(event.getThrowableProxy())))
            .toList();
    assertThat(lines).as("log lines captured").isNotEmpty();
    for (String secretText : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secretText));
    }
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readValue(GatewayClient.body(response), JsonNode.class);
  }

  /**
   * A namespace account's credential through every route that takes, keeps or copies it: create,
   * replace, duplicate with its secrets, and the namespace's duplicate and delete jobs.
   */
  private void sendAccountCredentialThroughEveryRoute(
      GatewayClient client, String adminToken, String credential) throws Exception {
    JsonNode namespace =
        body(
            client.send(
                HttpRequest.POST(
                        "/unified/namespaces",
                        Map.of(
                            "namespace-name",
                            "logged-" + UUID.randomUUID().toString().substring(0, 8)))
                    .bearerAuth(adminToken)));
    String namespaceId = namespace.get("namespace-id").getStringValue();
    Map<String, Object> account =
        Map.of(
            "namespace-account-name",
            "logged",
            "namespace-account-header",
            List.of(Map.of("key", "Authorization", "value", credential)));
    JsonNode created =
        body(
            client.send(
                HttpRequest.POST("/unified/namespaces/" + namespaceId + "/accounts", account)
                    .bearerAuth(adminToken)));
    String accountId = created.get("id").getStringValue();
    succeeded(
        HttpRequest.PUT("/unified/accounts/" + accountId, account)
            .header("If-Match", "*")
            .bearerAuth(adminToken));
    succeeded(
        HttpRequest.POST(
                "/unified/accounts/" + accountId + "/duplicate", Map.of("includeSecrets", true))
            .bearerAuth(adminToken));
    succeeded(
        HttpRequest.POST(
                "/unified/namespaces/" + namespaceId + "/duplicate", Map.of("includeSecrets", true))
            .bearerAuth(adminToken));
    succeeded(HttpRequest.DELETE("/unified/namespaces/" + namespaceId).bearerAuth(adminToken));
  }

  private void succeeded(io.micronaut.http.MutableHttpRequest<?> request) {
    var response = new GatewayClient(http.toBlocking()).send(request);
    assertThat(response.code()).as(request.getPath() + ": " + response.body()).isBetween(200, 299);
  }
}
