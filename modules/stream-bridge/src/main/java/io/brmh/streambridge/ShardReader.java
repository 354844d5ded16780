package io.brmh.streambridge;

import io.brmh.platform.kafka.EventPublisher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads one shard from where the bridge left it, while this instance holds the shard: each batch of
 * records goes to the table log, and only once Kafka acknowledged all of them does the checkpoint
 * move past them. The iterator is kept from read to read (a shard with nothing new costs one
 * GetRecords per quiet pause and no write); an expired one is taken again from the checkpoint, and
 * a failure leaves the checkpoint where it was, so the next read starts after it again.
 */
final class ShardReader {
  private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
  private static final int RECORDS_PER_READ = 1000;

  private final DynamoDbStreamsClient streams;
  private final EventPublisher publisher;
  private final ShardCheckpoints checkpoints;
  private final StreamMetrics metrics;
  private final String table;
  private final String streamArn;
  private final String shardId;
  private final Lease lease;
  private final ShardIo io;
  private String lastSequenceNumber;

  /** Started again at the newest record, with no change read since. */
  private boolean restartPending;

  /**
   * When the shard was last started again at its newest record: its records' numbers count from
   * there.
   */
  private Long shardEpoch;

  /** The stream holds the record at the checkpoint (checked once per lease taken). */
  private boolean checkpointConfirmed;

  private boolean closed;
  private String iterator;
  private boolean held;

  /** When the shard is read next, {@link System#nanoTime()}: at once while it has more. */
  private long nextReadAt;

  /** Since when the shard had nothing new, {@link System#nanoTime()}, or 0 when it had. */
  private long quietSince;

  /** A take of the lease that failed is not tried again before this, {@link System#nanoTime()}. */
  private long nextTakeAt;

  /**
   * Who reads, and the shared settings.
   *
   * @param owner this instance's id
   * @param settings the pauses and lifetimes
   * @param instances the live instances, whose shards are not taken
   */
  record Lease(String owner, BridgeSettings settings, BridgeInstances instances) {}

  ShardReader(ShardIo io, String table, String streamArn, String shardId, Lease lease) {
    this.io = io;
    this.streams = io.streams();
    this.publisher = io.publisher();
    this.checkpoints = io.checkpoints();
    this.metrics = io.metrics();
    this.table = table;
    this.streamArn = streamArn;
    this.shardId = shardId;
    this.lease = lease;
  }

  String shardId() {
    return shardId;
  }

  /** Read to its end: its child shards may be read now. */
  boolean isClosed() {
    return closed;
  }

  /** Whether this instance reads the shard now. */
  boolean isHeld() {
    return held;
  }

  /** Whether a take of the lease may be tried now (one that failed waits a lease's length). */
  boolean mayTake(long nowNanos) {
    return !closed && !held && nowNanos >= nextTakeAt;
  }

  /**
   * Takes the shard's lease if it is free, or held by an instance no longer alive. The checkpoint
   * comes with it: another instance may have moved it since this one last read the shard.
   *
   * @return whether this instance reads the shard now
   */
  boolean tryLease() {
    metrics.called(StreamMetrics.LEASE);
    var checkpoint =
        checkpoints.lease(streamArn, shardId, lease.owner(), lease.instances().liveOthers());
    if (checkpoint.isEmpty()) {
      nextTakeAt = System.nanoTime() + lease.settings().lease().toNanos();
      return false;
    }
    held = true;
    closed = checkpoint.get().closed();
    lastSequenceNumber = checkpoint.get().sequenceNumber();
    restartPending = checkpoint.get().restarted();
    shardEpoch = checkpoint.get().resetAt();
    checkpointConfirmed = false;
    iterator = null;
    nextReadAt = 0;
    quietSince = 0;
    if (closed) {
      release(); // nothing left to read: leave the shard free, it counts against no one's share
    }
    return held;
  }

  /** Gives the lease up; the checkpoint stays for whoever reads the shard next. */
  void release() {
    if (held) {
      forget();
      metrics.called(StreamMetrics.LEASE);
      checkpoints.release(streamArn, shardId, lease.owner());
    }
  }

  /**
   * Stops reading without a write: this instance's heartbeat lapsed, so the shard may be another's
   * already; it is taken again (from its checkpoint) before the next read.
   */
  void forget() {
    if (held) {
      held = false;
      iterator = null;
      metrics.leftShard(table, shardId);
    }
  }

  /**
   * Reads one batch if the shard is due: at once after a batch that had records, after the quiet
   * pause after one that had none.
   *
   * @return how many changes went to Kafka
   */
  int readIfDue(long nowNanos) {
    if (closed || !held || nowNanos < nextReadAt) {
      return 0;
    }
    try {
      if (quietSince != 0
          && nowNanos - quietSince > lease.settings().iteratorRefresh().toNanos()
          && !restartPending) {
        // A shard quiet for long takes its iterator again from the checkpoint: a restarted
        // DynamoDB Local can leave an iterator that never returns records again. One taken at the
        // newest record after a restart has no checkpoint to be taken from again, so it stays.
        iterator = null;
        quietSince = nowNanos;
      }
      GetRecordsResponse response = records();
      List<Record> records = response.records();
      CompletableFuture.allOf(
              records.stream()
                  .map(
                      record ->
                          publisher.publish(
                              ChangeEvents.of(table, streamArn, shardId, shardEpoch, record)))
                  .toArray(CompletableFuture[]::new))
          .join();
      metrics.read(table, shardId, records, System.currentTimeMillis());
      if (!records.isEmpty()) {
        lastSequenceNumber = records.get(records.size() - 1).dynamodb().sequenceNumber();
        restartPending = false;
      }
      iterator = response.nextShardIterator();
      closed = iterator == null;
      if (!records.isEmpty() || closed) {
        saveCheckpoint();
      }
      if (records.isEmpty()) {
        quietSince = quietSince == 0 ? nowNanos : quietSince;
        nextReadAt = nowNanos + lease.settings().quietShardPause().toNanos();
      } else {
        quietSince = 0;
        nextReadAt = 0;
      }
      return records.size();
    } catch (RuntimeException failed) {
      iterator = null; // start again after the checkpoint
      throw failed;
    }
  }

  private void saveCheckpoint() {
    metrics.called(StreamMetrics.CHECKPOINT);
    Long expiresAt =
        closed
            ? (System.currentTimeMillis() + lease.settings().closedCheckpointLife().toMillis())
                / 1000
            : null;
    if (checkpoints.save(
        streamArn,
        shardId,
        lease.owner(),
        new ShardCheckpoints.Checkpoint(lastSequenceNumber, closed),
        expiresAt)) {
      if (closed) {
        release();
      }
    } else {
      LOG.warn("Lost shard {} of {} to another bridge instance", shardId, table);
      forget();
    }
  }

  private GetRecordsResponse records() {
    if (iterator == null) {
      iterator = freshIterator();
    }
    try {
      return getRecords();
    } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
      // Iterators expire after 15 minutes; DynamoDB Local also trims under a fresh TRIM_HORIZON
      // one.
      iterator = freshIterator();
      return getRecords();
    }
  }

  private GetRecordsResponse getRecords() {
    metrics.called(StreamMetrics.GET_RECORDS);
    return streams.getRecords(b -> b.shardIterator(iterator).limit(RECORDS_PER_READ));
  }

  /**
   * After the checkpoint, or from the oldest record the stream keeps for a shard never read. A
   * checkpoint the stream refuses — older than its retention, or unknown to it (DynamoDB Local
   * forgets its streams' positions when killed) — means changes may be lost for good: the shard
   * starts again at its newest record, and the table's caches are rebuilt ({@link
   * #restartAfterGap}).
   */
  private String freshIterator() {
    if (lastSequenceNumber == null && restartPending) {
      // Started again at the newest record, then stopped before a change came: the oldest record is
      // far behind the rebuild.
      return restartAfterGap(
          "the shard had been started again at its newest record and no position was saved since");
    }
    if (lastSequenceNumber == null) {
      return iterator(ShardIteratorType.TRIM_HORIZON, null);
    }
    try {
      if (!checkpointConfirmed && !holdsRecordAt(lastSequenceNumber)) {
        return restartAfterGap(
            "the stream has no record at the checkpoint "
                + lastSequenceNumber
                + " (it numbers its records anew)");
      }
      checkpointConfirmed = true;
      return iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequenceNumber);
    } catch (TrimmedDataAccessException trimmed) {
      return restartAfterGap(
          "the changes after the checkpoint "
              + lastSequenceNumber
              + " are older than the stream keeps them");
    } catch (DynamoDbException refused) {
      if (refused.awsErrorDetails() == null
          || !"ValidationException".equals(refused.awsErrorDetails().errorCode())) {
        throw refused; // throttled, unavailable, gone: not a gap
      }
      return restartAfterGap(
          "the stream does not know the checkpoint "
              + lastSequenceNumber
              + " ("
              + refused.awsErrorDetails().errorMessage()
              + ")");
    }
  }

  /**
   * Takes an iterator at the shard's newest record first, then queues the rebuild of the table's
   * caches, then records the restart: every change after that iterator reaches the table log behind
   * the rebuild requests, and the rebuilds read the table after every change before it.
   */
  private String restartAfterGap(String reason) {
    String latest = iterator(ShardIteratorType.LATEST, null);
    LOG.warn(
        "Shard {} of {} starts again at its newest record: {}. Its caches are rebuilt.",
        shardId,
        table,
        reason);
    io.gaps()
        .rebuildCachesOf(
            table,
            "Changes of "
                + table
                + " may have been lost ("
                + reason
                + "); BRMH rebuilt the cache from the table");
    long resetAt = System.currentTimeMillis();
    metrics.called(StreamMetrics.CHECKPOINT);
    if (!checkpoints.reset(streamArn, shardId, lease.owner(), reason, resetAt)) {
      forget();
      throw new IllegalStateException(
          "lost the lease of shard " + shardId + " of " + table + " while starting it again");
    }
    lastSequenceNumber = null;
    restartPending = true; // until a change gives a position to go on from
    shardEpoch = resetAt;
    checkpointConfirmed = true;
    return latest;
  }

  /**
   * Whether the shard still holds the record the checkpoint names. Checked once per lease taken: a
   * stream that lost its positions (DynamoDB Local restarted) accepts an old sequence number but
   * numbers new records from the start, below the checkpoint, where nothing after it would be read.
   */
  private boolean holdsRecordAt(String sequenceNumber) {
    String at = iterator(ShardIteratorType.AT_SEQUENCE_NUMBER, sequenceNumber);
    metrics.called(StreamMetrics.GET_RECORDS);
    List<Record> first = streams.getRecords(b -> b.shardIterator(at).limit(1)).records();
    return !first.isEmpty() && sequenceNumber.equals(first.get(0).dynamodb().sequenceNumber());
  }

  private String iterator(ShardIteratorType type, String sequenceNumber) {
    metrics.called(StreamMetrics.GET_SHARD_ITERATOR);
    return streams
        .getShardIterator(
            b ->
                b.streamArn(streamArn)
                    .shardId(shardId)
                    .shardIteratorType(type)
                    .sequenceNumber(sequenceNumber))
        .shardIterator();
  }
}
