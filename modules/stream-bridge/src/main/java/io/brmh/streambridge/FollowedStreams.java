package io.brmh.streambridge;

import io.brmh.platform.streams.StreamCheckpointsTable;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which stream of each table the bridge followed last, beside the checkpoints (partition {@value
 * StreamCheckpointsTable#TABLES}). A table whose stream was turned off and on again has a new
 * stream, with a new ARN and shards read from their start; the changes made while it was off are in
 * neither stream, so following the new one calls for a rebuild of the table's caches.
 */
@Singleton
class FollowedStreams {
  private final DynamoDbClient dynamo;
  private final StreamCheckpointsTable table;
  private final StreamGaps gaps;

  FollowedStreams(DynamoDbClient dynamo, StreamCheckpointsTable table, StreamGaps gaps) {
    this.dynamo = dynamo;
    this.table = table;
    this.gaps = gaps;
  }

  /**
   * Records that the bridge follows {@code streamArn} for {@code tableName}. When it followed
   * another stream of the table before, the table's caches are rebuilt first: the requests reach
   * the table log before any change read from the new stream, and a crash before the record is
   * written only queues them again.
   */
  void startFollowing(String tableName, String streamArn) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(b -> b.tableName(table.name()).key(key(tableName)).consistentRead(true))
            .item();
    AttributeValue before =
        item == null ? null : item.get(StreamCheckpointsTable.FOLLOWED_STREAM_ARN);
    if (before != null && before.s().equals(streamArn)) {
      return;
    }
    if (before != null) {
      gaps.rebuildCachesOf(
          tableName,
          "The stream of "
              + tableName
              + " was turned off and on again ("
              + streamArn
              + " replaced "
              + before.s()
              + "): changes made while it was off are in no stream; BRMH rebuilt the cache from the table");
    }
    dynamo.updateItem(
        b ->
            b.tableName(table.name())
                .key(key(tableName))
                .updateExpression("SET #arn = :arn")
                .expressionAttributeNames(
                    Map.of("#arn", StreamCheckpointsTable.FOLLOWED_STREAM_ARN))
                .expressionAttributeValues(Map.of(":arn", AttributeValue.fromS(streamArn))));
  }

  private static Map<String, AttributeValue> key(String tableName) {
    return Map.of(
        StreamCheckpointsTable.STREAM_ARN,
        AttributeValue.fromS(StreamCheckpointsTable.TABLES),
        StreamCheckpointsTable.SHARD_ID,
        AttributeValue.fromS(tableName));
  }
}
