package io.brmh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.namespaces.NamespaceStore;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Walks every operation of the published OpenAPI document: without a token each one is 401 unless
 * it is in the public list below; with an ordinary user's token each route not for users is 403 and
 * every other one is neither 401, 403 nor a server error; and no answer carries a password hash, a
 * code hash, a sealed key, a private key or the secret. The lists are the access table: a route
 * added without being placed in it fails here.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteSecurityIT implements TestPropertyProvider {
  private static final Set<String> PUBLIC =
      Set.of(
          "GET /health/live",
          "GET /health/ready",
          "GET /test",
          "POST /auth/login",
          "POST /auth/signup",
          "POST /auth/verify-email",
          "POST /auth/resend-email-verification",
          "POST /auth/refresh",
          "POST /auth/phone/signup",
          "POST /auth/phone/verify",
          "POST /auth/phone/resend-otp",
          "POST /auth/phone/login",
          "GET /auth/oauth-url",
          "POST /auth/token",
          "GET /.well-known/jwks.json");

  /**
   * Administrator routes, and the change routes (administrators, and API keys with the cache:ingest
   * scope).
   */
  private static final Set<String> NOT_FOR_USERS =
      Set.of(
          "POST /cache-data",
          "POST /cache/update",
          "POST /indexing/update",
          "POST /search/update",
          "GET /auth/api-keys",
          "POST /auth/api-keys",
          "DELETE /auth/api-keys/{id}",
          "DELETE /cache",
          "GET /cache/configs",
          "POST /cache/configs",
          "GET /cache/configs/{id}",
          "PUT /cache/configs/{id}",
          "DELETE /cache/configs/{id}",
          "DELETE /cache/bulk-operations",
          "GET /cache/pending-updates",
          "DELETE /cache/pending-updates",
          "GET /streams",
          "GET /auth/keys",
          "POST /auth/keys/rotate",
          "DELETE /auth/keys/{kid}",
          "GET /local/outbox",
          "GET /dynamodb/tables/unattached",
          "POST /dynamodb/tables",
          "DELETE /dynamodb/tables/{tableName}",
          "PUT /dynamodb/tables/{tableName}/namespace",
          "DELETE /dynamodb/tables/{tableName}/namespace");

  /**
   * Texts that must never reach a client: bcrypt hashes, stored-secret attribute names, a private
   * JWK's exponent.
   */
  private static final String WALKER = "walker";

  private static final List<String> NEVER_SHOWN =
      List.of("$2a$", "$2b$", "$2y$", "passwordHash", "codeHash", "sealedKey", "\"d\":");

  @Inject
  @Client("/")
  HttpClient http;

  @Inject TokenGenerator tokens;
  @Inject NamespaceStore namespaces;

  private GatewayClient client;
  private String secret;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    secret = properties.get("brmh.jwt.secret");
    return properties;
  }

  @BeforeAll
  void client() {
    client = new GatewayClient(http.toBlocking());
    // The walker owns the namespaces its paths name, so that a namespace route's answer is about
    // the
    // route's guard, not about the walker's roles (NamespacesIT checks those).
    namespaces.create("walk-namespace", WALKER, "walker@example.org");
    namespaces.create("walk-project", WALKER, "walker@example.org");
  }

  @Test
  void theDocumentStatesTheAccessTable() {
    Map<String, Map<String, Object>> operations = document();
    Set<String> stated = new TreeSet<>();
    Set<String> restricted = new TreeSet<>();
    operations.forEach(
        (name, operation) -> {
          if (List.of().equals(operation.get("security"))) {
            stated.add(name);
          }
          if (operation.containsKey("x-brmh-roles")) {
            restricted.add(name);
          }
        });
    assertThat(stated).as("security: [] in the document").isEqualTo(new TreeSet<>(PUBLIC));
    assertThat(restricted)
        .as("x-brmh-roles in the document")
        .isEqualTo(new TreeSet<>(NOT_FOR_USERS));
  }

  @Test
  void everyRouteIsGuardedAsTheAccessTableSays() {
    List<String> operations = new ArrayList<>(document().keySet());
    // A WebSocket handshake is not a request this walk can make; JobsIT checks its guard (401
    // without a token).
    operations.remove("GET /ws");
    assertThat(operations).hasSizeGreaterThan(30).containsAll(PUBLIC).containsAll(NOT_FOR_USERS);
    List<String> wrong = new ArrayList<>();
    for (String operation : operations) {
      int anonymous = send(operation, null).code();
      if (PUBLIC.contains(operation) ? anonymous == 401 || anonymous >= 500 : anonymous != 401) {
        wrong.add(operation + " without a token: " + anonymous);
      }
      int asUser = send(operation, userToken()).code();
      if (NOT_FOR_USERS.contains(operation)
          ? asUser != 403
          : asUser == 401 || asUser == 403 || asUser >= 500) {
        wrong.add(operation + " with a user's token: " + asUser);
      }
    }
    assertThat(wrong).isEmpty();
  }

  private HttpResponse<String> send(String operation, String token) {
    String[] parts = operation.split(" ", 2);
    String path =
        parts[1]
            .replace("{id}", UUID.randomUUID().toString())
            .replaceAll("\\{([A-Za-z]+)\\}", "walk-$1");
    MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.valueOf(parts[0]), path);
    if (!parts[0].equals("GET") && !parts[0].equals("DELETE")) {
      request.body("{}").contentType(MediaType.APPLICATION_JSON_TYPE);
    }
    if (token != null) {
      request.bearerAuth(token);
    }
    HttpResponse<String> response = client.send(request);
    String body = GatewayClient.body(response);
    assertThat(NEVER_SHOWN).as(operation + " answered " + body).noneMatch(body::contains);
    assertThat(body).as(operation).doesNotContain(secret);
    return response;
  }

  /** A fresh token each time: a walk through {@code POST /auth/logout} revokes the one it used. */
  private String userToken() {
    return tokens
        .generateToken(
            Map.of(
                "sub",
                WALKER,
                "roles",
                List.of("user"),
                "email",
                "walker@example.org",
                "exp",
                Instant.now().plusSeconds(300).getEpochSecond(),
                "jti",
                UUID.randomUUID().toString()))
        .orElseThrow();
  }

  /** The served document's operations by {@code METHOD /path}. */
  private Map<String, Map<String, Object>> document() {
    String yaml = http.toBlocking().retrieve(HttpRequest.GET("/swagger/brmh-api-0.1.yml"));
    return ApiOperations.of(new Yaml().load(yaml));
  }
}
