package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.DevstackService;
import io.brmh.devstack.ServiceProcess;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.testing.CacheMatchesTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local run as its own process, killed with {@code kill -9} while one cache is idle and another
 * is being loaded, then started again on its data directory: both caches end equal to their tables
 * (kept by Redis's append-only file, resumed, or rebuilt where the restarted stream no longer knows
 * the bridge's checkpoints), and changes written after the restart reach them.
 */
class LocalRunKilledIT {
  private static final String PASSWORD = "killed admin password";
  private static final Path LOCAL_JAR = Path.of("target", "brmh-local.jar");
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void killedIdleAndMidLoadTheLocalRunComesBackWithCachesEqualToTheirTables(@TempDir Path dataDir)
      throws Exception {
    Map<String, String> environment = LocalRunHttp.environment(dataDir, PASSWORD);
    environment.put(
        "BRMH_CACHE_WORKER_PAGE_SIZE", "20"); // the second load lasts long enough to be killed in
    LocalRunHttp base = new LocalRunHttp(environment);
    ServiceProcess first = start(environment, "first");
    DynamoDbClient dynamo = dynamo(environment);
    RedissonClient redis = redis(environment);
    String token = login(base);
    CacheKeys idle = new CacheKeys("killed", "killed-idle");
    CacheKeys loading = new CacheKeys("killed", "killed-loading");
    createTable(dynamo, idle.table(), 500);
    createTable(dynamo, loading.table(), 20_000);
    configure(base, token, idle);
    configure(base, token, loading);
    assertThat(base.send("POST", "/cache/table", load(idle), token, "Prefer", "wait=60"))
        .contains("\"SUCCEEDED\"");

    String job = field(base.send("POST", "/cache/table", load(loading), token), "id");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> base.send("GET", "/jobs/" + job, "", token).contains("\"done\""));
    first.kill();

    start(environment, "second");
    String again = login(base);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> base.send("GET", "/jobs/" + job, "", again).contains("\"SUCCEEDED\""));
    for (int i = 0; i < 50; i++) {
      put(dynamo, idle.table(), "after-" + i, 2);
      put(dynamo, loading.table(), "after-" + i, 2);
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(CacheMatchesTable.differences(redis, dynamo, idle, 1))
                  .as("the idle cache")
                  .isEmpty();
              assertThat(CacheMatchesTable.differences(redis, dynamo, loading, 1))
                  .as("the cache loaded when killed")
                  .isEmpty();
            });
  }

  private ServiceProcess start(Map<String, String> environment, String name) throws Exception {
    ServiceProcess process =
        ServiceProcess.start(
            LOCAL_JAR,
            "1500m",
            Map.of(),
            environment,
            Path.of("target", "local-run-" + name + ".log"));
    toClose.add(process);
    LocalRunHttp run = new LocalRunHttp(environment);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> run.exchange("GET", "/health/ready", "", null).statusCode() == 200);
    return process;
  }

  private DynamoDbClient dynamo(Map<String, String> environment) {
    DynamoDbClient client =
        DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(
                URI.create(
                    "http://127.0.0.1:" + environment.get(DevstackService.DYNAMODB.portVariable())))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    toClose.add(client);
    return client;
  }

  private RedissonClient redis(Map<String, String> environment) {
    Config config = new Config();
    config
        .useSingleServer()
        .setAddress("redis://127.0.0.1:" + environment.get(DevstackService.REDIS.portVariable()));
    RedissonClient client = Redisson.create(config);
    toClose.add(client::shutdown);
    return client;
  }

  private static void createTable(DynamoDbClient dynamo, String table, int items) {
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      Map<String, AttributeValue> item = item("item-" + i, 1);
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      if (batch.size() == 25 || i == items - 1) {
        List<WriteRequest> requests = List.copyOf(batch);
        dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
        batch.clear();
      }
    }
  }

  private static void put(DynamoDbClient dynamo, String table, String id, int version) {
    dynamo.putItem(b -> b.tableName(table).item(item(id, version)));
  }

  private static Map<String, AttributeValue> item(String id, int version) {
    return Map.of(
        "id",
        AttributeValue.fromS(id),
        "version",
        AttributeValue.fromN(Integer.toString(version)),
        "price",
        AttributeValue.fromN(version + ".1000000000000000055511151231257827"));
  }

  private void configure(LocalRunHttp base, String token, CacheKeys keys) throws Exception {
    base.ensureNamespace(keys.project(), token);
    base.send(
        "POST",
        "/cache/configs",
        "{\"tableName\":\""
            + keys.table()
            + "\",\"project\":\""
            + keys.project()
            + "\",\"itemsPerKey\":1}",
        token);
  }

  private static String load(CacheKeys keys) {
    return "{\"project\":\"" + keys.project() + "\",\"table\":\"" + keys.table() + "\"}";
  }

  private String login(LocalRunHttp base) throws Exception {
    return field(
        base.send(
            "POST",
            "/auth/login",
            "{\"email\":\"admin@brmh.local\",\"password\":\"" + PASSWORD + "\"}",
            null),
        "accessToken");
  }

  private static String field(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
    assertThat(matcher.find()).as(name + " in " + json).isTrue();
    return matcher.group(1);
  }
}
