package io.brmh.indexworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.Topic;
import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.indexworker.lucene.LuceneEngine;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.search.IndexConfig;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Index workers killed with {@code kill -9}, each its own process on one index directory: one in
 * the middle of a reindex (the next one resumes from the job's checkpoint), one while it applies
 * the changes queued behind it (the next one applies them again from the last commit). The index
 * ends equal to the table. This test's own context runs no worker and opens the engine only once
 * the last worker is gone: the embedded engine serves one process.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexWorkerKilledIT implements TestPropertyProvider {
  private static final Path WORKER_JAR = Path.of("target", "brmh-index-worker.jar");
  private static final int ITEMS = 1500;

  @Inject IndexedTables tables;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.index-worker.enabled", "false");
    return properties;
  }

  @Test
  void killedMidReindexAndWhileApplyingChangesTheIndexEndsEqualToTheTable() throws Exception {
    Path directory = Files.createTempDirectory("killed-index");
    Map<String, String> worker = new HashMap<>(SharedDevstack.applicationProperties());
    worker.put("brmh.search.lucene-directory", directory.toString());
    worker.put("brmh.index-worker.page-size", "20");
    worker.put("brmh.index-worker.session-timeout", "6s");
    worker.put("brmh.jobs.progress-interval", "0ms");
    IndexConfig config = tables.table(ITEMS);
    Job job = tables.reindex(config);

    ServiceProcess first = ServiceProcess.start(WORKER_JAR, worker, log("first"));
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> progress(job) >= 300);
    } finally {
      first.kill();
    }
    assertThat(tables.jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    long atKill = progress(job);
    assertThat(atKill).isLessThan(ITEMS);
    // Changes behind the reindex wait in Kafka while no worker runs.
    for (int i = 0; i < 200; i++) {
      if (i % 4 == 0) {
        tables.remove(config.table(), "item-" + i);
      } else {
        tables.change(config.table(), IndexedTables.item(i + 5000, "Queued " + i));
      }
    }

    ServiceProcess second = ServiceProcess.start(WORKER_JAR, worker, log("second"));
    java.util.concurrent.atomic.AtomicLong lowest =
        new java.util.concurrent.atomic.AtomicLong(ITEMS);
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                lowest.accumulateAndGet(progress(job), Math::min);
                return tables.jobs.find(job.id()).orElseThrow().status().isTerminal();
              });
    } finally {
      second.kill(); // while it applies the changes queued behind the reindex, or just after
    }
    assertThat(tables.jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(lowest.get())
        .as("the second worker went on from the checkpoint")
        .isGreaterThanOrEqualTo(atKill);

    try (ServiceProcess third = ServiceProcess.start(WORKER_JAR, worker, log("third"))) {
      await().atMost(Duration.ofSeconds(90)).until(IndexWorkerKilledIT::caughtUp);
    }
    try (LuceneEngine engine = new LuceneEngine(directory)) {
      assertThat(IndexedTables.indexed(engine, config)).isEqualTo(tables.expected(config));
    }
  }

  /** Whether the index workers' group has committed everything the table log holds. */
  private static boolean caughtUp() throws Exception {
    String topic = Topic.TABLE_LOG.topicName();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedDevstack.endpoints().kafkaBootstrapServers()))) {
      var committed =
          admin
              .listConsumerGroupOffsets(ConsumerGroups.INDEX_WORKER)
              .partitionsToOffsetAndMetadata()
              .get();
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      return partitions.stream()
          .allMatch(
              partition ->
                  ends.get(partition).offset() == 0
                      || committed.get(partition) != null
                          && committed.get(partition).offset() >= ends.get(partition).offset());
    }
  }

  private long progress(Job job) {
    Job now = tables.jobs.find(job.id()).orElseThrow();
    return now.progress() == null ? 0 : now.progress().done();
  }

  private static Path log(String name) {
    return Path.of("target", "index-worker-" + name + ".log");
  }
}
