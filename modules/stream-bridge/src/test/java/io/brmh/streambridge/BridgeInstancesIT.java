package io.brmh.streambridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Topic;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.streams.StreamCheckpointsTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two bridge instances share the shards through leases, hand them over when one stops, and never
 * both read one.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeInstancesIT implements TestPropertyProvider {
  private static final int TABLES = 4;

  @Inject DynamoDbClient dynamo;
  @Inject CacheConfigRepository configs;
  @Inject StreamCheckpointsTable checkpointsTable;
  @Inject EnvelopeRecords records;
  @Inject BridgeInstances self;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put(
        "brmh.cache-worker.enabled", "false"); // the bridge's events are what is checked here
    properties.put("brmh.stream-bridge.follow-refresh", "200ms");
    properties.put("brmh.stream-bridge.idle-pause", "50ms");
    properties.put("brmh.stream-bridge.lease", "3s");
    return properties;
  }

  @Test
  void aSecondInstanceTakesItsShareAndHandsItBackWhenItStops() {
    List<String> tables = new ArrayList<>();
    for (int t = 0; t < TABLES; t++) {
      tables.add(streamedTable());
    }
    write(tables, 0, 50);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> owners(tables).size() == TABLES && Set.copyOf(owners().values()).size() == 1);

    Map<String, Object> second = new HashMap<>(getProperties());
    try (ApplicationContext other = ApplicationContext.run(second)) {
      // Other tests' tables may be followed too: the shares are over every shard.
      Set<String> both = Set.of(self.self(), other.getBean(BridgeInstances.class).self());
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                Map<String, Long> byOwner = countByOwner(owners());
                byOwner.keySet().retainAll(both);
                List<Long> shares = List.copyOf(byOwner.values());
                assertThat(shares).as("shards per instance").hasSize(2);
                assertThat(Math.abs(shares.get(0) - shares.get(1)))
                    .as("difference between the shares %s", shares)
                    .isLessThanOrEqualTo(1);
              });
      write(tables, 50, 100);
      awaitAllInLog(tables, 100);
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> owners(tables).size() == TABLES && Set.copyOf(owners().values()).size() == 1);
    write(tables, 100, 150);
    assertHeartbeatsExpire();

    Map<String, List<String>> sequences = awaitAllInLog(tables, 150);
    sequences.forEach(
        (table, numbers) ->
            assertThat(numbers)
                .as("sequence numbers of %s read once", table)
                .doesNotHaveDuplicates());
  }

  /** Heartbeats of instances that died without leaving are deleted by DynamoDB's time to live. */
  private void assertHeartbeatsExpire() {
    assertThat(
            dynamo
                .describeTimeToLive(b -> b.tableName(checkpointsTable.name()))
                .timeToLiveDescription()
                .attributeName())
        .isEqualTo(StreamCheckpointsTable.EXPIRES_AT);
    List<Map<String, AttributeValue>> heartbeats =
        dynamo
            .query(
                b ->
                    b.tableName(checkpointsTable.name())
                        .consistentRead(true)
                        .keyConditionExpression("streamArn = :instances")
                        .expressionAttributeValues(
                            Map.of(
                                ":instances",
                                AttributeValue.fromS(StreamCheckpointsTable.INSTANCES))))
            .items();
    assertThat(heartbeats)
        .isNotEmpty()
        .allSatisfy(
            heartbeat ->
                assertThat(Long.parseLong(heartbeat.get(StreamCheckpointsTable.EXPIRES_AT).n()))
                    .isGreaterThan(System.currentTimeMillis() / 1000));
  }

  private String streamedTable() {
    String table = Contents.newStreamedTable(dynamo, "shared-");
    String now = Instant.now().toString();
    configs.save(
        new CacheConfig(
            UUID.randomUUID().toString(),
            table,
            "p" + UUID.randomUUID().toString().substring(0, 6),
            1,
            0,
            CacheConfig.ACTIVE,
            null,
            null,
            now,
            now));
    return table;
  }

  private void write(List<String> tables, int from, int to) {
    for (String table : tables) {
      for (int i = from; i < to; i++) {
        String id = "item-" + i;
        dynamo.putItem(
            b ->
                b.tableName(table)
                    .item(Map.of("id", AttributeValue.fromS(id), "n", AttributeValue.fromN("1"))));
      }
    }
  }

  /** The holder of each live shard lease of these tables, by stream ARN and shard. */
  private Map<String, String> owners(List<String> tables) {
    Map<String, String> owners = new HashMap<>(owners());
    List<String> arns =
        tables.stream()
            .map(table -> dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn())
            .toList();
    owners.keySet().removeIf(shard -> arns.stream().noneMatch(arn -> shard.startsWith(arn + "/")));
    return owners;
  }

  /**
   * The holder of every held shard, by stream ARN and shard: an instance holds the shards that name
   * it while its heartbeat lives.
   */
  private Map<String, String> owners() {
    long now = System.currentTimeMillis();
    List<Map<String, AttributeValue>> items =
        dynamo
            .scanPaginator(b -> b.tableName(checkpointsTable.name()).consistentRead(true))
            .items()
            .stream()
            .toList();
    Set<String> alive = new HashSet<>();
    for (Map<String, AttributeValue> item : items) {
      if (StreamCheckpointsTable.INSTANCES.equals(item.get("streamArn").s())
          && Long.parseLong(item.get(StreamCheckpointsTable.LEASE_UNTIL).n()) > now) {
        alive.add(item.get("shardId").s());
      }
    }
    Map<String, String> owners = new HashMap<>();
    for (Map<String, AttributeValue> item : items) {
      if (item.containsKey("owner") && alive.contains(item.get("owner").s())) {
        owners.put(
            item.get("streamArn").s() + "/" + item.get("shardId").s(), item.get("owner").s());
      }
    }
    return owners;
  }

  private static Map<String, Long> countByOwner(Map<String, String> owners) {
    Map<String, Long> counts = new HashMap<>();
    owners.values().forEach(owner -> counts.merge(owner, 1L, Long::sum));
    return counts;
  }

  /**
   * Reads the table log until every table has its {@code inserts} changes; @return the sequence
   * numbers per table, as logged
   */
  private Map<String, List<String>> awaitAllInLog(List<String> tables, int inserts) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            SharedDevstack.endpoints().kafkaBootstrapServers(),
            "group.id",
            "bridge-it-" + UUID.randomUUID(),
            "auto.offset.reset",
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topic.TABLE_LOG.topicName()));
      Map<String, List<String>> sequences = new HashMap<>();
      Set<String> wanted = new HashSet<>(tables);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (wanted.contains(record.key())
                              && records.fromRecord(record).payload()
                                  instanceof TableItemChanged change) {
                            sequences
                                .computeIfAbsent(record.key(), key -> new ArrayList<>())
                                .add(change.source().sequenceNumber());
                          }
                        });
                return tables.stream()
                    .allMatch(table -> sequences.getOrDefault(table, List.of()).size() >= inserts);
              });
      return sequences;
    }
  }
}
