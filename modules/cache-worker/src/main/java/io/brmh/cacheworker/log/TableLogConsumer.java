package io.brmh.cacheworker.log;

import io.brmh.cacheworker.bulk.BulkLoader;
import io.brmh.contracts.Topic;
import io.brmh.platform.kafka.DeadLetters;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code brmh.table-log} in order, one partition at a time, and commits a record only once
 * its effect is in Redis. A bulk load pauses its partition (the table's changes wait in Kafka, not
 * in memory) while this thread keeps polling, so a long load never makes the group rebalance; the
 * load's record is committed when it ends. A failing change is retried with backoff by pausing and
 * seeking back, then dead-lettered, so one bad record cannot hold its partition for ever.
 */
@Context
@Requires(property = "brmh.cache-worker.enabled", notEquals = "false")
class TableLogConsumer implements Runnable {
  static final String GROUP_ID = "brmh-cache-worker";
  static final int MAX_ATTEMPTS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(TableLogConsumer.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String bootstrapServers;
  private final Duration sessionTimeout;
  private final TableLogHandler handler;
  private final DeadLetters deadLetters;
  private final Map<TopicPartition, RunningLoad> loads = new HashMap<>();
  private final Map<TopicPartition, Backoff> backoffs = new HashMap<>();
  private volatile boolean running = true;
  private KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  /**
   * @param sessionTimeout how long a silent worker keeps its partitions ({@code
   *     brmh.cache-worker.session-timeout}, default 10 s): after a crash, its tables wait this long
   *     before another worker takes them over and resumes their loads
   */
  TableLogConsumer(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${brmh.cache-worker.session-timeout:10s}") Duration sessionTimeout, TableLogHandler handler, DeadLetters deadLetters) {
    this.bootstrapServers = bootstrapServers;
    this.sessionTimeout = sessionTimeout;
    this.handler = handler;
    this.deadLetters = deadLetters;
  }

  private record RunningLoad(long offset, HandlingResult.BulkStarted load) {}

  private record Backoff(long offset, int attempts, long resumeAtNanos) {}

  @PostConstruct
  void start() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // A poll takes everything one fetch brought (1 MB of ~1 kB changes): records left buffered keep
    // their partition out of the next fetch, which then long-polls the idle partitions for
    // fetch.max.wait.ms while the busy one waits. The shorter wait bounds that on other paths.
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3);
    consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this, "table-log-consumer");
    thread.start();
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(Topic.TABLE_LOG.topicName()), new Rebalance());
    try {
      while (running) {
        pollOnce();
      }
    } catch (WakeupException stopping) {
      // close() woke the poll
    } catch (RuntimeException unexpected) {
      LOG.error("The table-log consumer stopped", unexpected);
    } finally {
      stopLoads(loads.keySet());
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      if (!loads.containsKey(partition)) { // else fetched before the pause; re-read from the load's record later
        handlePartition(partition, records.records(partition).stream().map(handler::parse).toList(), commits);
      }
    }
    finishEndedLoads(commits);
    resumeDueBackoffs();
    if (!commits.isEmpty()) {
      consumer.commitSync(commits);
    }
  }

  /**
   * Handles a partition's records in order. Consecutive changes go to Redis as one batch (a few
   * pipelined round trips for hundreds of changes); if the batch fails, its changes are handled one
   * by one, so that only a change that keeps failing is retried and dead-lettered.
   */
  private void handlePartition(TopicPartition partition, List<TableLogHandler.Parsed> parsed,
      Map<TopicPartition, OffsetAndMetadata> commits) {
    int i = 0;
    while (i < parsed.size()) {
      int end = i;
      while (end < parsed.size() && parsed.get(end) instanceof TableLogHandler.Parsed.Change) {
        end++;
      }
      if (end - i > 1 && appliedAsBatch(parsed.subList(i, end))) {
        commits.put(partition, new OffsetAndMetadata(parsed.get(end - 1).record().offset() + 1));
        backoffs.remove(partition);
        i = end;
        continue;
      }
      int last = Math.max(end, i + 1);
      for (; i < last; i++) {
        if (!handleRecord(partition, parsed.get(i), commits)) {
          return;
        }
      }
    }
  }

  private boolean appliedAsBatch(List<TableLogHandler.Parsed> changes) {
    try {
      handler.applyBatch(changes.stream().map(parsed -> ((TableLogHandler.Parsed.Change) parsed).change()).toList());
      return true;
    } catch (RuntimeException oneOfThemFailed) {
      LOG.debug("A batch of {} changes failed; handling them one by one", changes.size(), oneOfThemFailed);
      return false;
    }
  }

  /** @return whether to go on with the partition's next record */
  private boolean handleRecord(TopicPartition partition, TableLogHandler.Parsed parsed,
      Map<TopicPartition, OffsetAndMetadata> commits) {
    ConsumerRecord<String, byte[]> record = parsed.record();
    HandlingResult result = handler.handle(parsed);
    if (result instanceof HandlingResult.BulkStarted load) {
      loads.put(partition, new RunningLoad(record.offset(), load));
      consumer.pause(List.of(partition));
      return false;
    }
    if (result instanceof HandlingResult.Retry retry) {
      Backoff previous = backoffs.get(partition);
      int attempts = previous != null && previous.offset() == record.offset() ? previous.attempts() + 1 : 1;
      if (attempts < MAX_ATTEMPTS) {
        LOG.warn("Change at {}@{} failed (attempt {}), retrying: {}", partition, record.offset(), attempts, retry.cause().toString());
        backoffs.put(partition, new Backoff(record.offset(), attempts, System.nanoTime() + backoff(attempts)));
        consumer.pause(List.of(partition));
        consumer.seek(partition, record.offset());
        return false;
      }
      deadLetters.deadLetter(record, retry.cause());
    } else if (result instanceof HandlingResult.Poison poison) {
      deadLetters.deadLetter(record, poison.cause());
    }
    backoffs.remove(partition);
    commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
    return true;
  }

  private void finishEndedLoads(Map<TopicPartition, OffsetAndMetadata> commits) {
    loads.entrySet().removeIf(entry -> {
      RunningLoad running = entry.getValue();
      if (!running.load().outcome().isDone()) {
        return false;
      }
      TopicPartition partition = entry.getKey();
      if (running.load().outcome().isCompletedExceptionally()) {
        LOG.warn("Bulk load at {}@{} broke off; it resumes from its checkpoint", partition, running.offset());
        consumer.seek(partition, running.offset());
      } else if (running.load().outcome().join() == BulkLoader.Outcome.JOB_ENDED) {
        commits.put(partition, new OffsetAndMetadata(running.offset() + 1));
        consumer.seek(partition, running.offset() + 1);
      }
      consumer.resume(List.of(partition));
      return true;
    });
  }

  private void resumeDueBackoffs() {
    long now = System.nanoTime();
    backoffs.forEach((partition, backoff) -> {
      if (now >= backoff.resumeAtNanos() && consumer.paused().contains(partition)) {
        consumer.resume(List.of(partition));
      }
    });
  }

  private static long backoff(int attempts) {
    return TimeUnit.MILLISECONDS.toNanos(Math.min(5_000, 100L << (2 * (attempts - 1))));
  }

  /** Asks the loads of these partitions to checkpoint and stop, and waits for them. */
  private void stopLoads(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : List.copyOf(partitions)) {
      RunningLoad running = loads.remove(partition);
      if (running != null) {
        running.load().stop().set(true);
        try {
          running.load().outcome().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          LOG.warn("Bulk load at {}@{} did not stop cleanly: {}", partition, running.offset(), e.toString());
        }
      }
    }
  }

  /** Another worker takes over revoked partitions: their loads stop at a checkpoint, uncommitted. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      stopLoads(partitions);
      partitions.forEach(backoffs::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(TimeUnit.SECONDS.toMillis(90));
  }
}
