package io.brmh.streambridge;

import io.brmh.platform.kafka.EventPublisher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads one shard from where the bridge left it: each batch of records goes to the table log, and
 * only once Kafka acknowledged all of them does the checkpoint move past them. An expired iterator
 * is renewed from the checkpoint; a failure leaves the checkpoint where it was, and the next read
 * starts after it again.
 */
final class ShardReader {
  private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
  private static final int RECORDS_PER_READ = 1000;

  private final DynamoDbStreamsClient streams;
  private final EventPublisher publisher;
  private final ShardCheckpoints checkpoints;
  private final String table;
  private final String streamArn;
  private final String shardId;
  private String lastSequenceNumber;
  private boolean closed;
  private String iterator;

  ShardReader(DynamoDbStreamsClient streams, EventPublisher publisher, ShardCheckpoints checkpoints, String table, String streamArn,
      String shardId, ShardCheckpoints.Checkpoint start) {
    this.streams = streams;
    this.publisher = publisher;
    this.checkpoints = checkpoints;
    this.table = table;
    this.streamArn = streamArn;
    this.shardId = shardId;
    this.lastSequenceNumber = start == null ? null : start.sequenceNumber();
    this.closed = start != null && start.closed();
  }

  String shardId() {
    return shardId;
  }

  /** Read to its end: its child shards may be read now. */
  boolean isClosed() {
    return closed;
  }

  /** @return how many changes went to Kafka */
  int readOnce() {
    if (closed) {
      return 0;
    }
    try {
      GetRecordsResponse response = records();
      List<Record> records = response.records();
      CompletableFuture.allOf(records.stream()
          .map(record -> publisher.publish(ChangeEvents.of(table, streamArn, record)))
          .toArray(CompletableFuture[]::new)).join();
      if (!records.isEmpty()) {
        lastSequenceNumber = records.get(records.size() - 1).dynamodb().sequenceNumber();
      }
      iterator = response.nextShardIterator();
      closed = iterator == null;
      if (!records.isEmpty() || closed) {
        checkpoints.save(streamArn, shardId, new ShardCheckpoints.Checkpoint(lastSequenceNumber, closed));
      }
      return records.size();
    } catch (RuntimeException failed) {
      iterator = null; // start again after the checkpoint
      throw failed;
    }
  }

  private GetRecordsResponse records() {
    if (iterator == null) {
      iterator = freshIterator();
    }
    try {
      return streams.getRecords(b -> b.shardIterator(iterator).limit(RECORDS_PER_READ));
    } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
      // Iterators expire after 15 minutes; DynamoDB Local also trims under a fresh TRIM_HORIZON one.
      iterator = freshIterator();
      return streams.getRecords(b -> b.shardIterator(iterator).limit(RECORDS_PER_READ));
    }
  }

  /** After the checkpoint, or from the oldest record the stream keeps for a shard never read. */
  private String freshIterator() {
    if (lastSequenceNumber == null) {
      return iterator(ShardIteratorType.TRIM_HORIZON, null);
    }
    try {
      return iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequenceNumber);
    } catch (TrimmedDataAccessException trimmed) {
      LOG.warn("Changes of {} after {} in shard {} are no longer in its stream (kept 24 h): caches of it need a bulk load",
          table, lastSequenceNumber, shardId);
      return iterator(ShardIteratorType.TRIM_HORIZON, null);
    }
  }

  private String iterator(ShardIteratorType type, String sequenceNumber) {
    return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type).sequenceNumber(sequenceNumber))
        .shardIterator();
  }
}
