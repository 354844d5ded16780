package io.brmh.gateway.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * RS256 tokens under rotating keys on the real stack: the JWKS publishes the keys that verify,
 * rotation leaves live tokens working, a revoked key's tokens are refused, and the stored keys are
 * sealed. Only keys this test made are revoked, so other test classes' tokens stay valid.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningKeysIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject TokenGenerator tokenGenerator;
  @Inject DynamoDbClient dynamo;
  @Inject SigningKeysTable table;

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
  void rotationKeepsLiveTokensAndARevokedKeysTokensAreRefused() throws Exception {
    String admin = login();
    String rotated =
        json.readValue(
                GatewayClient.body(
                    send(HttpRequest.POST("/auth/keys/rotate", "").bearerAuth(admin), 201)),
                JsonNode.class)
            .get("kid")
            .getStringValue();
    String signedBefore = login();
    assertThat(keyId(signedBefore)).isEqualTo(rotated);

    send(HttpRequest.POST("/auth/keys/rotate", "").bearerAuth(admin), 201);
    String signedAfter = login();
    assertThat(keyId(signedAfter)).isNotEqualTo(rotated);
    assertThat(published()).contains(rotated, keyId(signedAfter));
    send(HttpRequest.GET("/auth/me").bearerAuth(signedBefore), 200); // rotation logs no one out

    send(HttpRequest.DELETE("/auth/keys/" + rotated).bearerAuth(signedAfter), 204);

    send(HttpRequest.GET("/auth/me").bearerAuth(signedBefore), 401);
    send(HttpRequest.GET("/auth/me").bearerAuth(signedAfter), 200);
    assertThat(published()).doesNotContain(rotated);
    send(HttpRequest.DELETE("/auth/keys/" + rotated).bearerAuth(signedAfter), 404);
  }

  @Test
  void theJwksHoldsOnlyPublicKeysAndTheTableOnlySealedOnes() throws Exception {
    String token = login();
    HttpResponse<String> jwks = send(HttpRequest.GET("/.well-known/jwks.json"), 200);
    JsonNode keys = json.readValue(GatewayClient.body(jwks), JsonNode.class).get("keys");
    List<String> ids = new ArrayList<>();
    keys.values()
        .forEach(
            key -> {
              ids.add(key.get("kid").getStringValue());
              assertThat(key.get("kty").getStringValue()).isEqualTo("RSA");
              assertThat(key.get("d")).as("private exponent").isNull();
            });
    assertThat(ids).contains(keyId(token));
    assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo("RS256");

    dynamo
        .scanPaginator(b -> b.tableName(table.name()))
        .items()
        .forEach(
            item ->
                assertThat(item.get(SigningKeysTable.SEALED_KEY).s())
                    .doesNotContain("\"d\"")
                    .doesNotContain("\"kty\""));
  }

  @Test
  void onlyAdministratorsManageKeys() {
    String user =
        tokenGenerator
            .generateToken(
                Map.of(
                    "sub",
                    "user-" + UUID.randomUUID(),
                    "roles",
                    List.of("user"),
                    "exp",
                    Instant.now().plusSeconds(300).getEpochSecond(),
                    "jti",
                    UUID.randomUUID().toString()))
            .orElseThrow();
    send(HttpRequest.GET("/auth/keys").bearerAuth(user), 403);
    send(HttpRequest.POST("/auth/keys/rotate", "").bearerAuth(user), 403);
    send(HttpRequest.GET("/auth/keys"), 401);
  }

  private List<String> published() throws Exception {
    JsonNode keys =
        json.readValue(
                GatewayClient.body(send(HttpRequest.GET("/.well-known/jwks.json"), 200)),
                JsonNode.class)
            .get("keys");
    List<String> ids = new ArrayList<>();
    keys.values().forEach(key -> ids.add(key.get("kid").getStringValue()));
    return ids;
  }

  private static String keyId(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  private String login() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.POST(
                "/auth/login", Map.of("email", TestAdmin.EMAIL, "password", TestAdmin.PASSWORD)),
            200);
    return json.readValue(GatewayClient.body(response), JsonNode.class)
        .get("accessToken")
        .getStringValue();
  }

  private HttpResponse<String> send(HttpRequest<?> request, int expectedStatus) {
    HttpResponse<String> response = client.send(request);
    assertThat(response.code())
        .as(request.getMethod() + " " + request.getPath() + ": " + GatewayClient.body(response))
        .isEqualTo(expectedStatus);
    return response;
  }
}
