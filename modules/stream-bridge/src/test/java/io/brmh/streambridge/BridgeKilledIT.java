package io.brmh.streambridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.testing.IndexedItems;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The check: 10,000 inserts, 2,000 modifications and 1,000 deletions written straight into
 * a streamed table, the bridge (a child process; this context only caches) killed with -9 in the
 * middle and started again: the cache still equals the table.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeKilledIT implements TestPropertyProvider {
  private static final int INSERTS = 10_000;
  private static final int MODIFICATIONS = 2_000;
  private static final int DELETIONS = 1_000;
  private static final Path BRIDGE_JAR = Path.of("target", "brmh-stream-bridge.jar");

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject CacheConfigRepository configs;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.stream-bridge.enabled", "false");
    return properties;
  }

  @Test
  void aBridgeKilledMidRunIsReplacedAndTheCacheStillEqualsTheTable() throws Exception {
    String table = Contents.newStreamedTable(dynamo, "killed-");
    String project = "k" + UUID.randomUUID().toString().substring(0, 6);
    String now = Instant.now().toString();
    configs.save(
        new CacheConfig(
            UUID.randomUUID().toString(),
            table,
            project,
            1,
            0,
            CacheConfig.ACTIVE,
            null,
            null,
            now,
            now));
    CacheKeys keys = new CacheKeys(project, table);
    Map<String, String> bridge = new HashMap<>(SharedDevstack.applicationProperties());
    bridge.put("brmh.stream-bridge.follow-refresh", "200ms");
    bridge.put("brmh.stream-bridge.idle-pause", "50ms");
    bridge.put("brmh.stream-bridge.lease", "2s");
    bridge.put("brmh.cache-worker.enabled", "false");

    AtomicInteger written = new AtomicInteger();
    CountDownLatch killed = new CountDownLatch(1);
    CompletableFuture<Void> writer;
    try (ServiceProcess first =
        ServiceProcess.start(BRIDGE_JAR, bridge, Path.of("target", "bridge-first.log"))) {
      writer = CompletableFuture.runAsync(() -> writeChanges(table, written, killed));
      await().atMost(Duration.ofSeconds(60)).until(() -> IndexedItems.count(redis, keys) > 300);
      first.kill();
    } finally {
      killed.countDown();
    }
    int atKill = written.get();
    try (ServiceProcess second =
        ServiceProcess.start(BRIDGE_JAR, bridge, Path.of("target", "bridge-second.log"))) {
      writer.get();
      Map<String, String> expected = Contents.table(dynamo, table);
      assertThat(expected).hasSize(INSERTS - DELETIONS);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> assertThat(Contents.cache(redis, keys)).isEqualTo(expected));
    }
    assertThat(atKill)
        .as("killed while changes were still being written")
        .isLessThan(INSERTS + MODIFICATIONS + DELETIONS);
  }

  /**
   * 10,000 inserts, then 2,000 modifications and 1,000 deletions of distinct items, in batches of
   * 25; halfway through the inserts it waits for the kill, so that changes are written both while
   * the first bridge reads and while no bridge runs.
   */
  private void writeChanges(String table, AtomicInteger written, CountDownLatch killed) {
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < INSERTS; i++) {
      if (i == INSERTS / 2) {
        awaitKill(killed);
      }
      batch.add(put(item(i, 1)));
      flushWhenFull(table, batch, written);
    }
    for (int i = 0; i < MODIFICATIONS; i++) {
      batch.add(put(item(i * 5, 2)));
      flushWhenFull(table, batch, written);
    }
    for (int i = 0; i < DELETIONS; i++) {
      Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("item-" + (i * 10 + 1)));
      batch.add(
          WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
      flushWhenFull(table, batch, written);
    }
    flush(table, batch, written);
  }

  private static void awaitKill(CountDownLatch killed) {
    try {
      if (!killed.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the first bridge was never killed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void flushWhenFull(String table, List<WriteRequest> batch, AtomicInteger written) {
    if (batch.size() == 25) {
      flush(table, batch, written);
    }
  }

  /** Writes the batch, again with what DynamoDB left unprocessed until nothing is. */
  private void flush(String table, List<WriteRequest> batch, AtomicInteger written) {
    List<WriteRequest> pending = List.copyOf(batch);
    while (!pending.isEmpty()) {
      List<WriteRequest> sent = pending;
      pending =
          dynamo
              .batchWriteItem(b -> b.requestItems(Map.of(table, sent)))
              .unprocessedItems()
              .getOrDefault(table, List.of());
    }
    written.addAndGet(batch.size());
    batch.clear();
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  private static Map<String, AttributeValue> item(int n, int version) {
    return Map.of(
        "id",
        AttributeValue.fromS("item-" + n),
        "version",
        AttributeValue.fromN(Integer.toString(version)),
        "name",
        AttributeValue.fromS("item " + n));
  }
}
