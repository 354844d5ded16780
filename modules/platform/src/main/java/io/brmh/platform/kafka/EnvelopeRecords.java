package io.brmh.platform.kafka;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.platform.json.ExactJson;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Maps BRMH envelopes to Kafka records and back: CloudEvents attributes as headers (binary content
 * mode), the payload record as JSON. Payloads are read through {@link ExactJson}, so the numbers in
 * an item image keep every digit on their way through Kafka.
 */
@Singleton
public class EnvelopeRecords {
  private final JsonMapper json;

  public EnvelopeRecords(JsonMapper json) {
    this.json = json;
  }

  /** The record that carries {@code envelope} on its type's topic, keyed for ordering. */
  public ProducerRecord<String, byte[]> toRecord(Envelope<?> envelope) {
    EnvelopeAttributes attributes = envelope.attributes();
    var record =
        new ProducerRecord<>(
            attributes.type().topic().topicName(),
            envelope.key(),
            writePayload(envelope.payload()));
    attributes
        .toHeaders()
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /**
   * Reads a record back into an envelope.
   *
   * @throws io.brmh.contracts.MalformedEnvelopeException when a header is missing or invalid
   * @throws UncheckedIOException when the payload is not the JSON its type requires
   */
  public Envelope<?> fromRecord(ConsumerRecord<String, byte[]> record) {
    EnvelopeAttributes attributes = EnvelopeAttributes.fromHeaders(headerValues(record.headers()));
    try {
      if (record.value() == null) {
        throw new IOException("no payload");
      }
      Object payload =
          json.readValueFromTree(
              ExactJson.readTree(record.value()), attributes.type().payloadType());
      return new Envelope<>(attributes, payload);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "payload of " + attributes.type().wireName() + " " + attributes.id() + " is not valid",
          e);
    }
  }

  private byte[] writePayload(Object payload) {
    try {
      return json.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize " + payload.getClass().getSimpleName(), e);
    }
  }

  private static Map<String, String> headerValues(Headers headers) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Header header : headers) {
      if (header.value() != null) {
        values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
