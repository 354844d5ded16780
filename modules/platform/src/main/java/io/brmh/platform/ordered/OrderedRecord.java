package io.brmh.platform.ordered;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.Topic;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.kafka.EnvelopeRecords;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of an ordered topic, read: a change of the table log, a command (bulk load, clear,
 * reindex, a namespace's delete...), or unreadable.
 */
public sealed interface OrderedRecord {
  ConsumerRecord<String, byte[]> record();

  record Change(ConsumerRecord<String, byte[]> record, TableItemChanged change)
      implements OrderedRecord {}

  /**
   * A request to do work in this place of the table's order: the partition waits until it is done.
   */
  record Command(ConsumerRecord<String, byte[]> record, Envelope<?> envelope)
      implements OrderedRecord {}

  /** No envelope, no payload, a type this log does not carry: it is dead-lettered. */
  record Unreadable(ConsumerRecord<String, byte[]> record, Exception cause)
      implements OrderedRecord {}

  static OrderedRecord parse(
      Topic topic, EnvelopeRecords envelopes, ConsumerRecord<String, byte[]> record) {
    Envelope<?> envelope;
    try {
      envelope = envelopes.fromRecord(record);
    } catch (UncheckedIOException
        | IllegalArgumentException unreadable) { // a MalformedEnvelopeException among them
      return new Unreadable(record, unreadable);
    }
    if (envelope.attributes().type().topic() != topic) {
      return new Unreadable(
          record,
          new IllegalArgumentException(
              envelope.attributes().type().wireName()
                  + " does not belong on "
                  + topic.topicName()));
    }
    return envelope.payload() instanceof TableItemChanged change
        ? new Change(record, change)
        : new Command(record, envelope);
  }
}
