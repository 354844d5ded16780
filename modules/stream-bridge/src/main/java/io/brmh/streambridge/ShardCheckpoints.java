package io.brmh.streambridge;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The last sequence number of each shard whose change event Kafka acknowledged, in DynamoDB, so
 * that a restarted bridge goes on after it (delivery is at least once: a crash between the
 * acknowledgement and the save repeats a few changes, which consumers apply idempotently).
 */
@Singleton
class ShardCheckpoints {
  private static final String SEQUENCE_NUMBER = "sequenceNumber";
  private static final String CLOSED = "closed";

  private final DynamoDbClient dynamo;
  private final ShardCheckpointsTable table;

  ShardCheckpoints(DynamoDbClient dynamo, ShardCheckpointsTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * @param sequenceNumber the last sequence number handed to Kafka, null when none was yet
   * @param closed whether the shard was read to its end (its children may be read then)
   */
  record Checkpoint(@Nullable String sequenceNumber, boolean closed) {}

  Optional<Checkpoint> find(String streamArn, String shardId) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table.name()).key(key(streamArn, shardId)).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    AttributeValue sequence = item.get(SEQUENCE_NUMBER);
    return Optional.of(new Checkpoint(sequence == null ? null : sequence.s(), item.containsKey(CLOSED) && item.get(CLOSED).bool()));
  }

  void save(String streamArn, String shardId, Checkpoint checkpoint) {
    Map<String, AttributeValue> item = new HashMap<>(key(streamArn, shardId));
    if (checkpoint.sequenceNumber() != null) {
      item.put(SEQUENCE_NUMBER, AttributeValue.fromS(checkpoint.sequenceNumber()));
    }
    item.put(CLOSED, AttributeValue.fromBool(checkpoint.closed()));
    dynamo.putItem(b -> b.tableName(table.name()).item(item));
  }

  private static Map<String, AttributeValue> key(String streamArn, String shardId) {
    return Map.of(ShardCheckpointsTable.STREAM_ARN, AttributeValue.fromS(streamArn), ShardCheckpointsTable.SHARD_ID, AttributeValue.fromS(shardId));
  }
}
