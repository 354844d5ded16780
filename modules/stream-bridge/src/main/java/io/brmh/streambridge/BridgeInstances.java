package io.brmh.streambridge;

import io.brmh.platform.streams.StreamCheckpointsTable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bridge instances alive, so that each takes its fair share of the shards: every instance
 * renews a heartbeat item in the checkpoints table (under a partition key no stream ARN can have)
 * and counts the heartbeats that have not expired.
 */
@Singleton
class BridgeInstances {
  private static final String PARTITION = StreamCheckpointsTable.INSTANCES;
  private static final String UNTIL = StreamCheckpointsTable.LEASE_UNTIL;

  private final DynamoDbClient dynamo;
  private final StreamCheckpointsTable table;
  private final String self = UUID.randomUUID().toString();

  BridgeInstances(DynamoDbClient dynamo, StreamCheckpointsTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** This instance's id, the owner named in its leases. */
  String self() {
    return self;
  }

  /**
   * Renews this instance's heartbeat; DynamoDB deletes it a day after it stops, if the instance
   * never said goodbye.
   */
  void heartbeat(long untilMillis) {
    long deleteAfter = untilMillis / 1000 + Duration.ofDays(1).toSeconds();
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        StreamCheckpointsTable.STREAM_ARN,
                        AttributeValue.fromS(PARTITION),
                        StreamCheckpointsTable.SHARD_ID,
                        AttributeValue.fromS(self),
                        UNTIL,
                        AttributeValue.fromN(Long.toString(untilMillis)),
                        StreamCheckpointsTable.EXPIRES_AT,
                        AttributeValue.fromN(Long.toString(deleteAfter)))));
  }

  /**
   * @return how many instances, this one included, renewed their heartbeat in time
   */
  int alive(long nowMillis) {
    long others =
        dynamo
            .queryPaginator(
                b ->
                    b.tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :instances")
                        .filterExpression("#until >= :now")
                        .expressionAttributeNames(
                            Map.of("#pk", StreamCheckpointsTable.STREAM_ARN, "#until", UNTIL))
                        .expressionAttributeValues(
                            Map.of(
                                ":instances",
                                AttributeValue.fromS(PARTITION),
                                ":now",
                                AttributeValue.fromN(Long.toString(nowMillis)))))
            .items()
            .stream()
            .filter(item -> !self.equals(item.get(StreamCheckpointsTable.SHARD_ID).s()))
            .count();
    return (int) others + 1;
  }

  void leave() {
    dynamo.deleteItem(
        b ->
            b.tableName(table.name())
                .key(
                    Map.of(
                        StreamCheckpointsTable.STREAM_ARN,
                        AttributeValue.fromS(PARTITION),
                        StreamCheckpointsTable.SHARD_ID,
                        AttributeValue.fromS(self))));
  }
}
