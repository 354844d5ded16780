package io.brmh.streambridge;

import io.brmh.platform.streams.StreamCheckpointsTable;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Per shard, in DynamoDB: the last sequence number whose change event Kafka acknowledged, and the
 * bridge instance reading it (which holds it while its heartbeat lives, {@link BridgeInstances}). A
 * restarted bridge goes on after the checkpoint (delivery is at least once: a crash between the
 * acknowledgement and the save repeats a few changes, which consumers apply idempotently). Only the
 * lease holder may move a checkpoint, so an instance that lost the shard (it stalled past its
 * heartbeat and another took over) cannot move it back.
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
   * Takes the shard for {@code owner}: when no instance holds it, or it is already {@code owner}'s,
   * or the instance holding it is not among {@code liveOthers} (its heartbeat expired, or it left).
   *
   * @return the shard's checkpoint (another instance may have moved it), or empty when a live
   *     instance holds the shard
   */
  Optional<Checkpoint> lease(
      String streamArn, String shardId, String owner, Set<String> liveOthers) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", AttributeValue.fromS(owner));
    String condition = "attribute_not_exists(#owner) OR #owner = :owner";
    if (!liveOthers.isEmpty()) {
      List<String> placeholders = new ArrayList<>();
      for (String other : liveOthers) {
        String placeholder = ":live" + placeholders.size();
        placeholders.add(placeholder);
        values.put(placeholder, AttributeValue.fromS(other));
      }
      condition += " OR NOT (#owner IN (" + String.join(", ", placeholders) + "))";
    }
    String takeCondition = liveOthers.isEmpty() ? null : condition;
    try {
      UpdateItemResponse response =
          dynamo.updateItem(
              b ->
                  b.tableName(table.name())
                      .key(key(streamArn, shardId))
                      .updateExpression("SET #owner = :owner REMOVE #until")
                      .conditionExpression(takeCondition)
                      .expressionAttributeNames(Map.of("#owner", OWNER, "#until", LEASE_UNTIL))
                      .expressionAttributeValues(values)
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
   * Moves the checkpoint; a shard read to its end gets an expiry, after which DynamoDB deletes its
   * item (the stream no longer lists it by then).
   *
   * @param expiresAtSeconds when DynamoDB may delete the item, epoch seconds; only for a closed
   *     shard
   * @return false when {@code owner} no longer holds the shard: stop reading it
   */
  boolean save(
      String streamArn,
      String shardId,
      String owner,
      Checkpoint checkpoint,
      @Nullable Long expiresAtSeconds) {
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":owner",
                AttributeValue.fromS(owner),
                ":closed",
                AttributeValue.fromBool(checkpoint.closed())));
    Map<String, String> names = new HashMap<>(Map.of("#owner", OWNER, "#closed", CLOSED));
    String update = "SET #closed = :closed";
    if (checkpoint.sequenceNumber() != null) {
      values.put(":sequence", AttributeValue.fromS(checkpoint.sequenceNumber()));
      names.put("#sequence", SEQUENCE_NUMBER);
      update += ", #sequence = :sequence";
    }
    if (expiresAtSeconds != null) {
      values.put(":expires", number(expiresAtSeconds));
      names.put("#expires", StreamCheckpointsTable.EXPIRES_AT);
      update += ", #expires = :expires";
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
