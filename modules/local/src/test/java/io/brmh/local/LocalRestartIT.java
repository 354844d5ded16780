package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.DevstackService;
import io.brmh.devstack.Ports;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.testing.CacheMatchesTable;
import io.brmh.platform.testing.VariedItems;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The local run restarted on its data directory: its caches are still equal to their tables (Redis
 * keeps an append-only file there), and changes written after the restart reach them.
 */
class LocalRestartIT {
  private static final String PASSWORD = "restart admin password";
  private static final String TABLE = "restarted-orders";
  private static final String PROJECT = "restarts";
  private final HttpClient http = HttpClient.newHttpClient();
  private final VariedItems varied = new VariedItems(11);

  @Test
  void aRestartedLocalRunKeepsItsCachesEqualToTheirTablesAndFollowsNewChanges(@TempDir Path dataDir) throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("BRMH_DATA_DIR", dataDir.toString());
    environment.put("BRMH_ADMIN_PASSWORD", PASSWORD);
    environment.put("BRMH_HTTP_PORT", Integer.toString(Ports.freePort()));
    for (DevstackService service : DevstackService.values()) {
      environment.put(service.portVariable(), Integer.toString(Ports.freePort()));
    }
    String base = "http://localhost:" + environment.get("BRMH_HTTP_PORT");
    CacheKeys keys = new CacheKeys(PROJECT, TABLE);

    try (BrmhLocal.LocalRun first = BrmhLocal.start(environment::get)) {
      DynamoDbClient dynamo = first.context().getBean(DynamoDbClient.class);
      dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
          .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
          .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
      for (String id : varied.stringIds(300)) {
        dynamo.putItem(b -> b.tableName(TABLE).item(varied.item("id", AttributeValue.fromS(id), false)));
      }
      String token = login(first, base);
      send(first, base, "POST", "/cache/configs", "{\"tableName\":\"" + TABLE + "\",\"project\":\"" + PROJECT + "\",\"itemsPerKey\":1}", token);
      Map<String, Object> job = send(first, base, "POST", "/cache/table", "{\"project\":\"" + PROJECT + "\",\"table\":\"" + TABLE + "\"}", token,
          "Prefer", "wait=60");
      assertThat(job).containsEntry("status", "SUCCEEDED");
      assertThat(CacheMatchesTable.differences(first.context().getBean(RedissonClient.class), dynamo, keys, 1)).isEmpty();
    }

    try (BrmhLocal.LocalRun second = BrmhLocal.start(environment::get)) {
      DynamoDbClient dynamo = second.context().getBean(DynamoDbClient.class);
      RedissonClient redis = second.context().getBean(RedissonClient.class);
      assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).as("right after the restart").isEmpty();

      for (int i = 0; i < 50; i++) {
        Map<String, AttributeValue> item = varied.item("id", AttributeValue.fromS("after-restart-" + i), false);
        dynamo.putItem(b -> b.tableName(TABLE).item(item));
      }
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty());
    }
  }

  private String login(BrmhLocal.LocalRun run, String base) throws Exception {
    return (String) send(run, base, "POST", "/auth/login", "{\"email\":\"admin@brmh.local\",\"password\":\"" + PASSWORD + "\"}", null)
        .get("accessToken");
  }

  private Map<String, Object> send(BrmhLocal.LocalRun run, String base, String method, String path, String body, String bearer,
      String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return run.context().getBean(JsonMapper.class).readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }
}
