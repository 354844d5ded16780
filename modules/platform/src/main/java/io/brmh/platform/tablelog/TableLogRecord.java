package io.brmh.platform.tablelog;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.kafka.EnvelopeRecords;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of {@code brmh.table-log}, read: a change, a command (bulk load, clear, reindex...),
 * or unreadable.
 */
public sealed interface TableLogRecord {
  ConsumerRecord<String, byte[]> record();

  record Change(ConsumerRecord<String, byte[]> record, TableItemChanged change)
      implements TableLogRecord {}

  /**
   * A request to do work in this place of the table's order: the partition waits until it is done.
   */
  record Command(ConsumerRecord<String, byte[]> record, Envelope<?> envelope)
      implements TableLogRecord {}

  /** No envelope, no payload, a type this log does not carry: it is dead-lettered. */
  record Unreadable(ConsumerRecord<String, byte[]> record, Exception cause)
      implements TableLogRecord {}

  static TableLogRecord parse(EnvelopeRecords envelopes, ConsumerRecord<String, byte[]> record) {
    Envelope<?> envelope;
    try {
      envelope = envelopes.fromRecord(record);
    } catch (UncheckedIOException
        | IllegalArgumentException unreadable) { // a MalformedEnvelopeException among them
      return new Unreadable(record, unreadable);
    }
    if (envelope.attributes().type().topic() != io.brmh.contracts.Topic.TABLE_LOG) {
      return new Unreadable(
          record,
          new IllegalArgumentException(
              envelope.attributes().type().wireName() + " does not belong on the table log"));
    }
    return envelope.payload() instanceof TableItemChanged change
        ? new Change(record, change)
        : new Command(record, envelope);
  }
}
