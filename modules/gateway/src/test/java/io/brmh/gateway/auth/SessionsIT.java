package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAdmin;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Refresh-token rotation and reuse, logout, validation and expired tokens, on the real stack. */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject TokenGenerator tokenGenerator;

  private GatewayClient client;

  @Override
  public Map<String, String> getProperties() {
    return TestAdmin.properties();
  }

  @BeforeAll
  void client() {
    client = new GatewayClient(http.toBlocking());
  }

  @Test
  void aRefreshTokenWorksOnceAndOneUsedAgainRevokesItsFamily() throws Exception {
    JsonNode login = login();
    String first = login.get("refreshToken").getStringValue();

    JsonNode refreshed = refresh(first, 200);
    String second = refreshed.get("refreshToken").getStringValue();
    assertThat(second).isNotEqualTo(first);
    assertThat(
            status(
                HttpRequest.GET("/auth/me")
                    .bearerAuth(refreshed.get("accessToken").getStringValue())))
        .isEqualTo(200);

    JsonNode reused = refresh(first, 401);
    assertThat(reused.get("type").getStringValue()).endsWith("/invalid-refresh-token");
    refresh(second, 401); // the family went with the reuse: the legitimate holder logs in again

    String fresh = login().get("refreshToken").getStringValue(); // another login is another family
    refresh(fresh, 200);
  }

  @Test
  void theOriginalsFieldNameIsAcceptedAndAMissingTokenIsABadRequest() throws Exception {
    String token = login().get("refreshToken").getStringValue();
    HttpResponse<String> snakeCase =
        client.send(HttpRequest.POST("/auth/refresh", Map.of("refresh_token", token)));
    assertThat(snakeCase.code()).isEqualTo(200);

    HttpResponse<String> missing = client.send(HttpRequest.POST("/auth/refresh", Map.of()));
    assertThat(missing.code()).isEqualTo(400);
    assertThat(GatewayClient.body(missing)).contains("refreshToken");
  }

  @Test
  void logoutStopsTheAccessTokenAtOnceAndRevokesTheRefreshToken() throws Exception {
    JsonNode login = login();
    String access = login.get("accessToken").getStringValue();
    String refreshToken = login.get("refreshToken").getStringValue();
    JsonNode other = login();

    assertThat(
            status(
                HttpRequest.POST("/auth/logout", Map.of("refreshToken", refreshToken))
                    .bearerAuth(access)))
        .isEqualTo(204);

    assertThat(status(HttpRequest.GET("/auth/me").bearerAuth(access))).isEqualTo(401);
    assertThat(status(HttpRequest.POST("/auth/validate", "").bearerAuth(access))).isEqualTo(401);
    refresh(refreshToken, 401);
    // Another session of the same account is not touched.
    assertThat(
            status(
                HttpRequest.GET("/auth/me").bearerAuth(other.get("accessToken").getStringValue())))
        .isEqualTo(200);
  }

  @Test
  void validateTellsWhoseTheTokenIs() throws Exception {
    String access = login().get("accessToken").getStringValue();

    HttpResponse<String> response =
        client.send(HttpRequest.POST("/auth/validate", "").bearerAuth(access));

    assertThat(response.code()).isEqualTo(200);
    JsonNode body = json.readValue(GatewayClient.body(response), JsonNode.class);
    assertThat(body.get("valid").getBooleanValue()).isTrue();
    assertThat(body.get("email").getStringValue()).isEqualTo(TestAdmin.EMAIL);
    assertThat(Instant.parse(body.get("expiresAt").getStringValue())).isAfter(Instant.now());
  }

  @Test
  void anExpiredTokenIsRefused() {
    long past = Instant.now().minusSeconds(60).getEpochSecond();
    String expired =
        tokenGenerator
            .generateToken(
                Map.of(
                    "sub",
                    "someone",
                    "roles",
                    List.of("admin"),
                    "exp",
                    past,
                    "iat",
                    past - 3600,
                    "jti",
                    UUID.randomUUID().toString()))
            .orElseThrow();

    assertThat(status(HttpRequest.GET("/auth/me").bearerAuth(expired))).isEqualTo(401);
  }

  private JsonNode login() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.POST(
                "/auth/login", Map.of("email", TestAdmin.EMAIL, "password", TestAdmin.PASSWORD)));
    assertThat(response.code()).isEqualTo(200);
    return json.readValue(GatewayClient.body(response), JsonNode.class);
  }

  private JsonNode refresh(String refreshToken, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        client.send(HttpRequest.POST("/auth/refresh", Map.of("refreshToken", refreshToken)));
    assertThat(response.code()).as(GatewayClient.body(response)).isEqualTo(expectedStatus);
    assertThat(GatewayClient.body(response)).doesNotContain(refreshToken);
    return json.readValue(GatewayClient.body(response), JsonNode.class);
  }

  private int status(HttpRequest<?> request) {
    return client.send(request).code();
  }
}
