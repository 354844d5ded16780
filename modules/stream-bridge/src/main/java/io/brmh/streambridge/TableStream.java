package io.brmh.streambridge;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The stream of one followed table: its shards, listed again now and then (shards split and close),
 * each read only once its parent was read to its end, so that a table's changes reach the log in
 * the order they happened.
 */
final class TableStream {
  private static final long SHARD_LISTING_INTERVAL_NANOS = 10_000_000_000L;

  private final DynamoDbStreamsClient streams;
  private final ShardIo io;
  private final String table;
  private final String streamArn;
  private final Map<String, ShardReader> readers = new LinkedHashMap<>();
  private final Map<String, String> parents = new LinkedHashMap<>();
  private final ShardReader.Lease lease;
  private long listedAt;

  TableStream(ShardIo io, String table, String streamArn, ShardReader.Lease lease) {
    this.io = io;
    this.streams = io.streams();
    this.table = table;
    this.streamArn = streamArn;
    this.lease = lease;
  }

  String table() {
    return table;
  }

  /**
   * Reads one batch from every shard this instance holds, first taking free shards while the budget
   * allows.
   *
   * @return how many changes went to Kafka
   */
  int readOnce(long nowMillis, LeaseBudget budget) {
    int handled = 0;
    for (ShardReader reader : readers.values()) {
      if (!reader.isClosed() && !reader.isHeld() && parentDone(reader.shardId()) && budget.take()) {
        if (!reader.tryLease(nowMillis) || reader.isClosed()) {
          budget.giveBack();
        }
      }
      if (reader.isHeld()) {
        handled += reader.readOnce(nowMillis);
      }
    }
    return handled;
  }

  /** Shards not yet read to their end, whoever reads them. */
  int openShards() {
    return (int) readers.values().stream().filter(reader -> !reader.isClosed()).count();
  }

  /**
   * Every shard listed is read to its end: the stream was turned off (or, for a moment, a shard
   * closed before its child was listed; the same stream is then simply followed again).
   */
  boolean readToItsEnd() {
    return listedAt != 0 && !readers.isEmpty() && openShards() == 0;
  }

  int heldShards() {
    return (int) readers.values().stream().filter(ShardReader::isHeld).count();
  }

  /**
   * Gives up to {@code count} leases back (between reads, so every checkpoint is saved). @return
   * how many went
   */
  int release(int count) {
    int released = 0;
    for (ShardReader reader : readers.values()) {
      if (released < count && reader.isHeld()) {
        reader.release();
        released++;
      }
    }
    return released;
  }

  /** A parent the stream no longer lists was trimmed: nothing of it is left to read first. */
  private boolean parentDone(String shardId) {
    String parent = parents.get(shardId);
    return parent == null || !readers.containsKey(parent) || readers.get(parent).isClosed();
  }

  /** Lists the stream's shards when that is due: new ones appear as shards split. */
  void listShardsIfDue() {
    if (listedAt == 0 || System.nanoTime() - listedAt > SHARD_LISTING_INTERVAL_NANOS) {
      listShards();
    }
  }

  private void listShards() {
    String from = null;
    do {
      String start = from;
      DescribeStreamResponse page =
          streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(start));
      for (Shard shard : page.streamDescription().shards()) {
        if (!readers.containsKey(shard.shardId())) {
          parents.put(shard.shardId(), shard.parentShardId());
          readers.put(
              shard.shardId(), new ShardReader(io, table, streamArn, shard.shardId(), lease));
        }
      }
      from = page.streamDescription().lastEvaluatedShardId();
    } while (from != null);
    listedAt = System.nanoTime();
  }
}
