package io.brmh.platform.ordered;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets of records whose effect is durable, kept until a commit succeeds: a commit that fails is
 * tried again at the next poll, or left to the next owner of a partition that moved (the records
 * come again there; handlers are idempotent).
 */
final class PendingCommits {
  private static final Logger LOG = LoggerFactory.getLogger(PendingCommits.class);

  private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();

  /** The record at {@code offset} is done. */
  void done(TopicPartition partition, long offset) {
    toCommit.put(partition, new OffsetAndMetadata(offset + 1));
  }

  void commit(KafkaConsumer<String, byte[]> consumer) {
    if (toCommit.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(toCommit);
      toCommit.clear();
    } catch (RebalanceInProgressException rebalancing) {
      // Cooperative: this member keeps most partitions; revoked ones leave in the listener. Commit
      // at the next poll.
      LOG.info("A commit met a rebalance; it is tried again: {}", rebalancing.toString());
    } catch (CommitFailedException moved) {
      LOG.info(
          "A commit was refused after the group moved on; the records come again to their next owner: {}",
          moved.toString());
      toCommit.clear();
    } catch (WakeupException stopping) {
      throw stopping;
    } catch (KafkaException notNow) {
      LOG.warn("A commit failed; it is tried again: {}", notNow.toString());
    }
  }

  /**
   * In the revocation listener, where a commit is still allowed: what is done for the leaving
   * partitions.
   */
  void commitBeforeRevoke(
      KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
    partitions.forEach(
        partition -> {
          OffsetAndMetadata offset = toCommit.remove(partition);
          if (offset != null) {
            leaving.put(partition, offset);
          }
        });
    if (!leaving.isEmpty()) {
      try {
        consumer.commitSync(leaving);
      } catch (KafkaException e) {
        LOG.info(
            "Offsets of revoked partitions were not committed; their next owner repeats those records: {}",
            e.toString());
      }
    }
  }

  void forget(TopicPartition partition) {
    toCommit.remove(partition);
  }

  void forgetAll() {
    toCommit.clear();
  }
}
