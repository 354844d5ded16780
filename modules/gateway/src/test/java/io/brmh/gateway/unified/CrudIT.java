package io.brmh.gateway.unified;

import static org.assertj.core.api.Assertions.assertThat;

import io.brmh.devstack.SharedDevstack;
import io.brmh.gateway.GatewayClient;
import io.brmh.gateway.TestAccounts;
import io.brmh.gateway.messages.LocalOutbox;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.token.generator.TokenGenerator;
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
 * {@code /crud} on a namespace's table: plain JSON with exact numbers, conditional writes, pages
 * with a continuation token, 404 for a missing item; and nothing at all of BRMH's own tables,
 * unmanaged tables or tables of a namespace the caller may not view.
 */
@MicronautTest(environments = "local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrudIT implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject JsonMapper json;
  @Inject LocalOutbox outbox;
  @Inject DynamoDbClient dynamo;
  @Inject TokenGenerator tokens;

  private GatewayClient client;
  private TableFixture fixture;
  private TestAccounts.Account owner;
  private TestAccounts.Account viewer;
  private TestAccounts.Account stranger;
  private String table;

  @Override
  public Map<String, String> getProperties() {
    return new HashMap<>(SharedDevstack.applicationProperties());
  }

  @BeforeAll
  void setUp() throws Exception {
    client = new GatewayClient(http.toBlocking());
    fixture = new TableFixture(client, json);
    TestAccounts accounts = new TestAccounts(client, outbox, json);
    owner = accounts.signUp("crud-owner");
    viewer = accounts.signUp("crud-viewer");
    stranger = accounts.signUp("crud-stranger");
    TableFixture.Namespace namespace = fixture.namespace("crud", owner);
    table = namespace.name() + "-orders";
    fixture.methodTable(namespace, table, owner);
    fixture.addMember(namespace, viewer, "VIEWER", owner);
  }

  @Test
  void itemsAreWrittenAndReadExactlyAndWritesAreConditional() throws Exception {
    String item =
        "{\"item\":{\"id\":\"o-1\",\"total\":17303261256590089746.68,\"tiny\":0.1000000000000000055511151231257827,"
            + "\"lines\":[{\"sku\":\"a\",\"qty\":3}],\"gift\":false,\"note\":null}}";
    assertThat(send(HttpMethod.POST, crud(), item, owner).code()).isEqualTo(201);
    assertThat(send(HttpMethod.POST, crud(), item, owner).code()).as("no overwrite").isEqualTo(409);
    assertThat(
            send(
                    HttpMethod.POST,
                    crud(),
                    item.replace("}}", "},\"overwrite\":true}")
                        .replace("\"gift\":false", "\"gift\":true"),
                    owner)
                .code())
        .isEqualTo(201);

    HttpResponse<String> read = send(HttpMethod.GET, crud() + "&id=o-1", null, viewer);
    assertThat(read.code()).isEqualTo(200);
    assertThat(read.body())
        .contains("17303261256590089746.68")
        .contains("0.1000000000000000055511151231257827")
        .contains("\"gift\":true");
    Map<String, AttributeValue> stored =
        dynamo
            .getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("o-1"))))
            .item();
    assertThat(stored.get("total").n()).isEqualTo("17303261256590089746.68");
    assertThat(send(HttpMethod.GET, crud() + "&id=none", null, viewer).code()).isEqualTo(404);

    HttpResponse<String> patched =
        send(
            HttpMethod.PATCH,
            crud(),
            "{\"key\":{\"id\":\"o-1\"},\"updates\":{\"ship-to.city\":\"Oslo\",\"odd name\":1,\"note\":null,\"gift\":false}}",
            owner);
    assertThat(patched.code()).as(patched.body()).isEqualTo(200);
    Map<String, Object> after =
        (Map<String, Object>) json.readValue(patched.body(), OBJECT).get("item");
    assertThat(after)
        .containsEntry("ship-to.city", "Oslo")
        .containsEntry("odd name", 1)
        .containsEntry("gift", false)
        .doesNotContainKey("note");
    assertThat(
            send(
                    HttpMethod.PATCH,
                    crud(),
                    "{\"key\":{\"id\":\"none\"},\"updates\":{\"a\":1}}",
                    owner)
                .code())
        .isEqualTo(404);
    assertThat(
            send(
                    HttpMethod.PATCH,
                    crud(),
                    "{\"key\":{\"id\":\"o-1\"},\"updates\":{\"id\":\"o-2\"}}",
                    owner)
                .code())
        .as("the key is not an update")
        .isEqualTo(400);
    assertThat(send(HttpMethod.PUT, crud(), "{\"item\":{\"id\":\"none\",\"a\":1}}", owner).code())
        .isEqualTo(404);
    assertThat(send(HttpMethod.PUT, crud(), "{\"item\":{\"id\":\"o-1\",\"a\":1}}", owner).code())
        .isEqualTo(200);
    assertThat(send(HttpMethod.GET, crud() + "&id=o-1", null, owner).body())
        .contains("\"a\":1")
        .doesNotContain("total");

    assertThat(send(HttpMethod.DELETE, crud() + "&id=o-1", null, viewer).code())
        .as("a viewer writes nothing")
        .isEqualTo(403);
    assertThat(send(HttpMethod.DELETE, crud() + "&id=o-1", null, owner).code()).isEqualTo(200);
    assertThat(send(HttpMethod.DELETE, crud() + "&id=o-1", null, owner).code()).isEqualTo(404);
  }

  @Test
  void aScanIsPagesThatMissNothing() throws Exception {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "p-" + i;
      written.add(id);
      assertThat(
              send(
                      HttpMethod.POST,
                      crud(),
                      "{\"item\":{\"id\":\"" + id + "\",\"page\":true}}",
                      owner)
                  .code())
          .isEqualTo(201);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String path =
          crud() + "&pagination=true&itemPerPage=2" + (token == null ? "" : "&pageToken=" + token);
      Map<String, Object> page =
          json.readValue(send(HttpMethod.GET, path, null, viewer).body(), OBJECT);
      ((List<Map<String, Object>>) page.get("items"))
          .stream()
              .filter(found -> Boolean.TRUE.equals(found.get("page")))
              .forEach(found -> seen.add((String) found.get("id")));
      token = (String) page.get("nextPageToken");
    } while (token != null && pages++ < 50);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(written);
  }

  @Test
  void noTableBeyondTheCallersNamespacesIsReached() throws Exception {
    TestAccounts.Account administrator = TableFixture.administrator(tokens, "crud-admin");
    for (TestAccounts.Account as : List.of(owner, administrator)) {
      assertThat(send(HttpMethod.GET, "/crud?tableName=brmh-users", null, as).code())
          .isEqualTo(404);
      assertThat(
              send(HttpMethod.GET, "/crud?tableName=brmh-users&email=" + owner.email(), null, as)
                  .code())
          .isEqualTo(404);
      assertThat(
              send(
                      HttpMethod.POST,
                      "/crud?tableName=brmh-users",
                      "{\"item\":{\"email\":\"x\"}}",
                      as)
                  .code())
          .isEqualTo(404);
    }
    assertThat(send(HttpMethod.GET, crud(), null, stranger).code()).isEqualTo(404);
    assertThat(send(HttpMethod.POST, crud(), "{\"item\":{\"id\":\"s\"}}", stranger).code())
        .isEqualTo(404);
  }

  private String crud() {
    return "/crud?tableName=" + table;
  }

  private HttpResponse<String> send(
      HttpMethod method, String path, String body, TestAccounts.Account as) {
    return fixture.send(method, path, body, as);
  }
}
