package io.brmh.gateway.streams;

import io.brmh.platform.streams.StreamCheckpointsTable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The bridge's checkpoints and leases, read from their table, with each open shard's lag: the age
 * of the oldest change after its checkpoint, read from the stream itself (one record per shard).
 */
@Singleton
class StreamStatus {
  private final DynamoDbClient dynamo;
  private final DynamoDbStreamsClient streams;
  private final StreamCheckpointsTable table;

  StreamStatus(DynamoDbClient dynamo, DynamoDbStreamsClient streams, StreamCheckpointsTable table) {
    this.dynamo = dynamo;
    this.streams = streams;
    this.table = table;
  }

  /** A followed table's stream. */
  @Serdeable
  record StreamView(String table, String streamArn, List<ShardView> shards) {}

  /**
   * @param checkpoint the last sequence number in Kafka, null before the first
   * @param closed read to its end
   * @param owner the bridge instance holding the lease, null when none holds a live one
   * @param lagMs age of the oldest change not yet in Kafka: 0 when there is none, null when unknown
   *     (also when the stream refuses the checkpoint)
   * @param resetAt when the bridge last started the shard again at its newest record, because the
   *     stream refused the checkpoint (and had the table's caches rebuilt)
   * @param resetReason why it did
   */
  @Serdeable
  record ShardView(
      String shardId,
      @Nullable String checkpoint,
      boolean closed,
      @Nullable String owner,
      @Nullable Instant leaseExpiresAt,
      @Nullable Long lagMs,
      @Nullable Instant resetAt,
      @Nullable String resetReason) {}

  List<StreamView> all() {
    long now = System.currentTimeMillis();
    Map<String, List<ShardView>> shardsByStream = new TreeMap<>();
    List<Map<String, AttributeValue>> items =
        dynamo.scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items().stream()
            .toList();
    Map<String, Long> heartbeats = new HashMap<>();
    for (Map<String, AttributeValue> item : items) {
      if (StreamCheckpointsTable.INSTANCES.equals(item.get(StreamCheckpointsTable.STREAM_ARN).s())
          && item.containsKey(StreamCheckpointsTable.LEASE_UNTIL)) {
        heartbeats.put(
            item.get(StreamCheckpointsTable.SHARD_ID).s(),
            Long.valueOf(item.get(StreamCheckpointsTable.LEASE_UNTIL).n()));
      }
    }
    for (Map<String, AttributeValue> item : items) {
      String arn = item.get(StreamCheckpointsTable.STREAM_ARN).s();
      if (!StreamCheckpointsTable.INSTANCES.equals(arn)
          && !StreamCheckpointsTable.TABLES.equals(arn)) {
        shardsByStream
            .computeIfAbsent(arn, key -> new ArrayList<>())
            .add(shard(arn, item, heartbeats, now));
      }
    }
    List<StreamView> views = new ArrayList<>();
    shardsByStream.forEach((arn, shards) -> views.add(new StreamView(tableOf(arn), arn, shards)));
    return views;
  }

  /**
   * @param heartbeats each bridge instance's heartbeat expiry: a shard is held by its owner while
   *     the owner's heartbeat lives
   */
  private ShardView shard(
      String arn, Map<String, AttributeValue> item, Map<String, Long> heartbeats, long now) {
    String shardId = item.get(StreamCheckpointsTable.SHARD_ID).s();
    String checkpoint =
        item.containsKey(StreamCheckpointsTable.SEQUENCE_NUMBER)
            ? item.get(StreamCheckpointsTable.SEQUENCE_NUMBER).s()
            : null;
    boolean closed =
        item.containsKey(StreamCheckpointsTable.CLOSED)
            && item.get(StreamCheckpointsTable.CLOSED).bool();
    String owner =
        item.containsKey(StreamCheckpointsTable.OWNER)
            ? item.get(StreamCheckpointsTable.OWNER).s()
            : null;
    Long leaseUntil = owner == null ? null : heartbeats.get(owner);
    boolean leased = leaseUntil != null && leaseUntil > now;
    Instant resetAt =
        item.containsKey(StreamCheckpointsTable.RESET_AT)
            ? Instant.ofEpochMilli(Long.parseLong(item.get(StreamCheckpointsTable.RESET_AT).n()))
            : null;
    String resetReason =
        item.containsKey(StreamCheckpointsTable.RESET_REASON)
            ? item.get(StreamCheckpointsTable.RESET_REASON).s()
            : null;
    return new ShardView(
        shardId,
        checkpoint,
        closed,
        leased ? owner : null,
        leased ? Instant.ofEpochMilli(leaseUntil) : null,
        closed ? Long.valueOf(0) : lagMs(arn, shardId, checkpoint, now),
        resetAt,
        resetReason);
  }

  private Long lagMs(String arn, String shardId, String checkpoint, long now) {
    try {
      String iterator =
          streams
              .getShardIterator(
                  b ->
                      b.streamArn(arn)
                          .shardId(shardId)
                          .sequenceNumber(checkpoint)
                          .shardIteratorType(
                              checkpoint == null
                                  ? ShardIteratorType.TRIM_HORIZON
                                  : ShardIteratorType.AFTER_SEQUENCE_NUMBER))
              .shardIterator();
      List<Record> next = streams.getRecords(b -> b.shardIterator(iterator).limit(1)).records();
      if (next.isEmpty()) {
        return 0L;
      }
      Instant created = next.get(0).dynamodb().approximateCreationDateTime();
      return created == null ? null : Math.max(0, now - created.toEpochMilli());
    } catch (
        DynamoDbException
            unknown) { // a trimmed, refused or vanished position: the bridge repairs it, the lag is
      // unknown
      return null;
    }
  }

  /** {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>} */
  static String tableOf(String streamArn) {
    String[] parts = streamArn.split("/");
    return parts.length >= 2 ? parts[1] : streamArn;
  }
}
