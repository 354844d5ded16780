package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.JsJson;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The cache equals the table after bulk loads and after changes, for both strategies. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkAndChangesIT implements TestPropertyProvider {
  private static final int ITEMS = 2_500; // three scan pages

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;
  @Inject JsonMapper json;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache.config-refresh", "0s");
    return properties;
  }

  @Test
  void bulkLoadCachesEveryItemUnderItsOwnKeyWithItsTtl() {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = configure(table, 1, 3600);

    Job job = bulkLoad(table, keys, 1, 3600L);

    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
    assertThat(redis.getBucket(keys.item("item-00042"), StringCodec.INSTANCE).remainTimeToLive()).isBetween(3_500_000L, 3_600_000L);
    assertThat(job.result()).containsEntry("totalRecords", ITEMS).containsEntry("successfulWrites", ITEMS)
        .containsEntry("skippedDuplicates", 0).containsEntry("fillRate", "100.00%");
  }

  @Test
  void rerunRefreshesChangedItemsSkipsIdenticalOnesAndDropsDeletedOnes() {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = configure(table, 1, 0);
    bulkLoad(table, keys, 1, 0L);
    for (int i = 0; i < 100; i++) {
      table.put(TestTable.item(String.format("item-%05d", i), 2));
    }
    for (int i = 100; i < 110; i++) {
      table.delete(String.format("item-%05d", i));
    }

    Job rerun = bulkLoad(table, keys, 1, 0L);

    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
    assertThat(redis.getBucket(keys.item("item-00105")).isExists()).isFalse();
    assertThat(rerun.result()).containsEntry("successfulWrites", 100).containsEntry("skippedDuplicates", ITEMS - 110);
  }

  @Test
  void chunkModeHoldsEveryItemOnceInChunksWithoutGaps() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = configure(table, 100, 600);

    Job job = bulkLoad(table, keys, 100, 600L);

    List<String> chunks = CacheContents.chunks(redis, keys);
    assertThat(chunks).hasSize(25);
    assertThat(itemsOfChunks(chunks)).containsExactlyInAnyOrderElementsOf(CacheContents.expectedItems(table).values());
    assertThat(redis.getBucket(keys.chunk(24), StringCodec.INSTANCE).remainTimeToLive()).isPositive();
    assertThat(job.result()).containsEntry("attemptedKeys", 25).containsEntry("totalRecords", ITEMS);
  }

  @Test
  void changesAppliedInOrderLeaveTheCacheEqualToTheTableInBothStrategies() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(300, 1);
    CacheKeys itemKeys = configure(table, 1, 0);
    CacheKeys chunkKeys = configure(table, 7, 0);
    bulkLoad(table, itemKeys, 1, 0L);
    bulkLoad(table, chunkKeys, 7, 0L);

    List<TableItemChanged> changes = new ArrayList<>();
    for (int i = 0; i < 300; i += 3) {
      String id = String.format("item-%05d", i);
      Map<String, AttributeValue> before = TestTable.item(id, 1);
      Map<String, AttributeValue> after = TestTable.item(id, 5);
      table.put(after);
      changes.add(change(table, TableItemChanged.Operation.MODIFY, before, after));
    }
    for (int i = 1; i < 300; i += 10) {
      String id = String.format("item-%05d", i);
      table.delete(id);
      changes.add(change(table, TableItemChanged.Operation.REMOVE, TestTable.item(id, 1), null));
    }
    for (int i = 0; i < 40; i++) {
      Map<String, AttributeValue> fresh = TestTable.item("new-" + i, 9);
      table.put(fresh);
      changes.add(change(table, TableItemChanged.Operation.INSERT, null, fresh));
    }
    for (TableItemChanged change : changes) {
      publisher.publish(new Envelope<>(EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name), change)).get();
    }

    Map<String, String> expected = CacheContents.expectedItems(table);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(CacheContents.items(redis, itemKeys)).isEqualTo(expected);
      assertThat(itemsOfChunks(CacheContents.chunks(redis, chunkKeys))).containsExactlyInAnyOrderElementsOf(expected.values());
    });
  }

  /** The bulk load gives 1 h, the configuration 2 h: a changed key keeps its 1 h, a new key gets 2 h. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3})
  void changedKeysKeepTheirTimeToLiveAndNewKeysGetTheConfiguredOne(int itemsPerKey) {
    TestTable table = new TestTable(dynamo);
    table.putAll(3, 1);
    CacheKeys keys = configure(table, itemsPerKey, 7200);
    bulkLoad(table, keys, itemsPerKey, 3600L);

    table.put(TestTable.item("item-00001", 2));
    publishChange(table, TableItemChanged.Operation.MODIFY, TestTable.item("item-00001", 1), TestTable.item("item-00001", 2));
    table.put(TestTable.item("fresh", 2));
    publishChange(table, TableItemChanged.Operation.INSERT, null, TestTable.item("fresh", 2));

    String changedKey = itemsPerKey == 1 ? keys.item("item-00001") : keys.chunk(0);
    String newKey = itemsPerKey == 1 ? keys.item("fresh") : keys.chunk(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> redis.getBucket(newKey, StringCodec.INSTANCE).isExists());
    await().atMost(Duration.ofSeconds(30)).until(() ->
        redis.<String>getBucket(changedKey, StringCodec.INSTANCE).get().contains("\"id\":\"item-00001\",\"price\":2.5"));
    assertThat(redis.getBucket(changedKey, StringCodec.INSTANCE).remainTimeToLive()).isBetween(3_500_000L, 3_600_000L);
    assertThat(redis.getBucket(newKey, StringCodec.INSTANCE).remainTimeToLive()).isBetween(7_100_000L, 7_200_000L);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 100})
  void thousandConcurrentChangesDuringABulkLoadEndEqualToTheTable(int itemsPerKey) throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = configure(table, itemsPerKey, 900);
    Job job = startBulkLoad(table, keys, itemsPerKey, 900L);

    // Eight writers, each owning its own items, so that per item the table and the log agree on order.
    var writers = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int writer = 0; writer < 8; writer++) {
      int w = writer;
      done.add(writers.submit(() -> {
        for (int n = 0; n < 125; n++) {
          int slot = w * 300 + n;
          String id = String.format("item-%05d", slot);
          switch (n % 3) {
            case 0 -> { // modify
              table.put(TestTable.item(id, 7));
              publishChange(table, TableItemChanged.Operation.MODIFY, TestTable.item(id, 1), TestTable.item(id, 7));
            }
            case 1 -> { // remove
              table.delete(id);
              publishChange(table, TableItemChanged.Operation.REMOVE, TestTable.item(id, 1), null);
            }
            default -> { // insert a new item
              String fresh = "new-" + w + "-" + n;
              table.put(TestTable.item(fresh, 3));
              publishChange(table, TableItemChanged.Operation.INSERT, null, TestTable.item(fresh, 3));
            }
          }
        }
        return null;
      }));
    }
    for (var future : done) {
      future.get();
    }
    writers.shutdown();
    awaitSuccess(job);

    Map<String, String> expected = CacheContents.expectedItems(table);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      if (itemsPerKey == 1) {
        assertThat(CacheContents.items(redis, keys)).isEqualTo(expected);
      } else {
        assertThat(itemsOfChunks(CacheContents.chunks(redis, keys))).containsExactlyInAnyOrderElementsOf(expected.values());
      }
    });
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicAndTheTableGoesOn() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(10, 1);
    CacheKeys keys = configure(table, 1, 0);
    bulkLoad(table, keys, 1, 0L);
    String bootstrap = SharedDevstack.endpoints().kafkaBootstrapServers();
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      var unreadable = new org.apache.kafka.clients.producer.ProducerRecord<>(io.brmh.contracts.Topic.TABLE_LOG.topicName(), table.name,
          "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name).toHeaders()
          .forEach((name, value) -> unreadable.headers().add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      producer.send(unreadable).get();
    }
    Map<String, Object> noId = new HashMap<>(Map.of("name", "nameless"));
    publisher.publish(new Envelope<>(EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name),
        new TableItemChanged(TableItemChanged.Operation.INSERT, Map.of("tenant", "t1", "sku", "x"), null, noId,
            new TableItemChanged.Source(table.name, TableItemChanged.Origin.API, null, null, null, null)))).join();
    table.put(TestTable.item("after-poison", 4));
    publishChange(table, TableItemChanged.Operation.INSERT, null, TestTable.item("after-poison", 4));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table)));
    List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> letters = deadLetters(bootstrap, table.name, 2);
    assertThat(letters).allSatisfy(letter -> {
      assertThat(letter.headers().lastHeader("brmh_dlq_error_class")).isNotNull();
      assertThat(new String(letter.headers().lastHeader("brmh_dlq_source_topic").value(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("brmh.table-log");
    });
  }

  private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> deadLetters(String bootstrap, String table, int expected) {
    var config = Map.<String, Object>of("bootstrap.servers", bootstrap, "group.id", "dlq-it-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
        new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(io.brmh.contracts.Topic.TABLE_LOG.deadLetterTopicName()));
      List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          if (table.equals(record.key())) {
            found.add(record);
          }
        });
        return found.size() >= expected;
      });
      return found;
    }
  }

  /**
   * A stream change delivered again (the bridge replays what followed its checkpoint after a crash)
   * is left out, by its shard's sequence numbers: the cache never goes back to an older value.
   */
  @Test
  void streamChangesDeliveredAgainAreLeftOut() {
    TestTable table = new TestTable(dynamo);
    CacheKeys keys = configure(table, 1, 0);
    Map<String, AttributeValue> first = TestTable.item("x", 1);
    Map<String, AttributeValue> second = TestTable.item("x", 2);
    publishStreamChange(table, TableItemChanged.Operation.INSERT, first, "shard-a", "100");
    publishStreamChange(table, TableItemChanged.Operation.MODIFY, second, "shard-a", "101");
    publishStreamChange(table, TableItemChanged.Operation.INSERT, first, "shard-a", "100");
    publishStreamChange(table, TableItemChanged.Operation.INSERT, TestTable.item("y", 1), "shard-b", "7"); // its own numbers
    publishStreamChange(table, TableItemChanged.Operation.INSERT, TestTable.item("last", 1), "shard-a", "102");
    table.put(second);
    table.put(TestTable.item("y", 1));
    table.put(TestTable.item("last", 1));

    await().atMost(Duration.ofSeconds(30)).until(() -> CacheContents.items(redis, keys).containsKey("last"));
    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
  }

  private void publishStreamChange(TestTable table, TableItemChanged.Operation op, Map<String, AttributeValue> after, String shard,
      String sequenceNumber) {
    TableItemChanged change = new TableItemChanged(op, Map.of("id", after.get("id").s()), null, PlainValues.fromItem(after),
        new TableItemChanged.Source(table.name, TableItemChanged.Origin.STREAM, "arn:test-stream", shard, sequenceNumber, null));
    publisher.publish(new Envelope<>(EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name), change)).join();
  }

  private void publishChange(TestTable table, TableItemChanged.Operation op, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    publisher.publish(new Envelope<>(EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name),
        change(table, op, before, after))).join();
  }

  private CacheKeys configure(TestTable table, int itemsPerKey, long ttl) {
    String project = "p" + UUID.randomUUID().toString().substring(0, 6);
    String now = Instant.now().toString();
    configs.save(new CacheConfig(UUID.randomUUID().toString(), table.name, project, itemsPerKey, ttl, CacheConfig.ACTIVE, null, null, now, now));
    return new CacheKeys(project, table.name);
  }

  private Job bulkLoad(TestTable table, CacheKeys keys, int recordsPerKey, Long ttl) {
    return awaitSuccess(startBulkLoad(table, keys, recordsPerKey, ttl));
  }

  private Job startBulkLoad(TestTable table, CacheKeys keys, int recordsPerKey, Long ttl) {
    Job job = jobs.accept("cache.table", "cache:" + keys.project() + ":" + table.name, "tester");
    var request = new CacheTableRequested(job.id(), keys.project(), table.name, recordsPerKey, ttl, "tester");
    publisher.publish(new Envelope<>(EnvelopeAttributes.create(MessageType.CACHE_TABLE_REQUESTED, "/brmh/test", table.name)
        .withJobId(job.id()), request)).join();
    return job;
  }

  private Job awaitSuccess(Job job) {
    await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(job.id()).orElseThrow().status().isTerminal());
    Job ended = jobs.find(job.id()).orElseThrow();
    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    return ended;
  }

  private static TableItemChanged change(TestTable table, TableItemChanged.Operation op, Map<String, AttributeValue> before,
      Map<String, AttributeValue> after) {
    Map<String, AttributeValue> image = after != null ? after : before;
    return new TableItemChanged(op, Map.of("id", image.get("id").s()),
        before == null ? null : PlainValues.fromItem(before), after == null ? null : PlainValues.fromItem(after),
        new TableItemChanged.Source(table.name, TableItemChanged.Origin.API, null, null, null, null));
  }

  @SuppressWarnings("unchecked")
  private List<String> itemsOfChunks(List<String> chunks) throws java.io.IOException {
    List<String> items = new ArrayList<>();
    for (String chunk : chunks) {
      for (Object item : json.readValue(chunk, Argument.listOf(Object.class))) {
        items.add(JsJson.write(PlainValues.normalize(item)));
      }
    }
    return items;
  }
}
