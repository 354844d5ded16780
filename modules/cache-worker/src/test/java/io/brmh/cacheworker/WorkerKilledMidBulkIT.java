package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.ServiceProcess;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.testing.CacheMatchesTable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A worker killed with {@code kill -9} halfway through a bulk load: a new worker finds the load's
 * record again (it was never committed), resumes from the checkpoint, and the cache ends equal to
 * the table. This test's own context does not consume the table log.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerKilledMidBulkIT implements TestPropertyProvider {
  private static final int ITEMS = 12_000;
  private static final Path WORKER_JAR = Path.of("target", "brmh-cache-worker.jar");

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache-worker.enabled", "false");
    return properties;
  }

  @Test
  void killedWorkerIsReplacedAndTheLoadResumesToACacheEqualToTheTable() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    String project = "killed" + UUID.randomUUID().toString().substring(0, 6);
    String now = Instant.now().toString();
    configs.save(
        new CacheConfig(
            UUID.randomUUID().toString(),
            table.name,
            project,
            1,
            0,
            CacheConfig.ACTIVE,
            null,
            null,
            now,
            now));
    CacheKeys keys = new CacheKeys(project, table.name);
    Job job = jobs.accept("cache.table", CacheJobSubject.of(project, table.name), "tester");
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(
                        MessageType.CACHE_TABLE_REQUESTED, "/brmh/test", table.name)
                    .withJobId(job.id()),
                new CacheTableRequested(job.id(), project, table.name, 1, null, "tester")))
        .join();

    Map<String, String> workerProperties = workerProperties();
    ServiceProcess first =
        ServiceProcess.start(WORKER_JAR, workerProperties, Path.of("target", "worker-killed.log"));
    long doneWhenKilled;
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> progress(job) >= 2_000);
      first.kill();
      doneWhenKilled = progress(job);
    } finally {
      first.kill();
    }
    assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    assertThat(doneWhenKilled).isLessThan(ITEMS);

    try (ServiceProcess second =
        ServiceProcess.start(
            WORKER_JAR, workerProperties, Path.of("target", "worker-resumed.log"))) {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> jobs.find(job.id()).orElseThrow().status().isTerminal());
    }

    Job ended = jobs.find(job.id()).orElseThrow();
    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(ended.result()).containsEntry("totalRecords", ITEMS);
    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
  }

  /**
   * Chunk mode resumes each scan segment after the key of its last item in a written chunk, so 300
   * inserts and deletes written while no worker runs (their change events wait behind the load)
   * leave no item missing and none in two chunks.
   */
  @Test
  void chunkModeResumesByKeyAfterWritesMadeWhileNoWorkerRan() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheWorkerFixture fixture = new CacheWorkerFixture(jobs, publisher, configs);
    CacheKeys keys = fixture.configure(table, 50, 0);
    Job job = fixture.startBulkLoad(table, keys, 50, null);

    ServiceProcess first =
        ServiceProcess.start(
            WORKER_JAR, workerProperties(), Path.of("target", "worker-chunks-killed.log"));
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> progress(job) >= 2_000);
    } finally {
      first.kill();
    }
    assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 300; i++) {
      if (i % 2 == 0) {
        var inserted = TestTable.item("inserted-while-down-" + i, 1);
        table.put(inserted);
        fixture.publishChange(table, TableItemChanged.Operation.INSERT, null, inserted);
      } else {
        String id = String.format("item-%05d", random.nextInt(ITEMS));
        table.delete(id);
        fixture.publishChange(
            table, TableItemChanged.Operation.REMOVE, TestTable.item(id, 1), null);
      }
    }

    try (ServiceProcess second =
        ServiceProcess.start(
            WORKER_JAR, workerProperties(), Path.of("target", "worker-chunks-resumed.log"))) {
      fixture.awaitSuccess(job, Duration.ofSeconds(120));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 50)).isEmpty());
    }
  }

  private static Map<String, String> workerProperties() {
    Map<String, String> workerProperties = new HashMap<>(SharedDevstack.applicationProperties());
    workerProperties.put("brmh.cache-worker.session-timeout", "6s");
    // Small pages and a report on each, so that the load lasts seconds and is killed with most of
    // it to do.
    workerProperties.put("brmh.cache-worker.page-size", "25");
    workerProperties.put("brmh.jobs.progress-interval", "0ms");
    return workerProperties;
  }

  private long progress(Job job) {
    Job now = jobs.find(job.id()).orElseThrow();
    return now.progress() == null ? 0 : now.progress().done();
  }
}
