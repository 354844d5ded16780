package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Topic;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.JsJson;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.testing.CacheMatchesTable;
import io.brmh.platform.testing.IndexedItems;
import io.brmh.platform.testing.WebSocketTestClient;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The cache pipeline through the whole local system: HTTP → Kafka → cache worker → Redis, with the
 * job over HTTP, and the cache equal to the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachePipelineIT {
  private static final String TABLE = "pipeline-orders";
  private static final String PROJECT = "shop";
  private BrmhLocal.LocalRun run;
  private LocalRunHttp base;
  private String token;
  private JsonMapper json;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    Map<String, String> environment = LocalRunHttp.environment(dataDir, "pipeline admin password");
    run = BrmhLocal.start(environment::get);
    base = new LocalRunHttp(environment);
    json = run.context().getBean(JsonMapper.class);
    token =
        (String)
            send(
                    "POST",
                    "/auth/login",
                    "{\"email\":\"admin@brmh.local\",\"password\":\"pipeline admin password\"}",
                    null)
                .get("accessToken");
  }

  @AfterAll
  void stop() {
    run.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void bulkLoadThenChangesKeepTheCacheEqualToTheTable() throws Exception {
    DynamoDbClient dynamo = run.context().getBean(DynamoDbClient.class);
    RedissonClient redis = run.context().getBean(RedissonClient.class);
    createOrdersTable(dynamo, TABLE);
    for (int i = 0; i < 200; i++) {
      Map<String, AttributeValue> item = order("o-" + i, 10);
      dynamo.putItem(b -> b.tableName(TABLE).item(item));
    }
    base.ensureNamespace(PROJECT, token);
    send(
        "POST",
        "/cache/configs",
        "{\"tableName\":\""
            + TABLE
            + "\",\"project\":\""
            + PROJECT
            + "\",\"itemsPerKey\":1,\"timeToLive\":0}",
        token);

    Map<String, Object> job =
        send(
            "POST",
            "/cache/table",
            "{\"project\":\"" + PROJECT + "\",\"table\":\"" + TABLE + "\"}",
            token,
            "Prefer",
            "wait=30");
    assertThat(job).containsEntry("status", "SUCCEEDED");
    assertThat((Map<String, Object>) job.get("result"))
        .containsEntry("totalRecords", 200)
        .containsEntry("successfulWrites", 200);

    dynamo.putItem(b -> b.tableName(TABLE).item(order("o-5", 99)));
    send(
        "POST",
        "/cache/update",
        "{\"type\":\"MODIFY\",\"tableName\":\""
            + TABLE
            + "\",\"newItem\":{\"id\":{\"S\":\"o-5\"},\"total\":{\"N\":\"99\"}},"
            + "\"oldItem\":{\"id\":{\"S\":\"o-5\"},\"total\":{\"N\":\"10\"}}}",
        token);
    dynamo.deleteItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS("o-7"))));
    send(
        "POST",
        "/cache-data",
        "{\"type\":\"REMOVE\",\"tableName\":\""
            + TABLE
            + "\",\"oldItem\":{\"id\":\"o-7\",\"total\":10}}",
        token);

    CacheKeys keys = new CacheKeys(PROJECT, TABLE);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, String> cached = new HashMap<>();
              for (String id : IndexedItems.of(redis, keys)) {
                cached.put(id, redis.<String>getBucket(keys.item(id), StringCodec.INSTANCE).get());
              }
              Map<String, String> table = new HashMap<>();
              dynamo
                  .scanPaginator(b -> b.tableName(TABLE).consistentRead(true))
                  .items()
                  .forEach(
                      item ->
                          table.put(item.get("id").s(), JsJson.write(PlainValues.fromItem(item))));
              assertThat(cached).isEqualTo(table);
            });
  }

  /**
   * The configuration turns the table's stream on before anyone can load its cache, so a change
   * written while the first load scans (before the bridge even follows the table) is not lost.
   */
  @Test
  void aTableWithoutAStreamConfiguredAndLoadedAtOnceMissesNoChangeWrittenMeanwhile()
      throws Exception {
    String table = "pipeline-no-stream";
    DynamoDbClient dynamo = run.context().getBean(DynamoDbClient.class);
    RedissonClient redis = run.context().getBean(RedissonClient.class);
    createOrdersTable(dynamo, table);
    for (int i = 0; i < 300; i++) {
      Map<String, AttributeValue> item = order("n-" + i, 1);
      dynamo.putItem(b -> b.tableName(table).item(item));
    }
    base.ensureNamespace("nostream", token);
    send(
        "POST",
        "/cache/configs",
        "{\"tableName\":\""
            + table
            + "\",\"project\":\"nostream\",\"itemsPerKey\":1,\"timeToLive\":0}",
        token);

    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 600; i++) {
                Map<String, AttributeValue> item =
                    order(i % 2 == 0 ? "n-" + i / 2 : "fresh-" + i, 1000 + i);
                dynamo.putItem(b -> b.tableName(table).item(item));
              }
            });
    Map<String, Object> job =
        send(
            "POST",
            "/cache/table",
            "{\"project\":\"nostream\",\"table\":\"" + table + "\"}",
            token);
    writer.get(60, TimeUnit.SECONDS);

    assertThat(
            dynamo
                .describeTable(b -> b.tableName(table))
                .table()
                .streamSpecification()
                .streamEnabled())
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(send("GET", "/jobs/" + job.get("id"), "", token))
                  .containsEntry("status", "SUCCEEDED");
              assertThat(
                      CacheMatchesTable.differences(
                          redis, dynamo, new CacheKeys("nostream", table), 1))
                  .isEmpty();
            });
  }

  /**
   * Kafka refuses job events (the topic's {@code max.message.bytes} lowered from outside, through
   * the admin API) when a load ends: the job ends in the jobs table and its end event does not
   * reach Kafka; the worker keeps the load's record and announces the end again until Kafka takes
   * it, and a WebSocket subscriber hears it once Kafka does. Redis at {@code maxmemory} holds the
   * load back until the refusal is in place.
   */
  @Test
  void anEndEventKafkaRefusedAtFirstIsAnnouncedAgainAndHeardOverTheWebSocket() throws Exception {
    String table = "pipeline-end-heard";
    DynamoDbClient dynamo = run.context().getBean(DynamoDbClient.class);
    RedissonClient redis = run.context().getBean(RedissonClient.class);
    createOrdersTable(dynamo, table);
    for (int from = 0; from < 2_000; from += 25) {
      List<WriteRequest> batch = new ArrayList<>();
      for (int i = from; i < from + 25; i++) {
        Map<String, AttributeValue> item = order(String.format("h-%05d", i), i);
        batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      }
      dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
    }
    base.ensureNamespace("heard", token);
    send(
        "POST",
        "/cache/configs",
        "{\"tableName\":\""
            + table
            + "\",\"project\":\"heard\",\"itemsPerKey\":1,\"timeToLive\":0}",
        token);
    RedisNode node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();

    try (WebSocketTestClient socket =
            WebSocketTestClient.connect(
                URI.create(base.base().replaceFirst("^http", "ws") + "/ws"), token, json);
        Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    run.devstack().endpoints().kafkaBootstrapServers()))) {
      socket.send("{\"action\":\"subscribe\",\"jobTypes\":[\"cache.table\"]}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  socket.received().stream()
                      .anyMatch(message -> "subscribed".equals(message.get("type"))));
      long used = Long.parseLong(node.info(RedisNode.InfoSection.MEMORY).get("used_memory"));
      node.setConfig("maxmemory", Long.toString(used + 32 * 1024));
      String job;
      try {
        job =
            (String)
                send(
                        "POST",
                        "/cache/table",
                        "{\"project\":\"heard\",\"table\":\"" + table + "\"}",
                        token)
                    .get("id");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> "RUNNING".equals(send("GET", "/jobs/" + job, "", token).get("status")));
        refuseJobEvents(admin, true);
      } finally {
        node.setConfig("maxmemory", "0");
      }
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> "SUCCEEDED".equals(send("GET", "/jobs/" + job, "", token).get("status")));
        assertThat(heard(socket, job)).as("an end event Kafka refused was heard").isFalse();
        // The worker keeps the load (and its checkpoint) until the end is announced: it was not.
        assertThat(redis.getKeys().countExists(new CacheKeys("heard", table).bulkCheckpoint()))
            .isEqualTo(1);
      } finally {
        refuseJobEvents(admin, false);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> heard(socket, job));
    }
    CacheKeys keys = new CacheKeys("heard", table);
    assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> redis.getKeys().countExists(keys.bulkCheckpoint()) == 0);
  }

  private static boolean heard(WebSocketTestClient socket, String jobId) {
    return socket.received().stream()
        .anyMatch(
            message ->
                "brmh.job.succeeded.v1".equals(message.get("type"))
                    && jobId.equals(message.get("brmhjobid")));
  }

  private static void refuseJobEvents(Admin admin, boolean refuse) throws Exception {
    ConfigResource topic =
        new ConfigResource(ConfigResource.Type.TOPIC, Topic.JOB_EVENTS.topicName());
    AlterConfigOp change =
        refuse
            ? new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1"),
                AlterConfigOp.OpType.SET)
            : new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                AlterConfigOp.OpType.DELETE);
    admin.incrementalAlterConfigs(Map.of(topic, List.of(change))).all().get(30, TimeUnit.SECONDS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readRoutesServeTheCacheInTheOriginalsShapes() throws Exception {
    String table = "pipeline-reads";
    DynamoDbClient dynamo = run.context().getBean(DynamoDbClient.class);
    createOrdersTable(dynamo, table);
    for (int i = 0; i < 30; i++) {
      Map<String, AttributeValue> item = order("r-" + i, i);
      dynamo.putItem(b -> b.tableName(table).item(item));
    }
    base.ensureNamespace("reads", token);
    send(
        "POST",
        "/cache/configs",
        "{\"tableName\":\""
            + table
            + "\",\"project\":\"reads\",\"itemsPerKey\":1,\"timeToLive\":600}",
        token);
    send(
        "POST",
        "/cache/table",
        "{\"project\":\"reads\",\"table\":\"" + table + "\"}",
        token,
        "Prefer",
        "wait=30");
    String query = "?project=reads&table=" + table;

    Map<String, Object> listing = send("GET", "/cache/data" + query, "", token);
    List<String> keys = (List<String>) listing.get("keys");
    assertThat(listing).containsEntry("keysFound", 30);
    assertThat(keys.subList(0, 3))
        .containsExactly(
            "reads:" + table + ":r-0", "reads:" + table + ":r-1", "reads:" + table + ":r-10");

    Map<String, Object> one = send("GET", "/cache/data" + query + "&key=r-7", "", token);
    assertThat(one)
        .containsEntry("key", "reads:" + table + ":r-7")
        .containsEntry("data", Map.of("id", "r-7", "total", 7));
    assertThat((Map<String, Object>) one.get("metadata"))
        .containsEntry("itemType", "object")
        .containsEntry("dataLength", 1);

    Map<String, Object> matching = send("GET", "/cache/data" + query + "&pattern=r-2*", "", token);
    assertThat(matching).containsEntry("keysFound", 11);
    assertThat((Map<String, Object>) matching.get("data")).containsKey("reads:" + table + ":r-25");

    Map<String, Object> page =
        send(
            "GET",
            "/cache/data-in-sequence" + query + "&page=2&limit=20&includeData=true",
            "",
            token);
    assertThat(page).containsEntry("keysFound", 10).containsEntry("totalKeys", 30);
    assertThat((Map<String, Object>) page.get("data")).hasSize(10);
    assertThat((Map<String, Object>) page.get("pagination"))
        .containsEntry("totalPages", 2)
        .containsEntry("hasMore", false);

    Map<String, Object> firstKey = send("GET", "/cache/keys" + query, "", token);
    assertThat(firstKey)
        .containsEntry("keysFound", 30)
        .containsEntry("totalPages", 30)
        .containsEntry("hasMore", true);
    assertThat((List<String>) firstKey.get("keys")).hasSize(1);

    Map<String, Object> stats =
        (Map<String, Object>) send("GET", "/cache/stats" + query, "", token).get("stats");
    assertThat(stats).containsEntry("totalKeys", 30);
    assertThat((List<Map<String, Object>>) stats.get("sampleTTLs"))
        .allSatisfy(
            sample -> assertThat(((Number) sample.get("ttl")).longValue()).isBetween(1L, 600L));

    assertThat(send("GET", "/cache/debug/reads/" + table + "/r-3", "", token))
        .containsEntry("data", Map.of("id", "r-3", "total", 3));
    assertThat(send("GET", "/cache/health", "", token))
        .containsEntry("message", "Cache service is healthy");
    assertThat(send("GET", "/test-valkey-connection", "", token))
        .containsEntry("status", "success");
    assertThat(send("GET", "/cache/bulk-operations", "", token)).containsEntry("count", 0);
    assertThat(send("GET", "/cache/pending-updates", "", token)).containsKey("totalPending");
    assertThat(send("DELETE", "/cache/pending-updates", "", token))
        .containsEntry("clearedCount", 0);

    Map<String, Object> cleared = send("DELETE", "/cache" + query, "", token, "Prefer", "wait=20");
    assertThat(cleared).containsEntry("status", "SUCCEEDED");
    assertThat((Map<String, Object>) cleared.get("result")).containsEntry("keysDeleted", 30);
    assertThat(send("GET", "/cache/data" + query, "", token)).containsEntry("keysFound", 0);

    assertThat(status("/cache/data?project=re*ds&table=" + table, token)).isEqualTo(400);
    assertThat(status("/cache/data" + query + "&key=missing", token)).isEqualTo(404);
    assertThat(status("/cache/data" + query, null)).isEqualTo(401);
  }

  /** A table keyed by string {@code id}, without a stream (the configuration turns it on). */
  private static void createOrdersTable(DynamoDbClient dynamo, String table) {
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
  }

  private static Map<String, AttributeValue> order(String id, int total) {
    return Map.of(
        "id", AttributeValue.fromS(id), "total", AttributeValue.fromN(Integer.toString(total)));
  }

  private int status(String path, String bearer) throws Exception {
    return base.exchange("GET", path, "", bearer).statusCode();
  }

  private Map<String, Object> send(
      String method, String path, String body, String bearer, String... headers) throws Exception {
    return json.readValue(
        base.send(method, path, body, bearer, headers), Argument.mapOf(String.class, Object.class));
  }
}
