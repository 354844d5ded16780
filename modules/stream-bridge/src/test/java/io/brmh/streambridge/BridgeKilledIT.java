package io.brmh.streambridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The bridge runs in a child process here (this context only caches); it is killed with -9 mid-run and started again. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeKilledIT implements TestPropertyProvider {
  private static final int CHANGES = 2_000;
  private static final Path BRIDGE_JAR = Path.of("target", "brmh-stream-bridge.jar");

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject CacheConfigRepository configs;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache.config-refresh", "0s");
    properties.put("brmh.stream-bridge.enabled", "false");
    return properties;
  }

  @Test
  void aBridgeKilledMidRunIsReplacedAndTheCacheStillEqualsTheTable() throws Exception {
    String table = Contents.newStreamedTable(dynamo, "killed-");
    String project = "k" + UUID.randomUUID().toString().substring(0, 6);
    String now = Instant.now().toString();
    configs.save(new CacheConfig(UUID.randomUUID().toString(), table, project, 1, 0, CacheConfig.ACTIVE, null, null, now, now));
    CacheKeys keys = new CacheKeys(project, table);
    Map<String, String> bridge = new HashMap<>(SharedDevstack.applicationProperties());
    bridge.put("brmh.stream-bridge.follow-refresh", "200ms");
    bridge.put("brmh.stream-bridge.idle-pause", "50ms");
    bridge.put("brmh.stream-bridge.lease", "2s");
    bridge.put("brmh.cache-worker.enabled", "false");

    AtomicInteger written = new AtomicInteger();
    CompletableFuture<Void> writer;
    try (ServiceProcess first = ServiceProcess.start(BRIDGE_JAR, bridge, Path.of("target", "bridge-first.log"))) {
      writer = CompletableFuture.runAsync(() -> writeChanges(table, written));
      await().atMost(Duration.ofSeconds(60)).until(() -> redis.getSet(keys.itemIndex(), StringCodec.INSTANCE).size() > 300);
      first.kill();
    }
    int atKill = written.get();
    try (ServiceProcess second = ServiceProcess.start(BRIDGE_JAR, bridge, Path.of("target", "bridge-second.log"))) {
      writer.get();
      Map<String, String> expected = Contents.table(dynamo, table);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
          assertThat(Contents.cache(redis, keys)).isEqualTo(expected));
    }
    assertThat(atKill).as("killed while changes were still being written").isLessThan(CHANGES);
  }

  /** Inserts, modifications of every fourth item and removals of every ninth, one at a time. */
  private void writeChanges(String table, AtomicInteger written) {
    int items = CHANGES * 3 / 4;
    for (int i = 0; i < items; i++) {
      put(table, i, 1);
      written.incrementAndGet();
    }
    int extra = CHANGES - items;
    for (int i = 0; i < extra; i++) {
      if (i % 3 == 2) {
        String id = "item-" + (i * 9 % items);
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
      } else {
        put(table, i * 4 % items, 2);
      }
      written.incrementAndGet();
    }
  }

  private void put(String table, int n, int version) {
    dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("item-" + n),
        "version", AttributeValue.fromN(Integer.toString(version)), "name", AttributeValue.fromS("item " + n))));
  }
}
