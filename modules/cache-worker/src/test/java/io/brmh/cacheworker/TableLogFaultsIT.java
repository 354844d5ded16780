package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.Topic;
import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.RedisControl;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.health.DependencyHealth;
import io.brmh.platform.health.Readiness;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.testing.CacheMatchesTable;
import io.brmh.platform.testing.IndexedItems;
import io.brmh.platform.testing.TopicRecords;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cache worker under faults injected from outside its process: records that can never be
 * handled, Redis frozen for a minute, Redis full during a re-load, a command delivered again. Each
 * ends with the cache equal to the table and every job ended.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableLogFaultsIT implements TestPropertyProvider {
  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;

  @Inject
  @Client("/")
  HttpClient http;

  private CacheWorkerFixture fixture;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache-worker.max-retry-backoff", "2s");
    return properties;
  }

  @BeforeAll
  void setUp() {
    fixture = new CacheWorkerFixture(jobs, publisher, configs);
  }

  @Test
  void recordsThatCanNeverBeHandledAreDeadLetteredAndTheTableGoesOn()
      throws Exception { // no payload, unknown type, not JSON, no item id
    TestTable table = new TestTable(dynamo);
    CacheKeys keys = fixture.configure(table, 1, 0);
    Map<String, String> changeHeaders =
        EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name)
            .toHeaders();
    Map<String, String> unknownType = new HashMap<>(changeHeaders);
    unknownType.put("ce_type", "brmh.table.item-teleported.v1");
    try (KafkaProducer<String, byte[]> producer = rawProducer()) {
      send(producer, table.name, changeHeaders, null);
      send(producer, table.name, unknownType, "{}".getBytes(StandardCharsets.UTF_8));
      send(producer, table.name, changeHeaders, "{\"op\":".getBytes(StandardCharsets.UTF_8));
    }
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name),
                new TableItemChanged(
                    TableItemChanged.Operation.INSERT,
                    Map.of("tenant", "t1", "sku", "x"),
                    null,
                    Map.of("name", "no id"),
                    new TableItemChanged.Source(
                        table.name, TableItemChanged.Origin.API, null, null, null, null))))
        .join();
    Map<String, AttributeValue> behind = TestTable.item("behind-the-poison", 1);
    table.put(behind);
    fixture.publishChange(table, TableItemChanged.Operation.INSERT, null, behind);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> redis.getBucket(keys.item("behind-the-poison")).isExists());
    List<ConsumerRecord<String, byte[]>> letters = deadLetters(table.name, 4);
    assertThat(letters)
        .extracting(letter -> TopicRecords.header(letter, DeadLetters.SOURCE_TOPIC))
        .containsOnly(Topic.TABLE_LOG.topicName());
    assertThat(letters)
        .extracting(letter -> TopicRecords.header(letter, DeadLetters.ERROR_MESSAGE))
        .allSatisfy(message -> assertThat(message).isNotBlank());
    assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty();
  }

  @Test
  void aCommandThatCanNeverBeDoneIsDeadLetteredAndFailsItsJob() throws Exception {
    TestTable table = new TestTable(dynamo);
    Job job = jobs.accept("cache.table", "cache:broken:" + table.name, "tester");
    Map<String, String> headers =
        EnvelopeAttributes.create(MessageType.CACHE_TABLE_REQUESTED, "/brmh/test", table.name)
            .withJobId(job.id())
            .toHeaders();
    try (KafkaProducer<String, byte[]> producer = rawProducer()) {
      send(producer, table.name, headers, "{\"jobId\":".getBytes(StandardCharsets.UTF_8));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> jobs.find(job.id()).orElseThrow().status().isTerminal());
    assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    assertThat(deadLetters(table.name, 1)).hasSize(1);
  }

  @Test
  void redisFrozenForAMinuteWhileChangesFlowLosesNothingAndDeadLettersNothing() {
    TestTable table = new TestTable(dynamo);
    table.putAll(200, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    fixture.bulkLoad(table, keys, 1, null);
    RedisControl server = SharedDevstack.redis();
    long begin = System.nanoTime();

    assertThat(readiness().getStatus().getCode()).isEqualTo(200);
    server.pause();
    try {
      for (int i = 0; i < 300; i++) {
        String id = String.format("item-%05d", i);
        Map<String, AttributeValue> before = TestTable.item(id, 1);
        if (i % 3 == 2) {
          table.delete(id);
          fixture.publishChange(table, TableItemChanged.Operation.REMOVE, before, null);
        } else {
          Map<String, AttributeValue> after = TestTable.item(id, 2);
          table.put(after);
          fixture.publishChange(
              table,
              i < 200 ? TableItemChanged.Operation.MODIFY : TableItemChanged.Operation.INSERT,
              before,
              after);
        }
      }
      // Throughout the outage, the changes wait: none is dead-lettered.
      await()
          .during(Duration.ofSeconds(60))
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(10))
          .until(() -> deadLettersOf(table.name).isEmpty());
      HttpResponse<Readiness> down = readiness();
      assertThat(down.getStatus().getCode()).isEqualTo(503);
      assertThat(down.getBody(Readiness.class).orElseThrow().dependencies().get("redis").isUp())
          .isFalse();
    } finally {
      server.resume();
    }

    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty());
    assertThat(deadLettersOf(table.name)).isEmpty();
    await().atMost(Duration.ofSeconds(30)).until(() -> readiness().getStatus().getCode() == 200);
  }

  @Test
  void theWorkerServesItsOwnHealthRoutesAndReadinessCoversItsConsumer() {
    assertThat(http.toBlocking().exchange("/health/live").getStatus().getCode()).isEqualTo(200);
    HttpResponse<Readiness> ready = readiness();

    assertThat(ready.getStatus().getCode()).isEqualTo(200);
    DependencyHealth consumer =
        ready.getBody(Readiness.class).orElseThrow().dependencies().get("cache-worker");
    assertThat(consumer.isUp()).isTrue();
    assertThat(consumer.detail()).contains("partitions");
  }

  @SuppressWarnings("unchecked")
  private HttpResponse<Readiness> readiness() {
    try {
      return http.toBlocking().exchange("/health/ready", Readiness.class);
    } catch (HttpClientResponseException notReady) {
      return (HttpResponse<Readiness>) notReady.getResponse();
    }
  }

  @Test
  void theBrokerRestartedWhileChangesFlowLosesNothing() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(300, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    fixture.bulkLoad(table, keys, 1, null);

    CompletableFuture<Void> changes =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 300; i++) {
                String id = String.format("item-%05d", i);
                Map<String, AttributeValue> after = TestTable.item(id, 3);
                table.put(after);
                // As the bridge and the gateway do: a change counts once Kafka acknowledged it, so
                // a refused send is sent again.
                await()
                    .atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .until(() -> publishedChange(table, TestTable.item(id, 1), after));
              }
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                redis.getBucket(keys.item("item-00010")).isExists()
                    && redis
                        .<String>getBucket(keys.item("item-00010"), StringCodec.INSTANCE)
                        .get()
                        .contains("\"version\":3"));
    SharedDevstack.kafka().restart();

    changes.get(180, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty());
    await().atMost(Duration.ofSeconds(30)).until(() -> readiness().getStatus().getCode() == 200);
  }

  private boolean publishedChange(
      TestTable table, Map<String, AttributeValue> before, Map<String, AttributeValue> after)
      throws Exception {
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name),
                CacheWorkerFixture.change(table, TableItemChanged.Operation.MODIFY, before, after)))
        .get(15, TimeUnit.SECONDS);
    return true;
  }

  @Test
  void aReloadWhileRedisIsFullLeavesTheOldCacheIntactAndCompletesOnceMemoryIsRaised() {
    TestTable table = new TestTable(dynamo);
    table.putAll(2_500, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    fixture.bulkLoad(table, keys, 1, null);
    Set<String> cachedIds = IndexedItems.of(redis, keys);
    table.putAll(2_500, 2); // every key must be written again
    RedisNode node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
    long errorsBefore = errorReplies(node);
    long used = Long.parseLong(node.info(RedisNode.InfoSection.MEMORY).get("used_memory"));

    Job reload;
    node.setConfig("maxmemory", Long.toString(used + 32 * 1024));
    try {
      reload = fixture.startBulkLoad(table, keys, 1, null);
      await().atMost(Duration.ofSeconds(30)).until(() -> errorReplies(node) > errorsBefore + 5);

      assertThat(jobs.find(reload.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
      assertThat(IndexedItems.of(redis, keys)).isEqualTo(cachedIds);
      assertThat(
              redis
                  .getBuckets(StringCodec.INSTANCE)
                  .get(cachedIds.stream().map(keys::item).toArray(String[]::new)))
          .as("every item of the old cache is still readable")
          .hasSize(cachedIds.size());
    } finally {
      node.setConfig("maxmemory", "0");
    }

    Job ended = fixture.awaitSuccess(reload, Duration.ofSeconds(60));
    assertThat(ended.result())
        .containsEntry("failedWrites", 0)
        .containsEntry("fillRate", "100.00%");
    assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty();
  }

  @Test
  void anUpgradeOfTheOldIdSetThatRedisRefusedIsTriedAgainAndNeverLeavesAHalfBuiltIndex() {
    TestTable table = new TestTable(dynamo);
    table.putAll(5_000, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    CacheContents.writeWithLegacyItemSet(redis, keys, CacheContents.expectedItems(table));
    RedisNode node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
    long errorsBefore = errorReplies(node);
    long used = Long.parseLong(node.info(RedisNode.InfoSection.MEMORY).get("used_memory"));

    node.setConfig("maxmemory", Long.toString(used + 32 * 1024)); // room for part of the index only
    try {
      table.put(TestTable.item("item-00007", 2));
      fixture.publishChange(
          table,
          TableItemChanged.Operation.MODIFY,
          TestTable.item("item-00007", 1),
          TestTable.item("item-00007", 2));
      await().atMost(Duration.ofSeconds(30)).until(() -> errorReplies(node) > errorsBefore + 2);

      assertThat(IndexedItems.count(redis, keys))
          .as("nothing of a half-built index is live")
          .isZero();
      assertThat(redis.getSet(keys.legacyItemSet()).isExists()).isTrue();
    } finally {
      node.setConfig("maxmemory", "0");
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !redis.getSet(keys.legacyItemSet()).isExists());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty());
  }

  @Test
  void aLoadWithoutAnActiveConfigurationFailsAtOnceAndWritesNothing() {
    TestTable table = new TestTable(dynamo);
    table.putAll(10, 1);
    CacheKeys unconfigured =
        new CacheKeys("nocfg" + UUID.randomUUID().toString().substring(0, 6), table.name);

    Job load = fixture.startBulkLoad(table, unconfigured, 1, null);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> jobs.find(load.id()).orElseThrow().status().isTerminal());
    Job ended = jobs.find(load.id()).orElseThrow();
    assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
    assertThat(ended.error().type()).endsWith("cache-config-not-found");
    assertThat(
            redis
                .getKeys()
                .countExists(
                    unconfigured.item("item-00001"),
                    unconfigured.itemIndex(),
                    unconfigured.bulkCheckpoint()))
        .isZero();
  }

  @Test
  void aClearDeliveredAgainAfterItStartedStillClearsAndEndsItsJob() {
    TestTable table = new TestTable(dynamo);
    table.putAll(50, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    fixture.bulkLoad(table, keys, 1, null);
    Job clear =
        jobs.accept("cache.clear", CacheJobSubject.of(keys.project(), table.name), "tester");
    jobs.start(clear.id()); // as if a worker took it and died before the end

    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(
                        MessageType.CACHE_CLEAR_REQUESTED, "/brmh/test", table.name)
                    .withJobId(clear.id()),
                new CacheClearRequested(clear.id(), keys.project(), table.name, "tester")))
        .join();

    Job ended = fixture.awaitSuccess(clear, Duration.ofSeconds(30));
    assertThat(ended.result()).containsEntry("keysDeleted", 50);
    assertThat(redis.getKeys().countExists(keys.itemIndex(), keys.item("item-00001"))).isZero();
  }

  private static long errorReplies(RedisNode node) {
    return Long.parseLong(
        node.info(RedisNode.InfoSection.STATS).getOrDefault("total_error_replies", "0"));
  }

  private static KafkaProducer<String, byte[]> rawProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedDevstack.endpoints().kafkaBootstrapServers()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String key, Map<String, String> headers, byte[] value)
      throws Exception {
    var record = new ProducerRecord<>(Topic.TABLE_LOG.topicName(), key, value);
    headers.forEach(
        (name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
    producer.send(record).get();
  }

  /** Waits for at least {@code count} dead letters of this table. */
  private static List<ConsumerRecord<String, byte[]>> deadLetters(String table, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (var consumer = dlqConsumer()) {
      consumer.subscribe(List.of(Topic.TABLE_LOG.deadLetterTopicName()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (table.equals(record.key())) {
                            found.add(record);
                          }
                        });
                return found.size() >= count;
              });
    }
    return found;
  }

  /** Every dead letter of this table so far: the topic is read to its end. */
  private static List<String> deadLettersOf(String table) {
    return TopicRecords.withKeys(
            SharedDevstack.endpoints().kafkaBootstrapServers(),
            Topic.TABLE_LOG.deadLetterTopicName(),
            List.of(table))
        .stream()
        .map(record -> TopicRecords.header(record, DeadLetters.ERROR_MESSAGE))
        .toList();
  }

  private static KafkaConsumer<String, byte[]> dlqConsumer() {
    return new KafkaConsumer<>(
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedDevstack.endpoints().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "faults-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
