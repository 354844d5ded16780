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
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rotation never extends a login: once its lifetime is over, the newest refresh token is refused
 * too.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginLifetimeIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = TestAdmin.properties();
    properties.put("brmh.auth.refresh-token-lifetime", "3s");
    return properties;
  }

  @Test
  void theNewestRefreshTokenDiesWithItsLogin() throws Exception {
    GatewayClient client = new GatewayClient(http.toBlocking());
    JsonNode login =
        body(
            client.send(
                HttpRequest.POST(
                    "/auth/login",
                    Map.of("email", TestAdmin.EMAIL, "password", TestAdmin.PASSWORD))));
    HttpResponse<String> refreshed =
        client.send(
            HttpRequest.POST(
                "/auth/refresh",
                Map.of("refreshToken", login.get("refreshToken").getStringValue())));
    assertThat(refreshed.code()).isEqualTo(200);

    LockSupport.parkNanos(Duration.ofMillis(3_500).toNanos());

    String newest = body(refreshed).get("refreshToken").getStringValue();
    assertThat(
            client.send(HttpRequest.POST("/auth/refresh", Map.of("refreshToken", newest))).code())
        .isEqualTo(401);
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readValue(GatewayClient.body(response), JsonNode.class);
  }
}
