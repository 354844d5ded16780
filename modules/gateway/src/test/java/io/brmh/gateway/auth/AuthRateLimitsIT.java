package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Brute-force protection with tight limits: the attempt over an account's limit and the one over
 * the client address's limit get 429 problem+json with Retry-After, right or wrong password alike.
 * Each test uses accounts of its own: counters live in the Redis the whole suite shares.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthRateLimitsIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject UserRepository users;
  @Inject PasswordHasher hasher;

  private GatewayClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.auth.rate-limits.login-per-account", "3/1m");
    properties.put("brmh.auth.rate-limits.login-per-address", "1000/1m");
    properties.put("brmh.auth.rate-limits.refresh-per-address", "2/1m");
    return properties;
  }

  @BeforeAll
  void client() {
    client = new GatewayClient(http.toBlocking());
  }

  @Test
  void anAccountTriedTooOftenIsRefusedEvenWithTheRightPassword() throws Exception {
    String email = "limited-" + UUID.randomUUID() + "@brmh.local";
    users.createIfAbsent(
        new UserAccount(
            UUID.randomUUID().toString(),
            email,
            hasher.hash("the password"),
            List.of(Roles.USER),
            Instant.now()));
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThat(login(email, "guess " + attempt).code()).isEqualTo(401);
    }
    assertThat(login(email, "the password").code()).isEqualTo(200);

    assertTooMany(login(email, "the password"));
  }

  @Test
  void unknownAccountsAreCountedToo() throws Exception {
    String nobody = "nobody-" + UUID.randomUUID() + "@brmh.local";
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(login(nobody, "guess " + attempt).code()).isEqualTo(401);
    }
    assertTooMany(login(nobody, "guess 4"));
  }

  /**
   * A client that writes its own X-Forwarded-For is still counted by its connection (no trusted
   * proxy here).
   */
  @Test
  void refreshesFromOneAddressAreLimitedWhateverForwardedForSays() throws Exception {
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThat(
              client
                  .send(
                      HttpRequest.POST(
                              "/auth/refresh", Map.of("refreshToken", "not-a-token-" + attempt))
                          .header("X-Forwarded-For", "203.0.113." + attempt))
                  .code())
          .isEqualTo(401);
    }
    assertTooMany(
        client.send(
            HttpRequest.POST("/auth/refresh", Map.of("refreshToken", "not-a-token"))
                .header("X-Forwarded-For", "198.51.100.7")));
  }

  private void assertTooMany(HttpResponse<String> response) throws Exception {
    assertThat(response.code()).isEqualTo(429);
    assertThat(response.getContentType().map(Object::toString))
        .hasValue("application/problem+json");
    long retryAfter = Long.parseLong(response.getHeaders().get(HttpHeaders.RETRY_AFTER));
    assertThat(retryAfter).isBetween(1L, 60L);
    JsonNode problem = json.readValue(GatewayClient.body(response), JsonNode.class);
    assertThat(problem.get("status").getIntValue()).isEqualTo(429);
    assertThat(problem.get("type").getStringValue()).endsWith("/too-many-requests");
  }

  private HttpResponse<String> login(String email, String password) {
    return client.send(
        HttpRequest.POST("/auth/login", Map.of("email", email, "password", password)));
  }
}
