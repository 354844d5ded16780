package io.brmh.gateway.auth.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Machine credentials on the real stack: scoped to change ingestion for listed tables, hashed,
 * listed, revocable.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject TokenGenerator tokens;
  @Inject DynamoDbClient dynamo;
  @Inject ApiKeysTable table;

  private GatewayClient client;
  private String admin;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() {
    client = new GatewayClient(http.toBlocking());
    admin =
        tokens
            .generateToken(
                Authentication.build(
                    "admin-keys",
                    List.of(Roles.ADMIN, Roles.USER),
                    Map.of("jti", UUID.randomUUID().toString())),
                3600)
            .orElseThrow();
  }

  @Test
  void aKeySendsChangesOfItsTablesOnlyAndReachesNothingElse() throws Exception {
    String allowed = newTable();
    String other = newTable();
    JsonNode created =
        create(
            Map.of(
                "name",
                "stream lambda",
                "scopes",
                List.of(Roles.CACHE_INGEST),
                "tables",
                List.of(allowed)));
    String key = created.get("key").getStringValue();

    assertThat(change(key, allowed).code()).isEqualTo(202);
    HttpResponse<String> otherTable = change(key, other);
    assertThat(otherTable.code()).isEqualTo(403);
    assertThat(GatewayClient.body(otherTable)).contains("table-not-allowed");
    assertThat(client.send(HttpRequest.GET("/jobs").header("X-API-Key", key)).code())
        .isEqualTo(403);
    assertThat(client.send(HttpRequest.GET("/auth/me").header("X-API-Key", key)).code())
        .isEqualTo(403);
    assertThat(client.send(HttpRequest.GET("/auth/api-keys").header("X-API-Key", key)).code())
        .isEqualTo(403);
  }

  @Test
  void keysAreStoredHashedListedWithoutSecretsAndRevocable() throws Exception {
    String tableName = newTable();
    JsonNode created = create(Map.of("name", "ci script", "scopes", List.of(Roles.CACHE_INGEST)));
    String key = created.get("key").getStringValue();
    String id = created.get("apiKey").get("id").getStringValue();
    String secretPart =
        key.substring(("brmh_" + id + "_").length()); // the secret's own alphabet has '_' too
    assertThat(key).startsWith("brmh_" + id + "_");

    String listed =
        GatewayClient.body(client.send(HttpRequest.GET("/auth/api-keys").bearerAuth(admin)));
    assertThat(listed)
        .contains(id)
        .contains("ci script")
        .doesNotContain(secretPart)
        .doesNotContain("secretHash");
    Map<String, AttributeValue> item =
        dynamo
            .getItem(b -> b.tableName(table.name()).key(Map.of("id", AttributeValue.fromS(id))))
            .item();
    assertThat(item.toString()).doesNotContain(secretPart);
    assertThat(change(key, tableName).code())
        .as("a key without tables may name any")
        .isEqualTo(202);

    assertThat(
            change(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A"), tableName)
                .code())
        .isEqualTo(401);
    assertThat(client.send(HttpRequest.DELETE("/auth/api-keys/" + id).bearerAuth(admin)).code())
        .isEqualTo(204);
    assertThat(change(key, tableName).code()).as("revoked").isEqualTo(401);
    assertThat(client.send(HttpRequest.DELETE("/auth/api-keys/" + id).bearerAuth(admin)).code())
        .isEqualTo(404);
  }

  @Test
  void anUnknownScopeIsABadRequest() {
    HttpResponse<String> response =
        client.send(
            HttpRequest.POST(
                    "/auth/api-keys", Map.of("name", "too much", "scopes", List.of("admin")))
                .bearerAuth(admin));
    assertThat(response.code()).isEqualTo(400);
    assertThat(GatewayClient.body(response)).contains("scopes");
  }

  private JsonNode create(Map<String, Object> request) throws Exception {
    HttpResponse<String> response =
        client.send(HttpRequest.POST("/auth/api-keys", request).bearerAuth(admin));
    assertThat(response.code()).as(GatewayClient.body(response)).isEqualTo(201);
    return json.readValue(GatewayClient.body(response), JsonNode.class);
  }

  private HttpResponse<String> change(String key, String tableName) {
    return client.send(
        HttpRequest.POST(
                "/cache/update",
                Map.of(
                    "type",
                    "INSERT",
                    "tableName",
                    tableName,
                    "newItem",
                    Map.of("id", "i-1", "name", "one")))
            .header("X-API-Key", key));
  }

  private String newTable() {
    String name = "keys-" + UUID.randomUUID().toString().substring(0, 8);
    dynamo.createTable(
        b ->
            b.tableName(name)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(
                    software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST));
    return name;
  }
}
