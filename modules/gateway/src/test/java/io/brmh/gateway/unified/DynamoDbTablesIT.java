package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The original's {@code /dynamodb/tables…}: table management for administrators only (make with a
 * key, attach a table of no namespace, detach, drop; BRMH's own tables never), and items by path,
 * queries, the bounded scan loop and batches for a namespace's members, numbers exact, verified in
 * DynamoDB itself.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class DynamoDbTablesIT implements TestPropertyProvider {
  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject DynamoDbClient dynamo;
  @Inject TokenGenerator tokens;

  private TableFixture api;
  private TestAccounts.Account owner;
  private TestAccounts.Account viewer;
  private TestAccounts.Account stranger;
  private TestAccounts.Account admin;
  private TableFixture.Namespace namespace;
  private String keyed;
  private String plain;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    api = new TableFixture(new GatewayClient(http.toBlocking()), json);
    TestAccounts accounts = new TestAccounts(new GatewayClient(http.toBlocking()), outbox, json);
    owner = accounts.signUp("ddb-owner");
    viewer = accounts.signUp("ddb-viewer");
    stranger = accounts.signUp("ddb-stranger");
    admin = TableFixture.administrator(tokens, "ddb-admin");
    namespace = api.namespace("ddb", owner);
    api.addMember(namespace, viewer, "VIEWER", owner);
    keyed = namespace.name() + "-readings";
    api.expect(
        api.send(
            HttpMethod.POST,
            "/dynamodb/tables",
            "{\"tableName\":\""
                + keyed
                + "\",\"namespaceId\":\""
                + namespace.id()
                + "\",\"partitionKey\":\"sensor\",\"partitionKeyType\":\"N\",\"sortKey\":\"at\"}",
            admin),
        201);
    plain = namespace.name() + "-orders";
    api.methodTable(namespace, plain, owner);
  }

  @Test
  void onlyAdministratorsMakeTablesWithTheKeyAskedForAndTheirStreamOn() throws Exception {
    TableDescription made = dynamo.describeTable(b -> b.tableName(keyed)).table();
    assertThat(made.keySchema())
        .containsExactly(
            KeySchemaElement.builder().attributeName("sensor").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("at").keyType(KeyType.RANGE).build());
    assertThat(made.attributeDefinitions())
        .contains(
            AttributeDefinition.builder()
                .attributeName("sensor")
                .attributeType(ScalarAttributeType.N)
                .build());
    assertThat(made.streamSpecification().streamEnabled()).isTrue();

    String another =
        "{\"tableName\":\"" + namespace.name() + "-x\",\"namespaceId\":\"" + namespace.id() + "\"}";
    assertThat(api.send(HttpMethod.POST, "/dynamodb/tables", another, owner).code())
        .as("an owner of the namespace is no administrator")
        .isEqualTo(403);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    "/dynamodb/tables",
                    "{\"tableName\":\"" + keyed + "\",\"namespaceId\":\"" + namespace.id() + "\"}",
                    admin)
                .code())
        .isEqualTo(409);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    "/dynamodb/tables",
                    "{\"tableName\":\"brmh-users\",\"namespaceId\":\"" + namespace.id() + "\"}",
                    admin)
                .code())
        .isEqualTo(403);

    String sameKeyTwice =
        "{\"tableName\":\""
            + namespace.name()
            + "-y\",\"namespaceId\":\""
            + namespace.id()
            + "\",\"partitionKey\":\"k\",\"sortKey\":\"k\"}";
    assertThat(api.send(HttpMethod.POST, "/dynamodb/tables", sameKeyTwice, admin).body())
        .contains("\"field\":\"sortKey\"");
    String typeWithoutKey =
        "{\"tableName\":\""
            + namespace.name()
            + "-y\",\"namespaceId\":\""
            + namespace.id()
            + "\",\"sortKeyType\":\"N\"}";
    assertThat(api.send(HttpMethod.POST, "/dynamodb/tables", typeWithoutKey, admin).body())
        .contains("\"field\":\"sortKeyType\"");

    Map<String, Object> listed =
        api.expect(
            api.send(
                HttpMethod.GET, "/dynamodb/tables?namespaceId=" + namespace.id(), null, viewer),
            200);
    assertThat((List<Map<String, Object>>) listed.get("tables"))
        .extracting(table -> table.get("tableName"))
        .contains(keyed, plain);
    assertThat(
            api.send(
                    HttpMethod.GET,
                    "/dynamodb/tables?namespaceId=" + namespace.id(),
                    null,
                    stranger)
                .code())
        .as("a namespace the caller is no member of")
        .isEqualTo(403);
    assertThat(api.send(HttpMethod.GET, "/dynamodb/tables", null, viewer).code()).isEqualTo(400);
  }

  @Test
  void aTableOfNoNamespaceIsReachedOnlyWhileAnAdministratorAttachesIt() throws Exception {
    String loose = "loose-" + UUID.randomUUID().toString().substring(0, 8);
    dynamo.createTable(
        b ->
            b.tableName(loose)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                    KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("k")
                        .attributeType(ScalarAttributeType.S)
                        .build()));
    dynamo.putItem(b -> b.tableName(loose).item(Map.of("k", AttributeValue.fromS("kept"))));
    assertThat(unattached()).contains(loose).doesNotContain(keyed, plain, "brmh-users");
    assertThat(api.send(HttpMethod.GET, "/dynamodb/tables/unattached", null, owner).code())
        .isEqualTo(403);
    assertThat(api.send(HttpMethod.GET, items(loose), null, owner).code()).isEqualTo(404);

    String into = "{\"namespaceId\":\"" + namespace.id() + "\"}";
    assertThat(
            api.send(HttpMethod.PUT, "/dynamodb/tables/" + loose + "/namespace", into, owner)
                .code())
        .isEqualTo(403);
    api.expect(
        api.send(HttpMethod.PUT, "/dynamodb/tables/" + loose + "/namespace", into, admin), 200);
    assertThat(
            dynamo
                .describeTable(b -> b.tableName(loose))
                .table()
                .streamSpecification()
                .streamEnabled())
        .as("attaching turns the stream on, so caches and indexes can follow")
        .isTrue();
    Map<String, Object> read =
        api.expect(api.send(HttpMethod.GET, items(loose), null, viewer), 200);
    assertThat((List<Map<String, Object>>) read.get("items")).containsExactly(Map.of("k", "kept"));
    assertThat(unattached()).doesNotContain(loose);
    assertThat(
            api.send(HttpMethod.PUT, "/dynamodb/tables/" + loose + "/namespace", into, admin)
                .code())
        .isEqualTo(409);
    assertThat(
            api.send(HttpMethod.PUT, "/dynamodb/tables/brmh-users/namespace", into, admin).code())
        .isEqualTo(403);

    api.expect(
        api.send(HttpMethod.DELETE, "/dynamodb/tables/" + loose + "/namespace", null, admin), 200);
    assertThat(api.send(HttpMethod.GET, items(loose), null, viewer).code()).isEqualTo(404);
    assertThat(api.send(HttpMethod.DELETE, "/dynamodb/tables/" + loose, null, owner).code())
        .isEqualTo(403);
    assertThat(api.send(HttpMethod.DELETE, "/dynamodb/tables/brmh-users", null, admin).code())
        .isEqualTo(403);
    api.expect(api.send(HttpMethod.DELETE, "/dynamodb/tables/" + loose, null, admin), 200);
    assertThatThrownBy(() -> dynamo.describeTable(b -> b.tableName(loose)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(api.send(HttpMethod.DELETE, "/dynamodb/tables/" + loose, null, admin).code())
        .isEqualTo(404);
    String beingMade = "made-" + UUID.randomUUID().toString().substring(0, 8);
    dynamo.putItem(
        b ->
            b.tableName("brmh-namespace-tables")
                .item(
                    Map.of(
                        "tableName", AttributeValue.fromS(beingMade),
                        "namespaceId", AttributeValue.fromS(namespace.id()),
                        "status", AttributeValue.fromS("PENDING"),
                        "claim", AttributeValue.fromS(UUID.randomUUID().toString()))));
    assertThat(api.send(HttpMethod.DELETE, "/dynamodb/tables/" + beingMade, null, admin).code())
        .as("a table a namespace's claim is making is not dropped under it")
        .isEqualTo(409);
  }

  @Test
  void aDroppedTablesCachesAreRetiredWithIt() throws Exception {
    String cached = namespace.name() + "-cached";
    api.expect(
        api.send(
            HttpMethod.POST,
            "/dynamodb/tables",
            "{\"tableName\":\"" + cached + "\",\"namespaceId\":\"" + namespace.id() + "\"}",
            admin),
        201);
    String configId =
        (String)
            api.expect(
                    api.send(
                        HttpMethod.POST,
                        "/cache/configs",
                        "{\"tableName\":\""
                            + cached
                            + "\",\"project\":\""
                            + namespace.name()
                            + "\",\"itemsPerKey\":1}",
                        admin),
                    201)
                .get("id");

    Map<String, Object> dropped =
        api.expect(api.send(HttpMethod.DELETE, "/dynamodb/tables/" + cached, null, admin), 200);

    List<String> clears = (List<String>) dropped.get("cacheClearJobs");
    assertThat(clears).hasSize(1);
    assertThat(api.send(HttpMethod.GET, "/cache/configs/" + configId, null, admin).code())
        .as("the configuration went with its table")
        .isEqualTo(404);
    assertThat(api.expect(api.send(HttpMethod.GET, "/jobs/" + clears.get(0), null, admin), 200))
        .containsEntry("type", "cache.clear");
  }

  @Test
  void itemsByPathAreExactConditionalAndForMembersOnly() throws Exception {
    String item =
        "{\"sensor\":17303261256590089746,\"at\":\"2026-01-01T00:00\","
            + "\"reading\":0.1000000000000000055511151231257827,\"note\":\"first\"}";
    api.expect(api.send(HttpMethod.POST, items(keyed), item, owner), 201);
    assertThat(api.send(HttpMethod.POST, items(keyed), item, owner).code()).isEqualTo(409);
    api.expect(
        api.send(
            HttpMethod.POST,
            items(keyed) + "?overwrite=true",
            item.replace("first", "again"),
            owner),
        201);
    assertThat(api.send(HttpMethod.POST, items(keyed), item, viewer).code()).isEqualTo(403);

    String one = items(keyed) + "/17303261256590089746?sortKey=2026-01-01T00:00";
    Map<String, Object> read = api.expect(api.send(HttpMethod.GET, one, null, viewer), 200);
    assertThat(read).containsEntry("count", 1);
    assertThat(api.send(HttpMethod.GET, one, null, viewer).body())
        .contains("17303261256590089746")
        .contains("0.1000000000000000055511151231257827")
        .contains("again");
    Map<String, AttributeValue> stored =
        dynamo
            .getItem(
                b ->
                    b.tableName(keyed)
                        .key(
                            Map.of(
                                "sensor",
                                AttributeValue.fromN("17303261256590089746"),
                                "at",
                                AttributeValue.fromS("2026-01-01T00:00"))))
            .item();
    assertThat(stored.get("reading").n()).isEqualTo("0.1000000000000000055511151231257827");

    Map<String, Object> updated =
        api.expect(
            api.send(
                HttpMethod.PUT, one, "{\"updates\":{\"note\":null,\"calibrated\":true}}", owner),
            200);
    assertThat(((List<Map<String, Object>>) updated.get("items")).get(0))
        .containsEntry("calibrated", true)
        .doesNotContainKey("note");
    assertThat(api.send(HttpMethod.PUT, one, "{\"updates\":{\"a\":1}}", viewer).code())
        .isEqualTo(403);
    assertThat(
            api.send(
                    HttpMethod.PUT,
                    items(keyed) + "/1?sortKey=none",
                    "{\"updates\":{\"a\":1}}",
                    owner)
                .code())
        .isEqualTo(404);
    assertThat(api.send(HttpMethod.GET, items(keyed) + "/x?sortKey=a", null, owner).code())
        .as("a key that is no number for a number key")
        .isEqualTo(400);
    assertThat(api.send(HttpMethod.GET, one, null, stranger).code()).isEqualTo(404);
    assertThat(api.send(HttpMethod.DELETE, one, null, viewer).code()).isEqualTo(403);
    assertThat(api.send(HttpMethod.DELETE, one, null, owner).code()).isEqualTo(204);
    assertThat(api.send(HttpMethod.DELETE, one, null, owner).code()).isEqualTo(404);
    assertThat(api.send(HttpMethod.GET, one, null, owner).code()).isEqualTo(404);
  }

  @Test
  void aQueryWalksOnePartitionBySortKeyInPages() throws Exception {
    List<Map<String, Object>> puts = new ArrayList<>();
    for (int day = 1; day <= 12; day++) {
      puts.add(Map.of("sensor", 7, "at", String.format("2026-02-%02d", day), "day", day));
      puts.add(Map.of("sensor", 8, "at", String.format("2026-02-%02d", day), "day", day));
    }
    api.expect(
        api.send(
            HttpMethod.POST,
            "/dynamodb/tables/" + keyed + "/items/batch",
            json.writeValueAsString(Map.of("put", puts)),
            owner),
        200);

    assertThat(days(query("{\"operator\":\"begins_with\",\"value\":\"2026-02-1\"}", 50, true)))
        .containsExactly(10, 11, 12);
    assertThat(days(query("{\"operator\":\"gt\",\"value\":\"2026-02-10\"}", 50, false)))
        .containsExactly(12, 11);
    assertThat(
            days(
                query(
                    "{\"operator\":\"between\",\"value\":\"2026-02-03\",\"upTo\":\"2026-02-07\"}",
                    2,
                    true)))
        .as("pages of two, in order")
        .containsExactly(3, 4, 5, 6, 7);
    assertThat(days(query(null, 5, true))).hasSize(12);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    "/dynamodb/tables/" + keyed + "/query",
                    "{\"partitionKeyValue\":\"7\",\"sortKey\":{\"operator\":\"between\",\"value\":\"a\"}}",
                    viewer)
                .code())
        .isEqualTo(400);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    "/dynamodb/tables/" + keyed + "/query",
                    "{\"partitionKeyValue\":\"7\",\"sortKey\":{\"operator\":\"contains\",\"value\":\"a\"}}",
                    viewer)
                .code())
        .isEqualTo(400);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    "/dynamodb/tables/" + keyed + "/query",
                    "{\"partitionKeyValue\":\"7\"}",
                    stranger)
                .code())
        .isEqualTo(404);
  }

  @Test
  void aBatchPutsAndDeletesEveryItemAndRefusesAKeyNamedTwice() throws Exception {
    List<Map<String, Object>> puts = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      puts.add(Map.of("id", "b-" + i, "n", i, "price", "1" + i + ".10"));
    }
    Map<String, Object> put =
        api.expect(
            api.send(
                HttpMethod.POST, batch(plain), json.writeValueAsString(Map.of("put", puts)), owner),
            200);
    assertThat(put).containsEntry("written", 60);
    List<Map<String, Object>> deletes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      deletes.add(Map.of("id", "b-" + i));
    }
    assertThat(
            api.expect(
                api.send(
                    HttpMethod.POST,
                    batch(plain),
                    json.writeValueAsString(Map.of("delete", deletes)),
                    owner),
                200))
        .containsEntry("written", 30);
    for (int i = 0; i < 60; i++) {
      String id = "b-" + i;
      Map<String, AttributeValue> stored =
          dynamo
              .getItem(b -> b.tableName(plain).key(Map.of("id", AttributeValue.fromS(id))))
              .item();
      if (i < 30) {
        assertThat(stored).as(id).isEmpty();
      } else {
        assertThat(stored.get("n").n()).as(id).isEqualTo(String.valueOf(i));
        assertThat(stored.get("price").s()).as(id).isEqualTo("1" + i + ".10");
      }
    }

    String twice =
        json.writeValueAsString(
            Map.of(
                "put", List.of(Map.of("id", "t", "a", 1)), "delete", List.of(Map.of("id", "t"))));
    assertThat(api.send(HttpMethod.POST, batch(plain), twice, owner).body()).contains("delete[0]");
    assertThat(api.send(HttpMethod.POST, batch(plain), twice, owner).code()).isEqualTo(400);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    batch(plain),
                    json.writeValueAsString(Map.of("put", List.of(Map.of("a", 1)))),
                    owner)
                .body())
        .as("an item without its key")
        .contains("put[0]");
    assertThat(
            api.send(
                    HttpMethod.POST,
                    batch(plain),
                    json.writeValueAsString(Map.of("delete", deletes)),
                    viewer)
                .code())
        .isEqualTo(403);
    assertThat(
            api.send(
                    HttpMethod.POST,
                    batch(plain),
                    json.writeValueAsString(Map.of("delete", deletes)),
                    stranger)
                .code())
        .isEqualTo(404);
  }

  @Test
  void theScanLoopStopsAtItsBoundsAndGoesOnFromItsToken() throws Exception {
    String table = namespace.name() + "-loop";
    api.expect(
        api.send(
            HttpMethod.POST,
            "/dynamodb/tables",
            "{\"tableName\":\"" + table + "\",\"namespaceId\":\"" + namespace.id() + "\"}",
            admin),
        201);
    List<Map<String, Object>> puts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      puts.add(Map.of("id", "l-" + i));
    }
    api.expect(
        api.send(
            HttpMethod.POST, batch(table), json.writeValueAsString(Map.of("put", puts)), owner),
        200);

    Map<String, Object> first =
        api.expect(
            api.send(
                HttpMethod.POST,
                items(table) + "/loop",
                "{\"pageSize\":10,\"maxIterations\":2}",
                viewer),
            200);
    assertThat(first)
        .containsEntry("count", 20)
        .containsEntry("iterations", 2)
        .containsEntry("hasMoreItems", true);
    Set<Object> seen = new HashSet<>(ids(first));
    Map<String, Object> rest =
        api.expect(
            api.send(
                HttpMethod.POST,
                items(table) + "/loop",
                "{\"pageSize\":10,\"pageToken\":\"" + first.get("nextPageToken") + "\"}",
                viewer),
            200);
    assertThat(rest).containsEntry("hasMoreItems", false).doesNotContainKey("nextPageToken");
    assertThat(ids(rest)).hasSize(5).doesNotContainAnyElementsOf(seen);
    seen.addAll(ids(rest));
    assertThat(seen).hasSize(25);
    assertThat(
            api.send(HttpMethod.POST, items(table) + "/loop", "{\"maxIterations\":11}", viewer)
                .code())
        .isEqualTo(400);
  }

  private List<Object> ids(Map<String, Object> answer) {
    return ((List<Map<String, Object>>) answer.get("items"))
        .stream().map(i -> i.get("id")).toList();
  }

  /** Every page of a query of sensor 7, the days it found in order. */
  private List<Map<String, Object>> query(String sortKey, int limit, boolean ascending)
      throws Exception {
    List<Map<String, Object>> found = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, Object> query = new HashMap<>();
      query.put("partitionKeyValue", "7");
      query.put("limit", limit);
      query.put("ascending", ascending);
      if (sortKey != null) {
        query.put("sortKey", json.readValue(sortKey, TableFixture.OBJECT));
      }
      if (token != null) {
        query.put("pageToken", token);
      }
      Map<String, Object> page =
          api.expect(
              api.send(
                  HttpMethod.POST,
                  "/dynamodb/tables/" + keyed + "/query",
                  json.writeValueAsString(query),
                  viewer),
              200);
      List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
      assertThat(items.size()).isLessThanOrEqualTo(limit);
      found.addAll(items);
      token = (String) page.get("nextPageToken");
    } while (token != null && pages++ < 20);
    return found;
  }

  private static List<Object> days(List<Map<String, Object>> found) {
    assertThat(found).allSatisfy(item -> assertThat(item).containsEntry("sensor", 7));
    return found.stream().map(item -> item.get("day")).toList();
  }

  private List<String> unattached() throws Exception {
    List<String> names = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Map<String, Object> page =
          api.expect(
              api.send(
                  HttpMethod.GET,
                  "/dynamodb/tables/unattached?limit=100"
                      + (after == null ? "" : "&pageToken=" + after),
                  null,
                  admin),
              200);
      names.addAll((List<String>) page.get("tables"));
      after = (String) page.get("nextPageToken");
    } while (after != null && pages++ < 100);
    return names;
  }

  private static String items(String table) {
    return "/dynamodb/tables/" + table + "/items";
  }

  private static String batch(String table) {
    return "/dynamodb/tables/" + table + "/items/batch";
  }
}
