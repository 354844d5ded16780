package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A method's data table through {@code /unified/schema/table}: made with its stream on, recorded as
 * its namespace's and linked to the account; no caller gets at a table of the account that belongs
 * to another namespace, to no namespace, or to BRMH.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceTablesIT implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject DynamoDbClient dynamo;

  private GatewayClient client;
  private TestAccounts.Account owner;
  private TestAccounts.Account stranger;
  private String namespaceName;
  private String namespace;
  private String schema;
  private String account;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    client = new GatewayClient(http.toBlocking());
    TestAccounts accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("tables-owner");
    stranger = accounts.signUp("tables-stranger");
    namespaceName = "Shop-" + UUID.randomUUID().toString().substring(0, 8);
    namespace =
        idOf(
            post("/unified/namespaces", "{\"namespace-name\":\"" + namespaceName + "\"}", owner),
            "namespace-id");
    schema =
        idOf(
            post(
                "/unified/schema",
                "{\"namespaceId\":\""
                    + namespace
                    + "\",\"schemaName\":\"order\",\"schema\":{\"type\":\"object\"}}",
                owner),
            "schemaId");
    account =
        idOf(
            post(
                "/unified/namespaces/" + namespace + "/accounts",
                "{\"namespace-account-name\":\"Main Store\"}",
                owner),
            "id");
  }

  @Test
  void aMethodsTableIsMadeWithItsStreamRecordedAndLinkedToTheAccount() throws Exception {
    HttpResponse<String> made =
        post("/unified/schema/table", tableRequest("list orders", null), owner);
    assertThat(made.code()).as(made.body()).isEqualTo(200);
    String expected = (namespaceName + "-main-store-list-orders").toLowerCase();
    assertThat(json.readValue(made.body(), OBJECT))
        .containsEntry("tableName", expected)
        .containsEntry("schemaId", schema)
        .containsEntry("accountId", account)
        .containsEntry("methodName", "list orders");

    TableDescription table = dynamo.describeTable(b -> b.tableName(expected)).table();
    assertThat(table.streamSpecification().streamEnabled()).isTrue();
    assertThat(table.streamSpecification().streamViewType())
        .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(
            (Map<String, Object>)
                json.readValue(
                        send(HttpRequest.GET("/unified/accounts/" + account), owner).body(), OBJECT)
                    .get("tableName"))
        .containsEntry("list orders", expected);
    assertThat(post("/unified/schema/table", tableRequest("list orders", null), owner).code())
        .as("again: harmless")
        .isEqualTo(200);

    dynamo.putItem(b -> b.tableName(expected).item(Map.of("id", AttributeValue.fromS("o-1"))));
    assertThat(
            json.readValue(
                post("/unified/validate-table", "{\"tableName\":\"" + expected + "\"}", owner)
                    .body(),
                OBJECT))
        .containsEntry("exists", true);
    assertThat(send(HttpRequest.GET("/unified/table/" + expected + "/count"), owner).code())
        .isEqualTo(200);

    assertThat(
            json.readValue(
                post("/unified/validate-table", "{\"tableName\":\"" + expected + "\"}", stranger)
                    .body(),
                OBJECT))
        .as("another namespace's table reads as none")
        .containsEntry("exists", false);
    assertThat(send(HttpRequest.GET("/unified/table/" + expected + "/count"), stranger).code())
        .isEqualTo(404);
  }

  @Test
  void aClaimWhoseRequestDiedHoldsItsNameOnlyUntilItIsAbandoned() throws Exception {
    String fresh = "claimed-" + UUID.randomUUID().toString().substring(0, 8);
    String abandoned = "abandoned-" + UUID.randomUUID().toString().substring(0, 8);
    pendingClaim(fresh, Instant.now());
    pendingClaim(abandoned, Instant.now().minus(Duration.ofHours(1)));

    assertThat(post("/unified/schema/table", tableRequest("fresh", fresh), owner).code())
        .as("a claim being made now holds its name")
        .isEqualTo(409);
    HttpResponse<String> made =
        post("/unified/schema/table", tableRequest("abandoned", abandoned), owner);
    assertThat(made.code()).as(made.body()).isEqualTo(200);
    assertThat(dynamo.describeTable(b -> b.tableName(abandoned)).table().tableName())
        .isEqualTo(abandoned);
    assertThat(
            dynamo
                .getItem(
                    b ->
                        b.tableName("brmh-namespace-tables")
                            .key(Map.of("tableName", AttributeValue.fromS(abandoned))))
                .item())
        .containsEntry("namespaceId", AttributeValue.fromS(namespace))
        .containsEntry("status", AttributeValue.fromS("ACTIVE"));
  }

  /** The record a schema/table request leaves when it dies between its claim and its table. */
  private void pendingClaim(String table, Instant at) {
    dynamo.putItem(
        b ->
            b.tableName("brmh-namespace-tables")
                .item(
                    Map.of(
                        "tableName", AttributeValue.fromS(table),
                        "namespaceId", AttributeValue.fromS(UUID.randomUUID().toString()),
                        "status", AttributeValue.fromS("PENDING"),
                        "claim", AttributeValue.fromS(UUID.randomUUID().toString()),
                        "createdBy", AttributeValue.fromS("someone"),
                        "createdAt", AttributeValue.fromS(at.toString()))));
  }

  @Test
  void noTableOfAnotherNamespaceOfNoNamespaceOrOfBrmhIsTaken() throws Exception {
    String unmanaged = "outside-" + UUID.randomUUID().toString().substring(0, 8);
    dynamo.createTable(
        b ->
            b.tableName(unmanaged)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    assertThat(post("/unified/schema/table", tableRequest("m", unmanaged), owner).code())
        .as("exists outside every namespace")
        .isEqualTo(409);
    assertThat(
            json.readValue(
                post("/unified/validate-table", "{\"tableName\":\"" + unmanaged + "\"}", owner)
                    .body(),
                OBJECT))
        .containsEntry("exists", false);
    assertThat(send(HttpRequest.GET("/unified/table/" + unmanaged + "/count"), owner).code())
        .isEqualTo(404);

    for (String own : new String[] {"brmh-users", "brmh-namespace-entities"}) {
      assertThat(post("/unified/schema/table", tableRequest("m", own), owner).code())
          .as(own)
          .isEqualTo(403);
      assertThat(send(HttpRequest.GET("/unified/table/" + own + "/count"), owner).code())
          .as(own)
          .isEqualTo(404);
    }

    String mine = "mine-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(post("/unified/schema/table", tableRequest("m", mine), owner).code()).isEqualTo(200);
    String theirNamespace =
        idOf(
            post(
                "/unified/namespaces",
                "{\"namespace-name\":\"other-"
                    + UUID.randomUUID().toString().substring(0, 8)
                    + "\"}",
                stranger),
            "namespace-id");
    String theirSchema =
        idOf(
            post(
                "/unified/schema",
                "{\"namespaceId\":\""
                    + theirNamespace
                    + "\",\"schemaName\":\"s\",\"schema\":{\"type\":\"object\"}}",
                stranger),
            "schemaId");
    String theirAccount =
        idOf(
            post(
                "/unified/namespaces/" + theirNamespace + "/accounts",
                "{\"namespace-account-name\":\"a\"}",
                stranger),
            "id");
    assertThat(
            post(
                    "/unified/schema/table",
                    "{\"schemaId\":\""
                        + theirSchema
                        + "\",\"accountId\":\""
                        + theirAccount
                        + "\",\"methodName\":\"m\",\"tableName\":\""
                        + mine
                        + "\"}",
                    stranger)
                .code())
        .as("another namespace holds it")
        .isEqualTo(409);
    assertThat(post("/unified/schema/table", tableRequest("m", null), stranger).code())
        .as("not an editor of the schema's namespace")
        .isEqualTo(403);
    assertThat(
            post(
                    "/unified/schema/table",
                    "{\"schemaId\":\""
                        + schema
                        + "\",\"accountId\":\""
                        + theirAccount
                        + "\",\"methodName\":\"m\"}",
                    owner)
                .code())
        .as("an account of another namespace")
        .isEqualTo(400);
  }

  private String tableRequest(String method, String tableName) {
    return "{\"schemaId\":\""
        + schema
        + "\",\"accountId\":\""
        + account
        + "\",\"methodName\":\""
        + method
        + "\""
        + (tableName == null ? "" : ",\"tableName\":\"" + tableName + "\"")
        + "}";
  }

  private String idOf(HttpResponse<String> created, String field) throws Exception {
    assertThat(created.code()).as(created.body()).isBetween(200, 201);
    return (String) json.readValue(created.body(), OBJECT).get(field);
  }

  private HttpResponse<String> post(String path, String body, TestAccounts.Account as) {
    return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), as);
  }

  private HttpResponse<String> send(MutableHttpRequest<?> request, TestAccounts.Account as) {
    return client.send(request.bearerAuth(as.accessToken()));
  }
}
