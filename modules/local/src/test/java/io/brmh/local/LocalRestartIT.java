package io.brmh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.testing.CacheMatchesTable;
import io.brmh.platform.testing.VariedItems;
import java.nio.file.Path;
import java.time.Duration;
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
  private final VariedItems varied = new VariedItems(11);

  @Test
  void aRestartedLocalRunKeepsItsCachesEqualToTheirTablesAndFollowsNewChanges(@TempDir Path dataDir)
      throws Exception {
    Map<String, String> environment = LocalRunHttp.environment(dataDir, PASSWORD);
    LocalRunHttp base = new LocalRunHttp(environment);
    CacheKeys keys = new CacheKeys(PROJECT, TABLE);

    try (BrmhLocal.LocalRun first = BrmhLocal.start(environment::get)) {
      DynamoDbClient dynamo = first.context().getBean(DynamoDbClient.class);
      dynamo.createTable(
          b ->
              b.tableName(TABLE)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                  .attributeDefinitions(
                      a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
      for (String id : varied.stringIds(300)) {
        dynamo.putItem(
            b -> b.tableName(TABLE).item(varied.item("id", AttributeValue.fromS(id), false)));
      }
      String token = login(base);
      base.ensureNamespace(PROJECT, token);
      base.send(
          "POST",
          "/cache/configs",
          "{\"tableName\":\"" + TABLE + "\",\"project\":\"" + PROJECT + "\",\"itemsPerKey\":1}",
          token);
      String job =
          base.send(
              "POST",
              "/cache/table",
              "{\"project\":\"" + PROJECT + "\",\"table\":\"" + TABLE + "\"}",
              token,
              "Prefer",
              "wait=60");
      assertThat(job).contains("\"status\":\"SUCCEEDED\"");
      assertThat(
              CacheMatchesTable.differences(
                  first.context().getBean(RedissonClient.class), dynamo, keys, 1))
          .isEmpty();
    }

    try (BrmhLocal.LocalRun second = BrmhLocal.start(environment::get)) {
      DynamoDbClient dynamo = second.context().getBean(DynamoDbClient.class);
      RedissonClient redis = second.context().getBean(RedissonClient.class);
      assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1))
          .as("right after the restart")
          .isEmpty();

      for (int i = 0; i < 50; i++) {
        Map<String, AttributeValue> item =
            varied.item("id", AttributeValue.fromS("after-restart-" + i), false);
        dynamo.putItem(b -> b.tableName(TABLE).item(item));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty());
    }
  }

  private static String login(LocalRunHttp base) throws Exception {
    String answer =
        base.send(
            "POST",
            "/auth/login",
            "{\"email\":\"admin@brmh.local\",\"password\":\"" + PASSWORD + "\"}",
            null);
    return answer.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
  }
}
