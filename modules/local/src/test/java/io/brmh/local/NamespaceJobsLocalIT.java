package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Namespace duplicate and delete through the whole local system: HTTP → Kafka → namespace worker →
 * DynamoDB, each job followed with {@code Prefer: wait} and its effect read back over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceJobsLocalIT {
  private static final Argument<Map<String, Object>> OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final String SECRET = "Bearer never-copied-7f3a";

  private BrmhLocal.LocalRun run;
  private LocalRunHttp base;
  private String token;
  private JsonMapper json;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    Map<String, String> environment = LocalRunHttp.environment(dataDir, "namespace jobs password");
    run = BrmhLocal.start(environment::get);
    base = new LocalRunHttp(environment);
    json = run.context().getBean(JsonMapper.class);
    token =
        (String)
            send(
                    "POST",
                    "/auth/login",
                    "{\"email\":\"admin@brmh.local\",\"password\":\"namespace jobs password\"}")
                .get("accessToken");
  }

  @AfterAll
  void stop() {
    run.close();
  }

  @Test
  void aNamespaceIsDuplicatedWithItsTableAndThenDeletedWithIt() throws Exception {
    String name = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        (String)
            send("POST", "/unified/namespaces", "{\"namespace-name\":\"" + name + "\"}")
                .get("namespace-id");
    String schema =
        (String)
            send(
                    "POST",
                    "/unified/schema",
                    "{\"namespaceId\":\""
                        + id
                        + "\",\"schemaName\":\"order\",\"schema\":{\"type\":\"object\"}}")
                .get("schemaId");
    String account =
        (String)
            send(
                    "POST",
                    "/unified/namespaces/" + id + "/accounts",
                    "{\"namespace-account-name\":\"main\",\"namespace-account-header\":[{\"key\":\"Authorization\",\"value\":\""
                        + SECRET
                        + "\"}]}")
                .get("id");
    String table =
        (String)
            send(
                    "POST",
                    "/unified/schema/table",
                    "{\"schemaId\":\""
                        + schema
                        + "\",\"accountId\":\""
                        + account
                        + "\",\"methodName\":\"orders\"}")
                .get("tableName");
    for (int i = 0; i < 3; i++) {
      send(
          "POST",
          "/crud?tableName=" + table,
          "{\"item\":{\"id\":\"o-" + i + "\",\"total\":17303261256590089746.6" + i + "}}");
    }

    Map<String, Object> duplicated =
        send(
            "POST",
            "/unified/namespaces/" + id + "/duplicate",
            "{\"newName\":\"" + name + "-2\"}",
            "Prefer",
            "wait=60");

    assertThat(duplicated).containsEntry("status", "SUCCEEDED");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) duplicated.get("result");
    String copy = (String) result.get("namespaceId");
    assertThat(send("GET", "/unified/namespaces/" + copy, null))
        .containsEntry("namespace-status", "ready");
    String copiedAccounts =
        base.send("GET", "/unified/namespaces/" + copy + "/accounts", "", token);
    assertThat(copiedAccounts).contains("\"main\"").doesNotContain(SECRET);
    assertThat(copiedAccounts)
        .as("a new id, its origin named")
        .doesNotContain("\"id\":\"" + account + "\"")
        .contains("\"duplicated-from\":\"" + account + "\"");
    String copiedTable = name + "-2" + table.substring(name.length());
    assertThat(result.get("tableNames")).isEqualTo(Map.of(table, copiedTable));
    assertThat(items(copiedTable)).isEqualTo(items(table)).hasSize(3);
    assertThat(base.send("GET", "/crud?tableName=" + copiedTable + "&id=o-1", "", token))
        .contains("17303261256590089746.61");

    Map<String, Object> deleted =
        send(
            "DELETE",
            "/unified/namespaces/" + id + "?deleteTables=true",
            null,
            "Prefer",
            "wait=60");

    assertThat(deleted).containsEntry("status", "SUCCEEDED");
    assertThat(base.exchange("GET", "/unified/namespaces/" + id, "", token).statusCode())
        .isEqualTo(404);
    assertThat(base.exchange("GET", "/crud?tableName=" + table, "", token).statusCode())
        .isEqualTo(404);
    assertThat(base.exchange("GET", "/unified/schema/" + schema, "", token).statusCode())
        .isEqualTo(404);
    assertThat(items(copiedTable)).as("the copy keeps its own table").hasSize(3);
    HttpResponse<String> again =
        base.exchange(
            "POST", "/unified/namespaces", "{\"namespace-name\":\"" + name + "\"}", token);
    assertThat(again.statusCode()).as("the name is free again").isEqualTo(201);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> items(String table) throws Exception {
    return (List<Map<String, Object>>) send("GET", "/crud?tableName=" + table, null).get("items");
  }

  private Map<String, Object> send(String method, String path, String body, String... headers)
      throws Exception {
    return json.readValue(
        base.send(method, path, body == null ? "" : body, token, headers), OBJECT);
  }
}
