package io.brmh.contracts;

import java.util.Objects;

/**
 * One BRMH message: its CloudEvents attributes and its payload record.
 *
 * @param <T> the payload record, fixed by {@code attributes.type().payloadType()}
 */
public record Envelope<T>(EnvelopeAttributes attributes, T payload) {
  public Envelope {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(payload, "payload");
    if (!attributes.type().payloadType().isInstance(payload)) {
      throw new IllegalArgumentException(attributes.type().wireName() + " carries "
          + attributes.type().payloadType().getSimpleName() + ", not " + payload.getClass().getSimpleName());
    }
  }

  /** The Kafka record key: messages with the same key stay in order. */
  public String key() {
    return switch (attributes.type().topic()) {
      case JOB_EVENTS -> Objects.requireNonNull(attributes.jobId(), "job events are keyed by job id");
      default -> attributes.subject();
    };
  }
}
