package io.brmh.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAdmin;
import io.brmh.platform.namespaces.NamespaceMember;
import io.brmh.platform.namespaces.NamespaceMembers;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The per-request authorization lookups are answered from this instance's memory for {@value
 * #TTL_SECONDS} s: a role taken back, an API key or an access token revoked by another instance
 * (here: written to DynamoDB or Redis behind this one's back) still works right after, and stops
 * working within that time.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupCachingIT implements TestPropertyProvider {
  static final int TTL_SECONDS = 2;
  private static final Duration BITES_WITHIN = Duration.ofSeconds(TTL_SECONDS + 3);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject TokenGenerator tokens;
  @Inject NamespaceStore namespaces;
  @Inject NamespaceMembers members;
  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JsonMapper json;

  private GatewayClient client;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = TestAdmin.properties();
    properties.put("brmh.auth.lookup-cache.ttl", TTL_SECONDS + "s");
    return properties;
  }

  @BeforeAll
  void setUp() {
    client = new GatewayClient(http.toBlocking());
  }

  @Test
  void aRoleTakenBackElsewhereStopsWorkingWithinTheTtl() {
    String user = "cached-" + UUID.randomUUID();
    String namespace = "cached-" + UUID.randomUUID().toString().substring(0, 8);
    String namespaceId =
        namespaces.create(namespace, "cached-owner", "owner@example.org").orElseThrow().id();
    members.grant(
        namespaceId,
        new NamespaceMember(
            user, "viewer@example.org", NamespaceRole.VIEWER, "cached-owner", Instant.now()));
    String token = token(user, Roles.USER);
    Supplier<MutableHttpRequest<?>> read =
        () ->
            HttpRequest.GET("/cache/stats?project=" + namespace + "&table=some-table")
                .bearerAuth(token);
    assertThat(client.send(read.get()).code()).isEqualTo(200);

    dynamo.deleteItem(
        b ->
            b.tableName("brmh-namespace-roles")
                .key(
                    Map.of(
                        "namespaceId", AttributeValue.fromS(namespaceId),
                        "member", AttributeValue.fromS(user))));
    assertThat(client.send(read.get()).code()).as("kept in memory").isEqualTo(200);
    await().atMost(BITES_WITHIN).until(() -> client.send(read.get()).code() == 403);
  }

  @Test
  void anApiKeyRevokedElsewhereStopsWorkingWithinTheTtl() throws Exception {
    String admin = token("cached-admin", Roles.ADMIN, Roles.USER);
    var created =
        client.send(
            HttpRequest.POST(
                    "/auth/api-keys",
                    Map.of("name", "cached", "scopes", List.of(Roles.CACHE_INGEST)))
                .bearerAuth(admin));
    JsonNode body = json.readValue(GatewayClient.body(created), JsonNode.class);
    String key = body.get("key").getStringValue();
    String id = body.get("apiKey").get("id").getStringValue();
    // An authenticated key without the role a route needs is 403; an unknown one is 401.
    MutableHttpRequest<?> jobs = HttpRequest.GET("/jobs").header("X-API-Key", key);
    assertThat(client.send(jobs).code()).isEqualTo(403);

    dynamo.deleteItem(
        b -> b.tableName("brmh-api-keys").key(Map.of("id", AttributeValue.fromS(id))));
    assertThat(client.send(jobs).code()).as("kept in memory").isEqualTo(403);
    await().atMost(BITES_WITHIN).until(() -> client.send(jobs).code() == 401);
  }

  @Test
  void anAccessTokenRevokedElsewhereStopsWorkingWithinTheTtl() {
    String tokenId = UUID.randomUUID().toString();
    String token =
        tokens
            .generateToken(
                Authentication.build("cached-user", List.of(Roles.USER), Map.of("jti", tokenId)),
                3600)
            .orElseThrow();
    MutableHttpRequest<?> me = HttpRequest.GET("/auth/me").bearerAuth(token);
    int before = client.send(me).code();
    assertThat(before).isNotEqualTo(401);

    redis
        .getBucket("{brmh}:revoked-access-token:" + tokenId, StringCodec.INSTANCE)
        .set("revoked", Duration.ofMinutes(5));
    assertThat(client.send(me).code()).as("kept in memory").isEqualTo(before);
    await().atMost(BITES_WITHIN).until(() -> client.send(me).code() == 401);
  }

  private String token(String subject, String... roles) {
    return tokens
        .generateToken(
            Authentication.build(
                subject, List.of(roles), Map.of("jti", UUID.randomUUID().toString())),
            3600)
        .orElseThrow();
  }
}
