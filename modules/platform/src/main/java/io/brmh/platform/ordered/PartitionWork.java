package io.brmh.platform.ordered;

import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.ordered.OrderedHandler.CommandOutcome;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the records of each partition in order on the consumer's thread: changes in batches,
 * commands as work the partition waits for, failures as retries or dead letters; what is done goes
 * to {@link PendingCommits}.
 */
final class PartitionWork {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionWork.class);

  private final OrderedHandler handler;
  private final DeadLetters deadLetters;
  private final Retries retries;
  private final RunningCommands commands;
  private final PendingCommits commits = new PendingCommits();
  private KafkaConsumer<String, byte[]> consumer;

  PartitionWork(
      OrderedHandler handler, DeadLetters deadLetters, Retries retries, RunningCommands commands) {
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.retries = retries;
    this.commands = commands;
  }

  /** The consumer of this poll (a new one after a failure). */
  void begin(KafkaConsumer<String, byte[]> current) {
    this.consumer = current;
  }

  /**
   * Handles a partition's records in order. Consecutive changes go to the handler as one batch (a
   * few round trips for hundreds of changes); if one of them can never be applied, they are handled
   * one by one, so that only that one is dead-lettered. A passing failure stops the partition at
   * the record that failed until its retry is due.
   */
  void handle(TopicPartition partition, List<OrderedRecord> records) {
    int i = 0;
    while (i < records.size()) {
      int end = i;
      while (end < records.size() && records.get(end) instanceof OrderedRecord.Change) {
        end++;
      }
      if (end > i) {
        if (!applyChanges(partition, records.subList(i, end))) {
          return;
        }
        i = end;
      } else if (!handleOther(partition, records.get(i++))) {
        return;
      }
    }
  }

  /**
   * @return whether to go on with the partition's next record
   */
  private boolean applyChanges(TopicPartition partition, List<OrderedRecord> changes) {
    try {
      handler.applyChanges(
          changes.stream().map(record -> ((OrderedRecord.Change) record).change()).toList());
      done(partition, changes.get(changes.size() - 1).record());
      return true;
    } catch (RuntimeException failure) {
      if (!Retries.isUnprocessable(failure)) {
        return retryLater(partition, changes.get(0).record(), failure);
      }
      if (changes.size() == 1) {
        return deadLetter(partition, changes.get(0).record(), failure);
      }
      LOG.debug(
          "One of {} changes at {} can never be applied; applying them one by one",
          changes.size(),
          partition,
          failure);
      for (OrderedRecord change : changes) {
        if (!applyChanges(partition, List.of(change))) {
          return false;
        }
      }
      return true;
    }
  }

  private boolean handleOther(TopicPartition partition, OrderedRecord record) {
    if (record instanceof OrderedRecord.Unreadable unreadable) {
      return deadLetter(partition, record.record(), unreadable.cause());
    }
    OrderedRecord.Command command = (OrderedRecord.Command) record;
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<CommandOutcome> work;
    try {
      work = handler.start(command.envelope(), stop::get);
    } catch (RuntimeException failure) {
      work = CompletableFuture.failedFuture(failure);
    }
    commands.add(partition, record.record(), work, stop);
    consumer.pause(List.of(partition));
    return false;
  }

  /** Ends the commands whose work ended: committed, retried later, or dead-lettered. */
  void finishEndedCommands() {
    commands
        .takeEnded()
        .forEach(
            (partition, command) -> {
              try {
                if (command.work().join() == CommandOutcome.STOPPED) {
                  return; // asked to stop: the partition is leaving, its next owner runs the
                  // command again
                }
                doneWithCommand(partition, command.offset());
              } catch (CompletionException failed) {
                Throwable cause = failed.getCause();
                if (Retries.isUnprocessable(cause)) {
                  LOG.warn(
                      "The command at {}@{} can never be done: {}",
                      partition,
                      command.offset(),
                      cause.toString());
                  if (deadLetter(partition, command.record(), cause)) {
                    doneWithCommand(partition, command.offset());
                  }
                } else {
                  retryLater(partition, command.record(), cause);
                }
              }
            });
  }

  private void doneWithCommand(TopicPartition partition, long offset) {
    commits.done(partition, offset);
    retries.succeeded(partition);
    consumer.seek(partition, offset + 1);
    consumer.resume(List.of(partition));
  }

  void resumeDueRetries() {
    retries
        .due()
        .forEach(
            (partition, retry) -> {
              if (consumer.paused().contains(partition) && !commands.isRunning(partition)) {
                consumer.resume(List.of(partition));
              }
            });
  }

  private void done(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
    commits.done(partition, record.offset());
    retries.succeeded(partition);
  }

  /**
   * @return false: the partition waits at this record
   */
  private boolean retryLater(
      TopicPartition partition, ConsumerRecord<String, byte[]> record, Throwable failure) {
    Retries.Retry retry = retries.failed(partition, record.offset());
    LOG.warn(
        "Record {}@{} failed (attempt {}), trying again in {} ms: {}",
        partition,
        record.offset(),
        retry.attempts(),
        retries.wait(retry.attempts()).toMillis(),
        failure.toString());
    consumer.pause(List.of(partition));
    consumer.seek(partition, record.offset());
    return false;
  }

  /**
   * Moves the record to the dead-letter topic and tells the handler, which ends the job a command
   * carried (its id is in the headers even when the payload is unreadable).
   *
   * @return whether the record is out of the way; if Kafka does not take the letter, the partition
   *     waits to try again
   */
  private boolean deadLetter(
      TopicPartition partition, ConsumerRecord<String, byte[]> record, Throwable cause) {
    try {
      deadLetters.deadLetter(record, cause);
      handler.deadLettered(record, cause);
    } catch (RuntimeException refused) {
      return retryLater(partition, record, refused);
    }
    done(partition, record);
    return true;
  }

  /** Commits what is done; see {@link PendingCommits#commit}. */
  void commit() {
    commits.commit(consumer);
  }

  void commitBeforeRevoke(Collection<TopicPartition> partitions) {
    commits.commitBeforeRevoke(consumer, partitions);
  }

  void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(
        partition -> {
          commits.forget(partition);
          retries.succeeded(partition);
        });
  }

  void forgetAll() {
    commits.forgetAll();
    retries.clear();
  }
}
