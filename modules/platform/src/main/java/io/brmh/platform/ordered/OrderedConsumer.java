package io.brmh.platform.ordered;

import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.kafka.EnvelopeRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic in order, partition by partition, for one consumer group, and commits a record
 * only once its effect is durable. The cache worker reads {@code brmh.table-log} with it, and every
 * worker that follows tables (search index, webhooks) does so with a group of its own; the command
 * workers (namespaces, scrapes, deploys) read their command topics with it, where every record is a
 * command.
 *
 * <ul>
 *   <li>A command (a bulk load, a clear) pauses its partition, so that the table's changes behind
 *       it wait in Kafka, not in memory, while this thread keeps polling: a long command never
 *       makes the group rebalance. Its record is committed when its work is done.
 *   <li>A record that fails for a passing reason (Redis, DynamoDB or Kafka unavailable or
 *       throttled) is tried again, without limit, with a growing wait while its partition stays
 *       paused; only a record that can never be handled goes to the topic's {@code .dlq} ({@link
 *       Retries}).
 *   <li>The loop survives every failure: a commit refused during a rebalance is left to the next
 *       owner (the records come again; handlers are idempotent), a failed dead-letter send is a
 *       passing failure, and anything unexpected replaces the Kafka consumer after a wait.
 *   <li>Cooperative-sticky assignment: a rebalance stops only the commands whose partitions move.
 * </ul>
 */
public final class OrderedConsumer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(OrderedConsumer.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /** Longer without a poll and the consumer counts as stuck in {@link #health()}. */
  private static final Duration STUCK_AFTER = Duration.ofSeconds(30);

  private final OrderedConsumerSettings settings;
  private final EnvelopeRecords envelopes;
  private final Retries retries;
  private final RunningCommands commands;
  private final PartitionWork work;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile Instant lastPoll = Instant.now();
  private volatile int assigned;
  private KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public OrderedConsumer(
      OrderedConsumerSettings settings,
      OrderedHandler handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    this.settings = settings;
    this.envelopes = envelopes;
    this.retries = new Retries(settings.maxBackoff());
    this.commands = new RunningCommands(settings.stopTimeout());
    this.work = new PartitionWork(handler, deadLetters, retries, commands);
  }

  /** Starts reading on a thread of its own, named after the group. */
  public void start() {
    thread = new Thread(this, settings.groupId() + "-" + settings.topic().topicName());
    thread.start();
  }

  @Override
  public void run() {
    int failures = 0;
    while (running) {
      try {
        if (consumer == null) {
          consumer = newConsumer();
          consumer.subscribe(List.of(settings.topic().topicName()), new Rebalance());
        }
        pollOnce();
        failures = 0;
      } catch (WakeupException stopping) {
        // stop() woke the poll; the loop's condition decides
      } catch (RuntimeException unexpected) {
        failures++;
        Duration wait = retries.wait(failures);
        LOG.error(
            "The {} consumer of {} failed; it starts again with a new Kafka consumer in {} ms",
            settings.topic().topicName(),
            settings.groupId(),
            wait.toMillis(),
            unexpected);
        discardConsumer();
        awaitStop(wait);
      }
    }
    discardConsumer();
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
    lastPoll = Instant.now();
    work.begin(consumer);
    for (TopicPartition partition : records.partitions()) {
      // Records fetched before the partition paused for a command or a retry are read again after
      // it.
      if (!commands.isRunning(partition) && !consumer.paused().contains(partition)) {
        work.handle(
            partition,
            records.records(partition).stream()
                .map(record -> OrderedRecord.parse(settings.topic(), envelopes, record))
                .toList());
      }
    }
    work.finishEndedCommands();
    work.resumeDueRetries();
    work.commit();
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    // A poll takes everything one fetch brought (1 MB of ~1 kB changes): records left buffered keep
    // their partition out of the next fetch, which then long-polls the idle partitions for
    // fetch.max.wait.ms while the busy one waits. The shorter wait bounds that on other paths.
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    properties.put(
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
    properties.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) settings.sessionTimeout().toMillis() / 3);
    if (settings.instanceId() != null && !settings.instanceId().isBlank()) {
      properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.instanceId());
    }
    return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Stops the commands (they keep their checkpoints), commits what is done, and closes the
   * consumer.
   */
  private void discardConsumer() {
    commands.stopAll();
    if (consumer != null) {
      try {
        work.commit();
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn(
            "Closing the {} consumer of {} failed: {}",
            settings.topic().topicName(),
            settings.groupId(),
            e.toString());
      }
      consumer = null;
    }
    work.forgetAll();
    assigned = 0;
  }

  private void awaitStop(Duration wait) {
    try {
      stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * For readiness: a short description while the consumer polls.
   *
   * @throws IllegalStateException when its thread ended or it has not polled for a while
   */
  public String health() {
    if (thread == null || !thread.isAlive()) {
      throw new IllegalStateException(
          "the " + settings.topic().topicName() + " consumer is not running");
    }
    Duration since = Duration.between(lastPoll, Instant.now());
    if (since.compareTo(STUCK_AFTER) > 0) {
      throw new IllegalStateException(
          "the "
              + settings.topic().topicName()
              + " consumer has not polled for "
              + since.toSeconds()
              + " s");
    }
    return assigned
        + " partitions, "
        + commands.count()
        + " commands running, "
        + retries.count()
        + " waiting to retry";
  }

  /** Asks the loop to stop, and waits for it: running commands stop at a checkpoint. */
  public void stop() throws InterruptedException {
    running = false;
    stopped.countDown();
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      thread.join(settings.stopTimeout().plusSeconds(30).toMillis());
    }
  }

  /** Only the commands of partitions that move stop; what was done for them is committed first. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commands.stop(partitions);
      work.commitBeforeRevoke(partitions);
      work.forget(partitions);
      assigned = consumer.assignment().size() - partitions.size();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Already someone else's: nothing may be committed for them.
      commands.stop(partitions);
      work.forget(partitions);
      assigned = 0;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned = consumer.assignment().size();
    }
  }
}
