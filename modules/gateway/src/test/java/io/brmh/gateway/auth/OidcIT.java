package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
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
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Login through an OpenID Connect provider speaking the real protocol on a local port: the browser
 * leg is followed as a browser would, the code exchanged with PKCE, the ID token checked, and the
 * identity linked to a BRMH account.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIT implements TestPropertyProvider {
  private MockOidcProvider provider;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;

  private GatewayClient client;

  @Override
  public Map<String, String> getProperties() {
    try {
      provider = new MockOidcProvider();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.putAll(provider.properties());
    return properties;
  }

  @BeforeAll
  void client() {
    client = new GatewayClient(http.toBlocking());
  }

  @AfterAll
  void stop() {
    provider.close();
  }

  @Test
  void anIdentityLogsInToTheSameAccountEveryTime() throws Exception {
    String email = "oidc-" + UUID.randomUUID() + "@example.org";
    String subject = "sub-" + UUID.randomUUID();
    provider.nextLogin(subject, email, true);
    JsonNode first = login(200);
    assertThat(first.get("user").get("email").getStringValue()).isEqualTo(email);
    String access = first.get("accessToken").getStringValue();
    assertThat(client.send(HttpRequest.GET("/auth/me").bearerAuth(access)).code()).isEqualTo(200);

    provider.nextLogin(
        subject,
        "changed-" + email,
        true); // the same identity, whatever e-mail the provider now reports
    JsonNode again = login(200);
    assertThat(again.get("user").get("userId").getStringValue())
        .isEqualTo(first.get("user").get("userId").getStringValue());
  }

  @Test
  void aVerifiedEmailLinksToTheAccountThatHasIt() throws Exception {
    TestAccounts.Account existing = new TestAccounts(client, outbox, json).signUp("linked");
    provider.nextLogin("sub-" + UUID.randomUUID(), existing.email(), true);
    assertThat(login(200).get("user").get("userId").getStringValue()).isEqualTo(existing.userId());

    provider.nextLogin(
        "sub-" + UUID.randomUUID(), "unverified-" + UUID.randomUUID() + "@example.org", false);
    assertThat(login(400).get("type").getStringValue()).endsWith("/no-verified-email");
  }

  @Test
  void aStateWorksOnceAndAnIdTokenNotSignedByTheProvidersKeyIsRefused() throws Exception {
    provider.nextLogin(
        "sub-" + UUID.randomUUID(), "once-" + UUID.randomUUID() + "@example.org", true);
    JsonNode start =
        json.readValue(
            GatewayClient.body(client.send(HttpRequest.GET("/auth/oauth-url"))), JsonNode.class);
    String authUrl = start.get("authUrl").getStringValue();
    assertThat(authUrl)
        .startsWith(provider.issuer() + "/authorize?")
        .contains("code_challenge_method=S256")
        .contains("nonce=");
    Map<String, String> back = query(MockOidcProvider.authorizeAndGetRedirect(authUrl));
    assertThat(back.get("state")).isEqualTo(start.get("state").getStringValue());
    String sessionKey = start.get("sessionKey").getStringValue();
    assertThat(exchange(back, "not-" + sessionKey).code())
        .as("the callback URL alone, without the client's session key")
        .isEqualTo(400);

    JsonNode again =
        json.readValue(
            GatewayClient.body(client.send(HttpRequest.GET("/auth/oauth-url"))), JsonNode.class);
    Map<String, String> backAgain =
        query(MockOidcProvider.authorizeAndGetRedirect(again.get("authUrl").getStringValue()));
    assertThat(exchange(backAgain, again.get("sessionKey").getStringValue()).code()).isEqualTo(200);
    assertThat(exchange(backAgain, again.get("sessionKey").getStringValue()).code())
        .as("the state was used")
        .isEqualTo(400);

    provider.signWithForeignKey(true);
    try {
      assertThat(login(401).get("type").getStringValue()).endsWith("/id-token-untrusted");
    } finally {
      provider.signWithForeignKey(false);
    }
  }

  private JsonNode login(int expectedStatus) throws Exception {
    JsonNode start =
        json.readValue(
            GatewayClient.body(client.send(HttpRequest.GET("/auth/oauth-url"))), JsonNode.class);
    Map<String, String> back =
        query(MockOidcProvider.authorizeAndGetRedirect(start.get("authUrl").getStringValue()));
    HttpResponse<String> response = exchange(back, start.get("sessionKey").getStringValue());
    assertThat(response.code()).as(GatewayClient.body(response)).isEqualTo(expectedStatus);
    return json.readValue(GatewayClient.body(response), JsonNode.class);
  }

  private HttpResponse<String> exchange(Map<String, String> back, String sessionKey) {
    return client.send(
        HttpRequest.POST(
            "/auth/token",
            Map.of(
                "code", back.get("code"), "state", back.get("state"), "sessionKey", sessionKey)));
  }

  private static Map<String, String> query(URI redirect) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : redirect.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(
          parts[0], java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
    }
    return fields;
  }
}
