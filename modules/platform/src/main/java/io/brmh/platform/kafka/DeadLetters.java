package io.brmh.platform.kafka;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a record that cannot be processed to {@code <topic>.dlq}, unchanged, with the reason and
 * its origin in headers, so that ops can inspect and redrive it. Returns once Kafka has it, so the
 * caller may then commit past the record.
 */
@Singleton
public class DeadLetters {
  public static final String ERROR_CLASS = "brmh_dlq_error_class";
  public static final String ERROR_MESSAGE = "brmh_dlq_error_message";
  public static final String SOURCE_TOPIC = "brmh_dlq_source_topic";
  public static final String SOURCE_PARTITION = "brmh_dlq_source_partition";
  public static final String SOURCE_OFFSET = "brmh_dlq_source_offset";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
  private static final String DLQ_SUFFIX = ".dlq";

  private final Producer<String, byte[]> producer;

  public DeadLetters(@KafkaClient("brmh-events") Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  public void deadLetter(ConsumerRecord<String, byte[]> record, Throwable error) {
    var letter = new ProducerRecord<>(record.topic() + DLQ_SUFFIX, record.key(), record.value());
    record.headers().forEach(header -> letter.headers().add(header));
    letter.headers().add(ERROR_CLASS, bytes(error.getClass().getName()));
    letter.headers().add(ERROR_MESSAGE, bytes(String.valueOf(error.getMessage())));
    letter.headers().add(SOURCE_TOPIC, bytes(record.topic()));
    letter.headers().add(SOURCE_PARTITION, bytes(Integer.toString(record.partition())));
    letter.headers().add(SOURCE_OFFSET, bytes(Long.toString(record.offset())));
    try {
      producer.send(letter).get();
      LOG.warn(
          "Dead-lettered {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          error.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Kafka did not take the dead letter of " + record.topic() + "@" + record.offset(),
          e.getCause());
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
