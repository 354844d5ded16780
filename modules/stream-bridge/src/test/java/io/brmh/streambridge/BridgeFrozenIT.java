package io.brmh.streambridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.streams.StreamCheckpointsTable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A bridge instance frozen (SIGSTOP) past its heartbeat loses its shard to another instance; when
 * it goes on, it takes its shards again before reading, never moves a checkpoint back, and the
 * cache still equals the table.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeFrozenIT implements TestPropertyProvider {
  private static final Path BRIDGE_JAR = Path.of("target", "brmh-stream-bridge.jar");
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Path FIRST_LOG = Path.of("target", "bridge-frozen-first.log");

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject CacheConfigRepository configs;
  @Inject StreamCheckpointsTable checkpoints;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.stream-bridge.enabled", "false"); // this context only caches
    return properties;
  }

  @Test
  void aFrozenInstanceLosesItsShardAndNeverMovesItsCheckpointBack() throws Exception {
    String table = Contents.newStreamedTable(dynamo, "frozen-");
    CacheKeys keys = configure(table);
    String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    Map<String, String> bridge = new HashMap<>(SharedDevstack.applicationProperties());
    bridge.put("brmh.stream-bridge.follow-refresh", "200ms");
    bridge.put("brmh.stream-bridge.idle-pause", "50ms");
    bridge.put("brmh.stream-bridge.quiet-shard-pause", "50ms");
    bridge.put("brmh.stream-bridge.lease", LEASE.toSeconds() + "s");
    bridge.put("brmh.cache-worker.enabled", "false");

    AtomicBoolean writing = new AtomicBoolean(true);
    CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> write(table, writing));
    List<BigInteger> positions = new ArrayList<>();
    try (ServiceProcess first = ServiceProcess.start(BRIDGE_JAR, bridge, FIRST_LOG);
        ServiceProcess second = startSecondWhenTheFirstReads(bridge, arn, positions)) {
      String firstOwner = owner(arn);
      first.freeze();
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  positions.add(position(arn));
                  String owner = owner(arn);
                  return owner != null && !owner.equals(firstOwner);
                });
        samplePositions(arn, positions, LEASE.multipliedBy(2)); // the other instance reads on
      } finally {
        first.resume();
      }
      // The first goes on: it must take each shard again before it reads (the shares may move the
      // shard back to it, since the bridges follow other tests' tables too), never write from
      // where it stopped.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                positions.add(position(arn));
                return Files.readString(FIRST_LOG).contains(StreamBridge.LAPSED);
              });
      samplePositions(arn, positions, LEASE.multipliedBy(3));
      writing.set(false);
      int written = writer.get();
      Map<String, String> expected = Contents.table(dynamo, table);
      assertThat(expected).hasSize(written);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> assertThat(Contents.cache(redis, keys)).isEqualTo(expected));
    }
    assertThat(positions.stream().filter(position -> position != null).toList())
        .as("the checkpoint only ever moves forward")
        .isSorted();
  }

  /**
   * Starts the second instance once the first reads the shard, noting the checkpoint as it goes.
   */
  private ServiceProcess startSecondWhenTheFirstReads(
      Map<String, String> bridge, String arn, List<BigInteger> positions) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              positions.add(position(arn));
              return owner(arn) != null && position(arn) != null;
            });
    return ServiceProcess.start(BRIDGE_JAR, bridge, Path.of("target", "bridge-frozen-second.log"));
  }

  /** Notes the shard's checkpoint every 100 ms for {@code window}. */
  private void samplePositions(String arn, List<BigInteger> positions, Duration window) {
    await()
        .during(window)
        .atMost(window.plusSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              positions.add(position(arn));
              return true;
            });
  }

  /** Inserts items one by one until told to stop. @return how many */
  private int write(String table, AtomicBoolean writing) {
    int n = 0;
    while (writing.get() || n < 100) {
      String id = "item-" + n++;
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(Map.of("id", AttributeValue.fromS(id), "n", AttributeValue.fromN("1"))));
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return n;
  }

  private Map<String, AttributeValue> shardItem(String arn) {
    List<Map<String, AttributeValue>> items =
        dynamo
            .query(
                b ->
                    b.tableName(checkpoints.name())
                        .consistentRead(true)
                        .keyConditionExpression("#arn = :arn")
                        .expressionAttributeNames(Map.of("#arn", StreamCheckpointsTable.STREAM_ARN))
                        .expressionAttributeValues(Map.of(":arn", AttributeValue.fromS(arn))))
            .items();
    return items.isEmpty() ? Map.of() : items.get(0);
  }

  private String owner(String arn) {
    AttributeValue owner = shardItem(arn).get(StreamCheckpointsTable.OWNER);
    return owner == null ? null : owner.s();
  }

  private BigInteger position(String arn) {
    AttributeValue sequence = shardItem(arn).get(StreamCheckpointsTable.SEQUENCE_NUMBER);
    return sequence == null ? null : new BigInteger(sequence.s());
  }

  private CacheKeys configure(String table) {
    String project = "f" + UUID.randomUUID().toString().substring(0, 6);
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
    return new CacheKeys(project, table);
  }
}
