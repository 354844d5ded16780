package io.brmh.streambridge;

import io.brmh.platform.streams.StreamCheckpointsTable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bridge instances alive, and this instance's own lease on the shards it holds. Every instance
 * renews a heartbeat item in the checkpoints table (under a partition key no stream ARN can have):
 * a shard whose item names an instance is that instance's for as long as its heartbeat has not
 * expired. One heartbeat stands for all the shards of an instance, so an idle shard costs no write;
 * the checkpoints themselves are written only by their owner ({@link ShardCheckpoints}).
 *
 * <p>An instance whose own heartbeat lapsed (it stalled, or DynamoDB was unreachable) may have lost
 * any of its shards to another instance: {@link #lapses()} counts such lapses, and the bridge takes
 * each shard's lease again before it reads on.
 */
@Singleton
class BridgeInstances {
  private static final String PARTITION = StreamCheckpointsTable.INSTANCES;
  private static final String UNTIL = StreamCheckpointsTable.LEASE_UNTIL;

  private final DynamoDbClient dynamo;
  private final StreamCheckpointsTable table;
  private final String self = UUID.randomUUID().toString();
  private volatile long validUntil;
  private volatile int lapses;
  private volatile Set<String> liveOthers = Set.of();

  BridgeInstances(DynamoDbClient dynamo, StreamCheckpointsTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** This instance's id, the owner named in its shards' items. */
  String self() {
    return self;
  }

  /**
   * Renews this instance's heartbeat with the clock read now, then reads which other instances are
   * alive. DynamoDB deletes a heartbeat a day after it stops, if the instance never said goodbye.
   */
  void beat(Duration lease) {
    long now = System.currentTimeMillis();
    long until = now + lease.toMillis();
    long deleteAfter = until / 1000 + Duration.ofDays(1).toSeconds();
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
                        AttributeValue.fromN(Long.toString(until)),
                        StreamCheckpointsTable.EXPIRES_AT,
                        AttributeValue.fromN(Long.toString(deleteAfter)))));
    if (validUntil != 0 && validUntil < now) {
      lapses++;
    }
    validUntil = until;
    liveOthers = readLiveOthers(System.currentTimeMillis());
  }

  /** Whether this instance's heartbeat is still valid: its shards are its own. */
  boolean holdsLeases(long nowMillis) {
    return validUntil > nowMillis;
  }

  /** How often this instance's heartbeat lapsed before it was renewed. */
  int lapses() {
    return lapses;
  }

  /** The other instances whose heartbeat had not expired at the last beat. */
  Set<String> liveOthers() {
    return liveOthers;
  }

  /** How many instances, this one included, share the shards. */
  int alive() {
    return liveOthers.size() + 1;
  }

  private Set<String> readLiveOthers(long nowMillis) {
    return dynamo
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
        .map(item -> item.get(StreamCheckpointsTable.SHARD_ID).s())
        .filter(id -> !self.equals(id))
        .collect(Collectors.toUnmodifiableSet());
  }

  void leave() {
    validUntil = 0;
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
