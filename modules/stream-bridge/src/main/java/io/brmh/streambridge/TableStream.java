package io.brmh.streambridge;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The stream of one followed table: its shards, each read only once its parent was read to its end,
 * so that a table's changes reach the log in the order they happened. The stream is described (its
 * shards listed) only when they may have changed: when it is first followed, when a shard was read
 * to its end (its children appear), when no open shard is known, and otherwise only every {@link
 * BridgeSettings#shardListingInterval()}. Shards read to their end are forgotten once a listing
 * shows their children. A table whose reads or listings fail waits longer and longer between tries
 * ({@link #failed}), while every other table goes on.
 *
 * <p>One reader thread at a time works on a table ({@link StreamBridge}).
 */
final class TableStream {
  private static final long FIRST_RETRY_NANOS = 200_000_000L;
  private static final long LAST_RETRY_NANOS = 30_000_000_000L;

  private final DynamoDbStreamsClient streams;
  private final ShardIo io;
  private final String table;
  private final String streamArn;
  private final Map<String, ShardReader> readers = new LinkedHashMap<>();
  private final Map<String, String> parents = new LinkedHashMap<>();

  /** Shards read to their end and forgotten, as long as the stream still lists them. */
  private final Set<String> finished = new HashSet<>();

  private final ShardReader.Lease lease;
  private boolean listed;
  private boolean listingDue = true;
  private long nextPeriodicListingAt;
  private long retryDelayNanos;
  private long retryAt;

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
   * One round's work on this table: lists its shards when that is due and the budget allows, takes
   * free shards while the lease budget allows, and reads one batch from every shard it holds that
   * is due. Does nothing while the table waits after a failure.
   *
   * @return how many changes went to Kafka
   */
  int work(long nowNanos, LeaseBudget leases, DescribeBudget describes) {
    if (nowNanos < retryAt) {
      return 0;
    }
    boolean listedNow = false;
    if ((listingDue || nowNanos >= nextPeriodicListingAt) && describes.tryTake()) {
      listShards(nowNanos);
      listedNow = true;
    }
    int handled = 0;
    boolean closedOne = false;
    for (ShardReader reader : readers.values()) {
      if (reader.mayTake(nowNanos) && parentDone(reader.shardId()) && leases.take()) {
        if (!reader.tryLease() || reader.isClosed()) {
          leases.giveBack();
        }
      }
      boolean wasOpen = !reader.isClosed();
      handled += reader.readIfDue(nowNanos);
      closedOne |= wasOpen && reader.isClosed();
    }
    if (closedOne || (listed && !listedNow && openShards() == 0)) {
      listingDue = true; // the children of a closed shard appear in the stream's listing
    }
    retryDelayNanos = 0;
    return handled;
  }

  /**
   * Waits before this table is tried again: 200 ms after the first failure, doubling up to 30 s.
   */
  void failed(long nowNanos) {
    retryDelayNanos =
        retryDelayNanos == 0 ? FIRST_RETRY_NANOS : Math.min(LAST_RETRY_NANOS, retryDelayNanos * 2);
    retryAt = nowNanos + retryDelayNanos;
  }

  /** Shards not yet read to their end, whoever reads them. */
  int openShards() {
    return (int) readers.values().stream().filter(reader -> !reader.isClosed()).count();
  }

  /**
   * The stream was listed and has no open shard: it was turned off (or, for a moment, a shard
   * closed before its child was listed; the same stream is then simply followed again).
   */
  boolean readToItsEnd() {
    return listed && !listingDue && openShards() == 0;
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

  /** Stops reading every shard without a write: they are taken again before the next read. */
  void forgetLeases() {
    readers.values().forEach(ShardReader::forget);
  }

  /**
   * A parent the stream no longer lists, or one read to its end, has nothing left to read first.
   */
  private boolean parentDone(String shardId) {
    String parent = parents.get(shardId);
    return parent == null || !readers.containsKey(parent) || readers.get(parent).isClosed();
  }

  private void listShards(long nowNanos) {
    Set<String> listedNow = new HashSet<>();
    String from = null;
    do {
      String start = from;
      io.metrics().called(StreamMetrics.DESCRIBE_STREAM);
      DescribeStreamResponse page =
          streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(start));
      for (Shard shard : page.streamDescription().shards()) {
        listedNow.add(shard.shardId());
        if (!readers.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
          parents.put(shard.shardId(), shard.parentShardId());
          readers.put(
              shard.shardId(), new ShardReader(io, table, streamArn, shard.shardId(), lease));
        }
      }
      from = page.streamDescription().lastEvaluatedShardId();
    } while (from != null);
    forgetFinished(listedNow);
    listed = true;
    listingDue = false;
    long interval = lease.settings().shardListingInterval().toNanos();
    nextPeriodicListingAt =
        nowNanos + interval * 3 / 4 + ThreadLocalRandom.current().nextLong(interval / 2 + 1);
  }

  /**
   * Forgets the shards read to their end whose children are known (or that the stream trimmed), and
   * remembers them only as long as the stream lists them.
   */
  private void forgetFinished(Set<String> listedNow) {
    Set<String> childParents = new HashSet<>(parents.values());
    readers
        .values()
        .removeIf(
            reader -> {
              boolean forget =
                  reader.isClosed()
                      && (childParents.contains(reader.shardId())
                          || !listedNow.contains(reader.shardId()));
              if (forget) {
                finished.add(reader.shardId());
                parents.remove(reader.shardId());
              }
              return forget;
            });
    finished.retainAll(listedNow);
    parents.keySet().retainAll(readers.keySet());
  }
}
