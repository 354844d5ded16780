package io.brmh.streambridge;

import io.brmh.platform.streams.StreamCheckpointsTable;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Per shard, in DynamoDB: the last sequence number whose change event Kafka acknowledged, and the
 * lease of the bridge instance reading it. A restarted bridge goes on after the checkpoint
 * (delivery is at least once: a crash between the acknowledgement and the save repeats a few
 * changes, which consumers apply idempotently). Only the lease holder may move a checkpoint, so an
 * instance that lost its lease (it stalled past the expiry and another took over) cannot move it
 * back.
 */
@Singleton
class ShardCheckpoints {
  private static final String SEQUENCE_NUMBER = StreamCheckpointsTable.SEQUENCE_NUMBER;
  private static final String CLOSED = StreamCheckpointsTable.CLOSED;
  private static final String OWNER = StreamCheckpointsTable.OWNER;
  private static final String LEASE_UNTIL = StreamCheckpointsTable.LEASE_UNTIL;

  private final DynamoDbClient dynamo;
  private final StreamCheckpointsTable table;

  ShardCheckpoints(DynamoDbClient dynamo, StreamCheckpointsTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * @param sequenceNumber the last sequence number handed to Kafka, null when none was yet
   * @param closed whether the shard was read to its end (its children may be read then)
   * @param resetAt when the bridge last started the shard again at its newest record (the shard's
   *     epoch), or null
   */
  record Checkpoint(@Nullable String sequenceNumber, boolean closed, @Nullable Long resetAt) {
    Checkpoint(String sequenceNumber, boolean closed) {
      this(sequenceNumber, closed, null);
    }

    /**
     * Started again at the newest record and no change came since: no position to go on from, and
     * the oldest record is none.
     */
    boolean restarted() {
      return sequenceNumber == null && resetAt != null;
    }
  }

  /**
   * Takes or renews the shard's lease: free, expired or already ours.
   *
   * @return the shard's checkpoint (another instance may have moved it), or empty when another
   *     holds the lease
   */
  Optional<Checkpoint> lease(
      String streamArn, String shardId, String owner, long nowMillis, long untilMillis) {
    try {
      UpdateItemResponse response =
          dynamo.updateItem(
              b ->
                  b.tableName(table.name())
                      .key(key(streamArn, shardId))
                      .updateExpression("SET #owner = :owner, #until = :until")
                      .conditionExpression(
                          "attribute_not_exists(#owner) OR #owner = :owner OR #until < :now")
                      .expressionAttributeNames(Map.of("#owner", OWNER, "#until", LEASE_UNTIL))
                      .expressionAttributeValues(
                          Map.of(
                              ":owner",
                              AttributeValue.fromS(owner),
                              ":until",
                              number(untilMillis),
                              ":now",
                              number(nowMillis)))
                      .returnValues(ReturnValue.ALL_NEW));
      Map<String, AttributeValue> item = response.attributes();
      AttributeValue sequence = item.get(SEQUENCE_NUMBER);
      AttributeValue resetAt = item.get(StreamCheckpointsTable.RESET_AT);
      return Optional.of(
          new Checkpoint(
              sequence == null ? null : sequence.s(),
              item.containsKey(CLOSED) && item.get(CLOSED).bool(),
              resetAt == null ? null : Long.valueOf(resetAt.n())));
    } catch (ConditionalCheckFailedException heldByAnother) {
      return Optional.empty();
    }
  }

  /**
   * Moves the checkpoint and renews the lease. @return false when the lease is lost: stop reading
   * the shard
   */
  boolean save(
      String streamArn, String shardId, String owner, Checkpoint checkpoint, long untilMillis) {
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":owner",
                AttributeValue.fromS(owner),
                ":until",
                number(untilMillis),
                ":closed",
                AttributeValue.fromBool(checkpoint.closed())));
    Map<String, String> names =
        new HashMap<>(Map.of("#owner", OWNER, "#until", LEASE_UNTIL, "#closed", CLOSED));
    String update = "SET #until = :until, #closed = :closed";
    if (checkpoint.sequenceNumber() != null) {
      values.put(":sequence", AttributeValue.fromS(checkpoint.sequenceNumber()));
      names.put("#sequence", SEQUENCE_NUMBER);
      update += ", #sequence = :sequence";
    }
    String expression = update;
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(key(streamArn, shardId))
                  .updateExpression(expression)
                  .conditionExpression("#owner = :owner")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  /**
   * Records that the shard starts again from its newest record because the stream refused the
   * checkpoint: the checkpoint goes (until the next records), the time and reason stay for {@code
   * GET /streams}.
   *
   * @return false when the lease is lost
   */
  boolean reset(String streamArn, String shardId, String owner, String reason, long nowMillis) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(key(streamArn, shardId))
                  .updateExpression("SET #resetAt = :now, #reason = :reason REMOVE #sequence")
                  .conditionExpression("#owner = :owner")
                  .expressionAttributeNames(
                      Map.of(
                          "#resetAt",
                          StreamCheckpointsTable.RESET_AT,
                          "#reason",
                          StreamCheckpointsTable.RESET_REASON,
                          "#sequence",
                          SEQUENCE_NUMBER,
                          "#owner",
                          OWNER))
                  .expressionAttributeValues(
                      Map.of(
                          ":now",
                          number(nowMillis),
                          ":reason",
                          AttributeValue.fromS(reason),
                          ":owner",
                          AttributeValue.fromS(owner))));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  /**
   * Gives the lease up at once (at shutdown, or to make room for another instance), keeping the
   * checkpoint.
   */
  void release(String streamArn, String shardId, String owner) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(key(streamArn, shardId))
                  .updateExpression("REMOVE #owner, #until")
                  .conditionExpression("#owner = :owner")
                  .expressionAttributeNames(Map.of("#owner", OWNER, "#until", LEASE_UNTIL))
                  .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))));
    } catch (ConditionalCheckFailedException notOurs) {
      // already taken over: nothing to give up
    }
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static Map<String, AttributeValue> key(String streamArn, String shardId) {
    return Map.of(
        StreamCheckpointsTable.STREAM_ARN,
        AttributeValue.fromS(streamArn),
        StreamCheckpointsTable.SHARD_ID,
        AttributeValue.fromS(shardId));
  }
}
