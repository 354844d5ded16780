package io.brmh.contracts.table;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * One item of a DynamoDB table was inserted, modified or removed. Wire name {@code
 * brmh.table.item-changed.v1} on {@code brmh.table-log}, keyed by table name. The shape follows
 * Debezium's change envelope; items are plain JSON (DynamoDB attribute-value JSON is converted by
 * the producer).
 *
 * @param op what happened to the item
 * @param keys the item's primary key attributes
 * @param before the item before the change; {@code null} for an insert or when unknown
 * @param after the item after the change; {@code null} for a removal
 * @param source where the change was observed
 */
@Serdeable
public record TableItemChanged(
    Operation op,
    Map<String, Object> keys,
    @Nullable Map<String, Object> before,
    @Nullable Map<String, Object> after,
    Source source) {

  /** The DynamoDB Streams event names. */
  public enum Operation {
    INSERT,
    MODIFY,
    REMOVE
  }

  /** How the change reached BRMH. */
  public enum Origin {
    /** Read from the table's DynamoDB stream by the stream bridge. */
    STREAM,
    /** Posted to the change ingestion API ({@code /cache-data}, {@code /cache/update}). */
    API
  }

  /**
   * @param table the DynamoDB table name
   * @param origin how the change reached BRMH
   * @param streamArn the stream it was read from, for stream changes
   * @param shardId the stream shard it was read from, for stream changes: sequence numbers grow
   *     within a shard
   * @param sequenceNumber the stream sequence number: consumers' deduplication key for stream
   *     changes, with the shard
   * @param approximateCreationTime when DynamoDB recorded the change, for stream changes
   * @param shardEpoch when the bridge last started the shard again at its newest record (epoch
   *     milliseconds), for stream changes read since: a stream that lost its positions (DynamoDB
   *     Local restarted) may number its records from the start again, so sequence numbers grow only
   *     within a shard and its epoch
   */
  @Serdeable
  public record Source(
      String table,
      Origin origin,
      @Nullable String streamArn,
      @Nullable String shardId,
      @Nullable String sequenceNumber,
      @Nullable Instant approximateCreationTime,
      @Nullable Long shardEpoch) {

    /** A source outside any restarted shard. */
    public Source(
        String table,
        Origin origin,
        String streamArn,
        String shardId,
        String sequenceNumber,
        Instant approximateCreationTime) {
      this(table, origin, streamArn, shardId, sequenceNumber, approximateCreationTime, null);
    }
  }
}
