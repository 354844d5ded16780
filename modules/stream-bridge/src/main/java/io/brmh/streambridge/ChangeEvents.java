package io.brmh.streambridge;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.cache.PlainValues;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** DynamoDB stream records as table change events (architecture §5), keyed by table name. */
final class ChangeEvents {
  private static final String SOURCE = "/brmh/stream-bridge";

  private ChangeEvents() {}

  /**
   * @param shardEpoch when the bridge last started the shard again at its newest record, or null
   */
  static Envelope<TableItemChanged> of(
      String table, String streamArn, String shardId, Long shardEpoch, Record record) {
    StreamRecord change = record.dynamodb();
    TableItemChanged event =
        new TableItemChanged(
            operation(record.eventName()),
            plain(change.keys()),
            plainOrNull(change.oldImage()),
            plainOrNull(change.newImage()),
            new TableItemChanged.Source(
                table,
                TableItemChanged.Origin.STREAM,
                streamArn,
                shardId,
                change.sequenceNumber(),
                change.approximateCreationDateTime(),
                shardEpoch));
    return new Envelope<>(
        EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, SOURCE, table), event);
  }

  private static TableItemChanged.Operation operation(OperationType type) {
    return switch (type) {
      case INSERT -> TableItemChanged.Operation.INSERT;
      case MODIFY -> TableItemChanged.Operation.MODIFY;
      case REMOVE -> TableItemChanged.Operation.REMOVE;
      default -> throw new IllegalArgumentException("unknown stream event " + type);
    };
  }

  private static Map<String, Object> plain(Map<String, AttributeValue> image) {
    return PlainValues.fromItem(image);
  }

  private static Map<String, Object> plainOrNull(Map<String, AttributeValue> image) {
    return image == null || image.isEmpty() ? null : plain(image);
  }
}
