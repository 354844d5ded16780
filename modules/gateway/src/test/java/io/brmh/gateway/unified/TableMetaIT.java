package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The original's table routes that always answered 500: the records of a namespace's tables ({@code
 * table-meta}), a check of one against DynamoDB, a table's items, an item written with the key the
 * original took, and {@code table/create}, each for the namespace's members only.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class TableMetaIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject DynamoDbClient dynamo;

  private TableFixture api;
  private TestAccounts.Account owner;
  private TestAccounts.Account viewer;
  private TestAccounts.Account stranger;
  private TableFixture.Namespace namespace;
  private String table;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    GatewayClient client = new GatewayClient(http.toBlocking());
    api = new TableFixture(client, json);
    TestAccounts accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("meta-owner");
    viewer = accounts.signUp("meta-viewer");
    stranger = accounts.signUp("meta-stranger");
    namespace = api.namespace("meta", owner);
    api.addMember(namespace, viewer, "VIEWER", owner);
    table = namespace.name() + "-orders";
    api.methodTable(namespace, table, owner);
  }

  @Test
  void aTablesRecordIsListedReadAndCheckedAgainstDynamoDb() throws Exception {
    Map<String, Object> page =
        api.expect(
            api.send(
                HttpMethod.GET,
                "/unified/schema/table-meta?namespaceId=" + namespace.id(),
                null,
                viewer),
            200);
    List<Map<String, Object>> metas = (List<Map<String, Object>>) page.get("items");
    assertThat(metas).hasSize(1);
    assertThat(metas.get(0))
        .containsEntry("id", table)
        .containsEntry("tableName", table)
        .containsEntry("namespaceId", namespace.id())
        .containsEntry("methodName", "orders")
        .containsKeys("schemaId", "accountId");

    Map<String, Object> one =
        api.expect(
            api.send(HttpMethod.GET, "/unified/schema/table-meta/" + table, null, viewer), 200);
    assertThat(one).isEqualTo(metas.get(0));
    Map<String, Object> check =
        api.expect(
            api.send(HttpMethod.POST, "/unified/schema/table-meta/check/" + table, null, viewer),
            200);
    assertThat(check)
        .containsEntry("exists", true)
        .containsEntry("status", "ACTIVE")
        .containsEntry("streamEnabled", true);

    assertThat(
            api.send(HttpMethod.GET, "/unified/schema/table-meta/" + table, null, stranger).code())
        .isEqualTo(404);
    assertThat(
            api.send(HttpMethod.GET, "/unified/schema/table-meta/brmh-users", null, owner).code())
        .isEqualTo(404);
    assertThat(api.send(HttpMethod.GET, "/unified/schema/table-meta", null, viewer).code())
        .as("namespaceId is required of all but administrators")
        .isEqualTo(400);
    assertThat(
            api.send(
                    HttpMethod.GET,
                    "/unified/schema/table-meta?namespaceId=" + namespace.id(),
                    null,
                    stranger)
                .code())
        .as("a namespace the caller is no member of")
        .isEqualTo(403);
  }

  @Test
  void aCheckOfATableDroppedBehindBrmhsBackSaysSo() throws Exception {
    String gone = namespace.name() + "-gone";
    api.expect(
        api.send(
            HttpMethod.POST,
            "/unified/table/create",
            "{\"tableName\":\"" + gone + "\",\"namespaceId\":\"" + namespace.id() + "\"}",
            owner),
        201);
    dynamo.deleteTable(b -> b.tableName(gone));
    Map<String, Object> check =
        api.expect(
            api.send(HttpMethod.POST, "/unified/schema/table-meta/check/" + gone, null, owner),
            200);
    assertThat(check).containsEntry("exists", false).containsEntry("status", "TABLE_DELETED");
  }

  @Test
  void itemsAreWrittenWithTheKeyTheOriginalTookAndReadInPages() throws Exception {
    String items = "/unified/schema/table/" + table + "/items";
    Map<String, Object> saved =
        api.expect(
            api.send(
                HttpMethod.POST,
                items,
                "{\"item\":{\"orderId\":\"o-9\",\"total\":12345678901234567890.12}}",
                owner),
            200);
    assertThat(saved).containsEntry("success", true).containsEntry("itemId", "o-9");
    Map<String, AttributeValue> stored =
        dynamo
            .getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("o-9"))))
            .item();
    assertThat(stored.get("total").n()).isEqualTo("12345678901234567890.12");
    assertThat(stored.get("orderId").s()).isEqualTo("o-9");

    String generated =
        (String)
            api.expect(api.send(HttpMethod.POST, items, "{\"item\":{\"note\":\"x\"}}", owner), 200)
                .get("itemId");
    assertThat(generated).matches("[0-9a-f-]{36}");
    api.expect(
        api.send(HttpMethod.POST, items, "{\"item\":{\"id\":\"o-9\",\"total\":1}}", owner), 200);
    assertThat(
            dynamo
                .getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("o-9"))))
                .item())
        .as("the item with that key is replaced")
        .doesNotContainKey("orderId");
    assertThat(api.send(HttpMethod.POST, items, "{\"item\":{\"id\":\"v\"}}", viewer).code())
        .isEqualTo(403);
    assertThat(api.send(HttpMethod.POST, items, "{\"item\":{\"id\":\"s\"}}", stranger).code())
        .isEqualTo(404);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    "/unified/schema/table/brmh-users/items",
                    "{\"item\":{\"email\":\"x\"}}",
                    owner)
                .code())
        .isEqualTo(404);

    List<Object> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, Object> page =
          api.expect(
              api.send(
                  HttpMethod.GET,
                  items + "?limit=1" + (token == null ? "" : "&pageToken=" + token),
                  null,
                  viewer),
              200);
      ((List<Map<String, Object>>) page.get("items")).forEach(item -> seen.add(item.get("id")));
      token = (String) page.get("nextPageToken");
    } while (token != null && pages++ < 10);
    assertThat(seen).containsExactlyInAnyOrder("o-9", generated);
  }

  @Test
  void editorsMakePlainTablesAndViewersDoNot() throws Exception {
    String made = namespace.name() + "-plain";
    String body = "{\"tableName\":\"" + made + "\",\"namespaceId\":\"" + namespace.id() + "\"}";
    assertThat(api.send(HttpMethod.POST, "/unified/table/create", body, viewer).code())
        .isEqualTo(403);
    assertThat(api.send(HttpMethod.POST, "/unified/table/create", body, stranger).code())
        .isEqualTo(403);
    Map<String, Object> answer =
        api.expect(api.send(HttpMethod.POST, "/unified/table/create", body, owner), 201);
    assertThat(answer)
        .containsEntry("tableName", made)
        .containsEntry("namespaceId", namespace.id());
    assertThat(
            dynamo
                .describeTable(b -> b.tableName(made))
                .table()
                .streamSpecification()
                .streamEnabled())
        .isTrue();
    assertThat(api.send(HttpMethod.POST, "/unified/table/create", body, owner).code())
        .isEqualTo(409);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    "/unified/table/create",
                    "{\"tableName\":\"brmh-users\",\"namespaceId\":\"" + namespace.id() + "\"}",
                    owner)
                .code())
        .isEqualTo(403);
  }
}
