package io.brmh.platform.kafka;

import io.brmh.contracts.Envelope;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes BRMH messages to their topics. The returned future completes when Kafka acknowledged
 * the record ({@code acks=all}, idempotent producer): only then may a caller tell a client that its
 * request was accepted.
 */
@Singleton
public class EventPublisher {
  private final Producer<String, byte[]> producer;
  private final EnvelopeRecords records;

  public EventPublisher(
      @KafkaClient("brmh-events") Producer<String, byte[]> producer, EnvelopeRecords records) {
    this.producer = producer;
    this.records = records;
  }

  public CompletableFuture<RecordMetadata> publish(Envelope<?> envelope) {
    return publishRecord(records.toRecord(envelope));
  }

  /**
   * Publishes a record made by {@link EnvelopeRecords#toRecord} earlier (kept to be sent again).
   */
  public CompletableFuture<RecordMetadata> publishRecord(ProducerRecord<String, byte[]> record) {
    CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
    producer.send(
        record,
        (metadata, error) -> {
          if (error != null) {
            acknowledged.completeExceptionally(error);
          } else {
            acknowledged.complete(metadata);
          }
        });
    return acknowledged;
  }
}
