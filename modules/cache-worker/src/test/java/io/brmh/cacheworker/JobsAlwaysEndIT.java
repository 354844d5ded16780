package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.Topic;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobOutbox;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.testing.CacheMatchesTable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every job ends, and its end is heard: a job whose command never reached Kafka (the process died
 * between accepting it and publishing) is sent again from the outbox and runs; a command delivered
 * again after its job ended (as when the end event's first publish failed) announces the end again.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsAlwaysEndIT implements TestPropertyProvider {
  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject JobOutbox outbox;
  @Inject EventPublisher publisher;
  @Inject EnvelopeRecords records;
  @Inject CacheConfigRepository configs;

  private CacheWorkerFixture fixture;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.jobs.outbox-grace", "1s");
    properties.put("brmh.jobs.outbox-interval", "500ms");
    return properties;
  }

  @BeforeAll
  void setUp() {
    fixture = new CacheWorkerFixture(jobs, publisher, configs);
  }

  @Test
  void aJobWhoseCommandNeverReachedKafkaIsSentAgainAndEnds() {
    TestTable table = new TestTable(dynamo);
    table.putAll(100, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    String id = UUID.randomUUID().toString();
    var command =
        new Envelope<>(
            EnvelopeAttributes.create(MessageType.CACHE_TABLE_REQUESTED, "/brmh/test", table.name)
                .withJobId(id),
            new CacheTableRequested(id, keys.project(), table.name, 1, null, "tester"));
    // What a gateway leaves that died after accepting the job and before publishing its command:
    outbox.put(id, records.toRecord(command));
    Job accepted =
        jobs.accept(id, "cache.table", CacheJobSubject.of(keys.project(), table.name), "tester");

    fixture.awaitSuccess(accepted, Duration.ofSeconds(30));
    assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty();
  }

  @Test
  void aCommandDeliveredAgainAfterItsJobEndedAnnouncesTheEndAgain() {
    TestTable table = new TestTable(dynamo);
    table.putAll(20, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    Job ended = fixture.bulkLoad(table, keys, 1, null);

    try (KafkaConsumer<String, byte[]> events = jobEventsFromNow()) {
      // The job ended in the jobs table; whether its end event reached Kafka, the worker cannot
      // know.
      publisher
          .publish(
              new Envelope<>(
                  EnvelopeAttributes.create(
                          MessageType.CACHE_TABLE_REQUESTED, "/brmh/test", table.name)
                      .withJobId(ended.id()),
                  new CacheTableRequested(
                      ended.id(), keys.project(), table.name, 1, null, "tester")))
          .join();

      AtomicBoolean heard = new AtomicBoolean();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                events
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record ->
                            heard.compareAndSet(
                                false,
                                ended.id().equals(record.key())
                                    && "brmh.job.succeeded.v1"
                                        .equals(
                                            new String(
                                                record.headers().lastHeader("ce_type").value(),
                                                StandardCharsets.UTF_8))));
                return heard.get();
              });
    }
    assertThat(jobs.find(ended.id()).orElseThrow().result()).isEqualTo(ended.result());
  }

  private static KafkaConsumer<String, byte[]> jobEventsFromNow() {
    var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedDevstack.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "jobs-it-" + UUID.randomUUID()),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topic.JOB_EVENTS.topicName()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // the end is fixed now, before the command goes out
    return consumer;
  }
}
