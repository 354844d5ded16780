package io.brmh.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.Topic;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.contracts.table.TableItemChanged.Operation;
import io.brmh.contracts.table.TableItemChanged.Origin;
import io.brmh.devstack.SharedDevstack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventPublisherIT implements TestPropertyProvider {
  @Inject EventPublisher publisher;
  @Inject EnvelopeRecords records;

  @Override
  public Map<String, String> getProperties() {
    return SharedDevstack.applicationProperties();
  }

  @Test
  void changeEventIsReadBackWithItsHeadersAndPayloadIntact() throws Exception {
    String table = "orders-" + UUID.randomUUID();
    var change =
        new TableItemChanged(
            Operation.MODIFY,
            Map.of("id", "o-1"),
            Map.of("id", "o-1", "total", 10),
            Map.of("id", "o-1", "total", 12),
            new TableItemChanged.Source(
                table,
                Origin.STREAM,
                "arn:stream",
                "shardId-0001",
                "000123",
                Instant.parse("2026-11-23T10:00:00Z")));
    var attributes =
        EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table)
            .withTraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    Envelope<TableItemChanged> sent = new Envelope<>(attributes, change);

    RecordMetadata metadata = publisher.publish(sent).get();

    ConsumerRecord<String, byte[]> received = readBack(metadata);
    assertThat(received.key()).isEqualTo(table);
    Envelope<?> readBack = records.fromRecord(received);
    assertThat(readBack.attributes()).isEqualTo(attributes);
    assertThat(readBack.payload()).isEqualTo(change);
  }

  @Test
  void recordsOfOneTableLandInOnePartition() throws Exception {
    String table = "orders-" + UUID.randomUUID();
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      var change =
          new TableItemChanged(
              Operation.INSERT,
              Map.of("id", "o-" + i),
              null,
              Map.of("id", "o-" + i),
              new TableItemChanged.Source(table, Origin.API, null, null, null, null));
      partitions.add(
          publisher
              .publish(
                  new Envelope<>(
                      EnvelopeAttributes.create(
                          MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table),
                      change))
              .get()
              .partition());
    }
    assertThat(partitions).containsOnly(partitions.get(0));
  }

  private ConsumerRecord<String, byte[]> readBack(RecordMetadata metadata) {
    var config =
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedDevstack.endpoints().kafkaBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "publisher-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      var partition =
          new org.apache.kafka.common.TopicPartition(
              Topic.TABLE_LOG.topicName(), metadata.partition());
      consumer.assign(List.of(partition));
      consumer.seek(partition, metadata.offset());
      List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(polled::add);
                return !polled.isEmpty();
              });
      return polled.get(0);
    }
  }
}
