package io.brmh.gateway.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Namespace schemas through {@code /unified/schema}: real JSON Schema, checked against its draft's
 * meta-schema, references between a namespace's schemas inlined, faults named by JSON Pointer,
 * reads and changes by the namespace's roles, versioned updates.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemasIT implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;

  private GatewayClient client;
  private TestAccounts.Account owner;
  private TestAccounts.Account stranger;
  private String namespace;
  private String otherNamespace;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    client = new GatewayClient(http.toBlocking());
    TestAccounts accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("schema-owner");
    stranger = accounts.signUp("schema-stranger");
    namespace = namespace(owner);
    otherNamespace = namespace(stranger);
  }

  @Test
  void aSchemaIsStoredAndReadBackExactly() throws Exception {
    String schema =
        "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
            + "\"properties\":{\"price\":{\"type\":\"number\",\"maximum\":0.1000000000000000055511151231257827},"
            + "\"id\":{\"type\":\"integer\",\"minimum\":123456789012345678901234567890}},\"required\":[\"id\"]}";
    HttpResponse<String> created = post("/unified/schema", body("orders", schema), owner);
    assertThat(created.code()).as(created.body()).isEqualTo(200);
    String id = (String) json.readValue(created.body(), OBJECT).get("schemaId");
    assertThat(created.header(HttpHeaders.ETAG)).isEqualTo("\"1\"");

    HttpResponse<String> read = send(HttpRequest.GET("/unified/schema/" + id), owner);
    assertThat(read.code()).isEqualTo(200);
    assertThat(read.body())
        .contains("0.1000000000000000055511151231257827")
        .contains("123456789012345678901234567890")
        .contains("\"schemaName\":\"orders\"")
        .contains("\"namespaceId\":\"" + namespace + "\"");
  }

  @Test
  void theOriginalsSaveRouteCreatesTheSameSchemaForEditorsOnly() throws Exception {
    HttpResponse<String> saved =
        post("/save-schema-to-namespace", body("saved", "{\"type\":\"string\"}"), owner);
    assertThat(saved.code()).as(saved.body()).isEqualTo(200);
    Map<String, Object> answer = json.readValue(saved.body(), OBJECT);
    assertThat(answer).containsEntry("success", true);
    HttpResponse<String> read =
        send(HttpRequest.GET("/unified/schema/" + answer.get("schemaId")), owner);
    assertThat(read.body()).contains("\"schemaName\":\"saved\"").contains("\"type\":\"string\"");
    assertThat(
            post("/save-schema-to-namespace", body("squat", "{\"type\":\"string\"}"), stranger)
                .code())
        .isEqualTo(403);
    assertThat(post("/save-schema-to-namespace", body("bad", "{\"type\":5}"), owner).body())
        .contains("\"field\":\"/schema/type\"");
  }

  @Test
  void anInvalidSchemaIsRefusedWithAPointerToEachFault() {
    HttpResponse<String> refused =
        post(
            "/unified/schema",
            body(
                "bad",
                "{\"type\":\"object\",\"properties\":{\"age\":{\"type\":5}},\"minProperties\":-1}"),
            owner);
    assertThat(refused.code()).isEqualTo(400);
    assertThat(GatewayClient.body(refused))
        .contains("\"field\":\"/schema/properties/age/type\"")
        .contains("\"field\":\"/schema/minProperties\"");
    assertThat(
            post(
                    "/unified/schema",
                    body("draft", "{\"$schema\":\"http://json-schema.org/draft-04/schema#\"}"),
                    owner)
                .code())
        .as("only drafts 7 and 2020-12")
        .isEqualTo(400);
  }

  @Test
  void referencesToTheNamespacesSchemasAreInlinedRecursivelyAndNothingElseIsReached()
      throws Exception {
    String address =
        create("address", "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
    String customer =
        create(
            "customer",
            "{\"type\":\"object\",\"properties\":{\"home\":{\"$ref\":\"" + address + "\"}}}");
    String order =
        create(
            "order",
            "{\"type\":\"object\",\"properties\":{\"buyer\":{\"$ref\":\"https://brmh.example/unified/schema/"
                + customer
                + "\"}}}");
    Map<String, Object> resolved =
        json.readValue(
            send(HttpRequest.GET("/unified/schema/" + order + "/resolved"), owner).body(), OBJECT);
    assertThat(json.writeValueAsString(resolved.get("schema")))
        .isEqualTo(
            "{\"type\":\"object\",\"properties\":{\"buyer\":{\"type\":\"object\",\"properties\":{\"home\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}}}");

    HttpResponse<String> cycle =
        send(
            HttpRequest.PUT(
                    "/unified/schema/" + address,
                    json.readValue(
                        "{\"schema\":{\"type\":\"object\",\"properties\":{\"back\":{\"$ref\":\""
                            + order
                            + "\"}}}}",
                        OBJECT))
                .header("If-Match", "\"1\""),
            owner);
    assertThat(cycle.code()).isEqualTo(400);
    assertThat(GatewayClient.body(cycle))
        .contains("/schema/properties/back/$ref")
        .contains("cycle");

    String foreign = createIn(otherNamespace, stranger, "foreign", "{\"type\":\"string\"}");
    HttpResponse<String> elsewhere =
        post("/unified/schema", body("peek", "{\"$ref\":\"" + foreign + "\"}"), owner);
    assertThat(elsewhere.code()).as("another namespace's schema").isEqualTo(400);
    assertThat(GatewayClient.body(elsewhere)).contains("names no schema");
    assertThat(
            post(
                    "/unified/schema",
                    body("remote", "{\"$dynamicRef\":\"http://169.254.169.254/latest/meta-data\"}"),
                    owner)
                .code())
        .as("nothing is fetched")
        .isEqualTo(400);
  }

  @Test
  void dataIsCheckedAgainstASchemaAndAGeneratedSchemaFitsItsSample() throws Exception {
    HttpResponse<String> invalid =
        post(
            "/unified/schema/validate",
            "{\"schema\":{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\",\"minimum\":0}}},"
                + "\"data\":{\"age\":-3}}",
            owner);
    assertThat(invalid.code()).isEqualTo(400);
    assertThat(GatewayClient.body(invalid)).contains("\"field\":\"/data/age\"");

    String sample =
        "{\"id\":7,\"price\":9.99,\"email\":\"a@example.org\",\"at\":\"2026-12-02T10:00:00Z\","
            + "\"tags\":[\"x\"],\"gift\":false}";
    HttpResponse<String> generated =
        post("/unified/schema/generate", "{\"data\":" + sample + "}", owner);
    assertThat(generated.code()).isEqualTo(200);
    Map<String, Object> schema =
        (Map<String, Object>) json.readValue(generated.body(), OBJECT).get("schema");
    assertThat(json.writeValueAsString(schema))
        .contains("\"id\":{\"type\":\"integer\"}")
        .contains("\"price\":{\"type\":\"number\"}")
        .contains("\"format\":\"email\"")
        .contains("\"format\":\"date-time\"");
    assertThat(
            post(
                    "/unified/schema/validate",
                    "{\"schema\":" + json.writeValueAsString(schema) + ",\"data\":" + sample + "}",
                    owner)
                .code())
        .isEqualTo(200);
    assertThat(post("/unified/schema/generate", "{\"data\":{}}", owner).code()).isEqualTo(400);
  }

  @Test
  void aStrangerReachesNoSchemaOfTheNamespace() throws Exception {
    String id = create("private", "{\"type\":\"string\"}");
    assertThat(send(HttpRequest.GET("/unified/schema/" + id), stranger).code()).isEqualTo(403);
    assertThat(send(HttpRequest.GET("/unified/schema/" + id + "/resolved"), stranger).code())
        .isEqualTo(403);
    assertThat(send(HttpRequest.GET("/unified/schema?namespaceId=" + namespace), stranger).code())
        .isEqualTo(403);
    assertThat(
            send(
                    HttpRequest.PUT("/unified/schema/" + id, Map.of("schemaName", "mine"))
                        .header("If-Match", "*"),
                    stranger)
                .code())
        .isEqualTo(403);
    assertThat(send(HttpRequest.DELETE("/unified/schema/" + id), stranger).code()).isEqualTo(403);
    assertThat(post("/unified/schema/" + id + "/duplicate", "{}", stranger).code()).isEqualTo(403);
    assertThat(
            post("/unified/schema", bodyIn(namespace, "squat", "{\"type\":\"string\"}"), stranger)
                .code())
        .isEqualTo(403);
  }

  @Test
  void ofTwoConcurrentUpdatesExactlyOneWins() throws Exception {
    String id = create("contended", "{\"type\":\"string\"}");
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> racers = new ArrayList<>();
    for (String name : List.of("left", "right")) {
      racers.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return send(
                        HttpRequest.PUT("/unified/schema/" + id, Map.of("schemaName", name))
                            .header("If-Match", "\"1\""),
                        owner)
                    .code();
              }));
    }
    start.countDown();
    assertThat(racers.stream().map(CompletableFuture::join).sorted().toList())
        .isEqualTo(List.of(200, 412));
    assertThat(
            send(HttpRequest.PUT("/unified/schema/" + id, Map.of("schemaName", "x")), owner).code())
        .as("no If-Match")
        .isEqualTo(428);
  }

  @Test
  void aCopyGetsANewIdAndADeletedSchemaIsGone() throws Exception {
    String id = create("original", "{\"type\":\"boolean\"}");
    HttpResponse<String> copied = post("/unified/schema/" + id + "/duplicate", "{}", owner);
    assertThat(copied.code()).isEqualTo(201);
    Map<String, Object> answer = json.readValue(copied.body(), OBJECT);
    String copy = (String) answer.get("schemaId");
    assertThat(copy).isNotEqualTo(id);
    assertThat((Map<String, Object>) answer.get("schema"))
        .containsEntry("schemaName", "original (copy)")
        .containsEntry("duplicatedFrom", id)
        .containsEntry("schema", Map.of("type", "boolean"));

    assertThat(send(HttpRequest.DELETE("/unified/schema/" + id), owner).code()).isEqualTo(204);
    assertThat(send(HttpRequest.GET("/unified/schema/" + id), owner).code()).isEqualTo(404);
    assertThat(send(HttpRequest.DELETE("/unified/schema/" + id), owner).code()).isEqualTo(404);
    assertThat(send(HttpRequest.GET("/unified/schema/" + copy), owner).code()).isEqualTo(200);
  }

  @Test
  void pagesListEachSchemaOfTheNamespaceOnce() throws Exception {
    String listed = namespace(owner);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(createIn(listed, owner, "s" + i, "{\"type\":\"string\"}"));
    }
    List<String> seen = new ArrayList<>();
    String next = "/unified/schema?limit=2&namespaceId=" + listed;
    int pages = 0;
    while (next != null && pages++ < 20) {
      HttpResponse<String> page = send(HttpRequest.GET(next), owner);
      assertThat(page.code()).isEqualTo(200);
      List<Map<String, Object>> items = json.readValue(page.body(), Argument.listOf(OBJECT));
      assertThat(items).hasSizeLessThanOrEqualTo(2);
      items.forEach(item -> seen.add((String) item.get("id")));
      String link = page.header("Link");
      next = link == null ? null : link.substring(1, link.indexOf('>'));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void aSelectionSearchesTheNamedNamespacesTheCallerMayView() throws Exception {
    String first = namespace(owner);
    String second = namespace(owner);
    createIn(first, owner, "Order Line", "{\"type\":\"object\",\"description\":\"one line\"}");
    createIn(first, owner, "customer", "{\"type\":\"object\"}");
    createIn(second, owner, "order", "{\"type\":\"object\"}");
    Map<String, Object> found =
        json.readValue(
            send(
                    HttpRequest.GET(
                        "/unified/schema/selection?search=ORDER&namespaceIds="
                            + first
                            + ","
                            + second),
                    owner)
                .body(),
            OBJECT);
    assertThat(found).containsEntry("total", 2).containsEntry("limit", 50);
    assertThat((List<Map<String, Object>>) found.get("schemas"))
        .extracting(schema -> schema.get("schemaName"))
        .containsExactlyInAnyOrder("Order Line", "order");
    assertThat((List<Map<String, Object>>) found.get("schemas"))
        .anyMatch(schema -> "one line".equals(schema.get("description")));

    Map<String, Object> dropped =
        json.readValue(
            send(
                    HttpRequest.GET(
                        "/unified/schema/selection?search=order&namespaceIds="
                            + first
                            + ","
                            + second
                            + "&droppedNamespaceIds="
                            + second),
                    owner)
                .body(),
            OBJECT);
    assertThat(dropped).containsEntry("total", 1);
    assertThat(
            send(HttpRequest.GET("/unified/schema/selection?namespaceId=" + first), stranger)
                .code())
        .isEqualTo(403);
    assertThat(send(HttpRequest.GET("/unified/schema/selection?search=x"), owner).code())
        .as("no namespace named")
        .isEqualTo(400);
  }

  private String create(String name, String schema) throws Exception {
    return createIn(namespace, owner, name, schema);
  }

  private String createIn(String namespaceId, TestAccounts.Account as, String name, String schema)
      throws Exception {
    HttpResponse<String> created = post("/unified/schema", bodyIn(namespaceId, name, schema), as);
    assertThat(created.code()).as(created.body()).isEqualTo(200);
    return (String) json.readValue(created.body(), OBJECT).get("schemaId");
  }

  private String body(String name, String schema) {
    return bodyIn(namespace, name, schema);
  }

  private static String bodyIn(String namespaceId, String name, String schema) {
    return "{\"namespaceId\":\""
        + namespaceId
        + "\",\"schemaName\":\""
        + name
        + "\",\"schema\":"
        + schema
        + "}";
  }

  private String namespace(TestAccounts.Account as) throws Exception {
    HttpResponse<String> created =
        post(
            "/unified/namespaces",
            "{\"namespace-name\":\"schemas-" + UUID.randomUUID().toString().substring(0, 8) + "\"}",
            as);
    assertThat(created.code()).isEqualTo(201);
    return (String) json.readValue(created.body(), OBJECT).get("namespace-id");
  }

  private HttpResponse<String> post(String path, String body, TestAccounts.Account as) {
    return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), as);
  }

  private HttpResponse<String> send(MutableHttpRequest<?> request, TestAccounts.Account as) {
    return client.send(request.bearerAuth(as.accessToken()));
  }
}
