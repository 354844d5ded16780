package io.brmh.platform.ordered;

import io.brmh.platform.ordered.OrderedHandler.CommandOutcome;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The commands whose partitions wait for them, at most one per partition. */
final class RunningCommands {
  private static final Logger LOG = LoggerFactory.getLogger(RunningCommands.class);

  private final Map<TopicPartition, Running> running = new HashMap<>();
  private final Duration stopTimeout;

  /**
   * A command's record, its work, and the flag that asks the work to stop at its next checkpoint.
   */
  record Running(
      ConsumerRecord<String, byte[]> record,
      CompletableFuture<CommandOutcome> work,
      AtomicBoolean stop) {
    long offset() {
      return record.offset();
    }
  }

  /**
   * @param stopTimeout how long a stop waits for a command to reach its checkpoint
   */
  RunningCommands(Duration stopTimeout) {
    this.stopTimeout = stopTimeout;
  }

  void add(
      TopicPartition partition,
      ConsumerRecord<String, byte[]> record,
      CompletableFuture<CommandOutcome> work,
      AtomicBoolean stop) {
    running.put(partition, new Running(record, work, stop));
  }

  boolean isRunning(TopicPartition partition) {
    return running.containsKey(partition);
  }

  int count() {
    return running.size();
  }

  /** Removes and returns the commands whose work ended. */
  Map<TopicPartition, Running> takeEnded() {
    Map<TopicPartition, Running> ended = new HashMap<>();
    running
        .entrySet()
        .removeIf(
            entry -> {
              if (entry.getValue().work().isDone()) {
                ended.put(entry.getKey(), entry.getValue());
                return true;
              }
              return false;
            });
    return ended;
  }

  /**
   * Asks the commands of these partitions to stop and waits for them; their records stay
   * uncommitted.
   */
  void stop(Collection<TopicPartition> partitions) {
    List<TopicPartition> stopping = partitions.stream().filter(running::containsKey).toList();
    stopping.forEach(partition -> running.get(partition).stop().set(true));
    for (TopicPartition partition : stopping) {
      Running command = running.remove(partition);
      try {
        command.work().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
            "Stopped the command at {}@{}: the partition's next owner goes on from its checkpoint",
            partition,
            command.offset());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.warn(
            "The command at {}@{} did not stop cleanly: {}",
            partition,
            command.offset(),
            e.toString());
      }
    }
  }

  void stopAll() {
    stop(List.copyOf(running.keySet()));
  }
}
