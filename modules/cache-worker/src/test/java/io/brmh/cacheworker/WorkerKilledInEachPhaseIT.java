package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code kill -9} of a worker process in each phase of a re-load, ten trials per phase: while it
 * writes pages, right after its swap began (the checkpoint says every page is written), and after
 * the swap before the job ends. The phase is watched from outside the worker, through Redis
 * keyspace notifications on the load's checkpoint. Before each trial the table loses a fifth of its
 * items and gains as many, and the re-load in the last phase switches between item and chunk mode,
 * so every step after the pages has work to be interrupted in. A new worker under the same static
 * group member name takes the table over at once and resumes the load; each trial ends with the job
 * SUCCEEDED for the table's item count, the cache equal to the table, no deleted item left in Redis
 * and nothing of the load left behind.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerKilledInEachPhaseIT implements TestPropertyProvider {
  private static final int TRIALS = 10;
  private static final int ITEMS = 3_000;
  private static final Path WORKER_JAR = Path.of("target", "brmh-cache-worker.jar");

  /** Where a kill is aimed, recognised by the checkpoint written just before it. */
  private enum Phase {
    /** Between two pages: the kill follows a page checkpoint, a different one in each trial. */
    PAGES,
    /** Every page is in Redis: gone items are being deleted, the indexes swapped. */
    SWAP_BEGAN,
    /** The indexes are swapped: the other mode's keys go, the load is recorded, the job ends. */
    BEFORE_JOB_END
  }

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;

  private String notificationsBefore;

  /**
   * This class's static group member name: a worker closed at the end of a test stays a member for
   * its session timeout.
   */
  private final String instanceId = "phase-trials-" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache-worker.enabled", "false");
    return properties;
  }

  @BeforeAll
  void notifyCheckpointWrites() {
    RedisNode node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
    notificationsBefore =
        node.getConfig("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
    node.setConfig("notify-keyspace-events", "K$g");
  }

  @AfterAll
  void restoreNotifications() {
    redis
        .getRedisNodes(RedisNodes.SINGLE)
        .getInstance()
        .setConfig("notify-keyspace-events", notificationsBefore);
  }

  @Test
  void killedWhileWritingPagesTenTimesEachCacheEqualsItsTable() throws Exception {
    assertThat(trials(Phase.PAGES)).containsOnlyKeys("pages");
  }

  @Test
  void killedRightAfterTheSwapBeganTenTimesEachCacheEqualsItsTable() throws Exception {
    Map<String, Integer> landed = trials(Phase.SWAP_BEGAN);
    assertThat(landed).doesNotContainKey("pages");
    assertThat(landed.getOrDefault("all pages written", 0) + landed.getOrDefault("swapped", 0))
        .as("kills that landed between the last page and the job's end: %s", landed)
        .isGreaterThanOrEqualTo(TRIALS / 2);
  }

  @Test
  void killedAfterTheSwapBeforeTheJobEndedTenTimesEachCacheEqualsItsTable() throws Exception {
    Map<String, Integer> landed = trials(Phase.BEFORE_JOB_END);
    assertThat(landed).doesNotContainKeys("pages", "all pages written");
    assertThat(landed.getOrDefault("swapped", 0))
        .as("kills that landed after the swap, before the job's end: %s", landed)
        .isGreaterThanOrEqualTo(TRIALS / 2);
  }

  /**
   * @return how many kills landed in each state the load was found in afterwards
   */
  private Map<String, Integer> trials(Phase phase) throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    TreeSet<String> ids = new TreeSet<>();
    for (int i = 0; i < ITEMS; i++) {
      ids.add(String.format("item-%05d", i));
    }
    String project = "phase" + UUID.randomUUID().toString().substring(0, 6);
    String configId = UUID.randomUUID().toString();
    CacheKeys keys = new CacheKeys(project, table.name);
    CacheWorkerFixture fixture = new CacheWorkerFixture(jobs, publisher, configs);
    Random random = new Random(phase.ordinal());
    Map<String, Integer> landed = new TreeMap<>();

    ServiceProcess worker = startWorker(phase, 0);
    try {
      configure(configId, keys, 1);
      fixture.bulkLoad(table, keys, 1, null); // the cache every trial re-loads
      for (int trial = 1; trial <= TRIALS; trial++) {
        List<String> deleted = replaceAFifth(table, ids, random, trial);
        int recordsPerKey = phase == Phase.BEFORE_JOB_END && trial % 2 == 1 ? 50 : 1;
        configure(configId, keys, recordsPerKey);
        Job job;
        try (CheckpointWatch watch = new CheckpointWatch(redis, keys)) {
          job = fixture.startBulkLoad(table, keys, recordsPerKey, null);
          watch.awaitWrite(phase, 2 + trial * 4); // of about 60 page checkpoints
          if (phase != Phase.PAGES) {
            // Not a wait for a condition (the checkpoint write was the condition): the kill's
            // offset into the phase,
            // 0–9 ms, so that the trials land across its steps instead of all at one instant after
            // the write.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(trial - 1));
          }
          worker.kill();
        }
        landed.merge(landing(keys, job), 1, Integer::sum);
        worker = startWorker(phase, trial);

        Job ended = fixture.awaitSuccess(job, Duration.ofSeconds(90));
        assertThat(ended.result())
            .as("trial %d", trial)
            .containsEntry("totalRecords", ids.size())
            .containsEntry("failedWrites", 0);
        assertThat(CacheMatchesTable.differences(redis, dynamo, keys, recordsPerKey))
            .as("trial %d", trial)
            .isEmpty();
        if (recordsPerKey == 1) {
          assertThat(
                  redis
                      .getKeys()
                      .countExists(deleted.stream().map(keys::item).toArray(String[]::new)))
              .as("items deleted from the table still cached, trial %d", trial)
              .isZero();
          assertThat(
                  redis.getKeys().countExists(keys.chunkIndex(), keys.chunkOfItem(), keys.chunk(0)))
              .as("chunk-mode keys left, trial %d", trial)
              .isZero();
        } else {
          assertThat(redis.getKeys().countExists(keys.itemIndex()))
              .as("item index left, trial %d", trial)
              .isZero();
          assertThat(
                  redis.getKeys().countExists(ids.stream().map(keys::item).toArray(String[]::new)))
              .as("item-mode keys left, trial %d", trial)
              .isZero();
        }
        // A kill after the job's end was stored leaves the checkpoint to the next worker, which may
        // still be starting.
        await()
            .atMost(Duration.ofSeconds(60))
            .alias("the load's checkpoint or staging indexes left behind, trial " + trial)
            .until(
                () ->
                    redis
                            .getKeys()
                            .countExists(
                                keys.bulkCheckpoint(),
                                keys.staging(keys.itemIndex(), job.id()),
                                keys.staging(keys.chunkIndex(), job.id()),
                                keys.staging(keys.chunkOfItem(), job.id()))
                        == 0);
      }
    } finally {
      worker.close();
    }
    System.out.printf("kill -9 aimed at %s, %d trials: landed %s%n", phase, TRIALS, landed);
    return landed;
  }

  private void configure(String configId, CacheKeys keys, int recordsPerKey) {
    String now = Instant.now().toString();
    configs.save(
        new CacheConfig(
            configId,
            keys.table(),
            keys.project(),
            recordsPerKey,
            0,
            CacheConfig.ACTIVE,
            null,
            null,
            now,
            now));
  }

  /** Deletes a fifth of the table's items at random and writes as many new ones. */
  private static List<String> replaceAFifth(
      TestTable table, TreeSet<String> ids, Random random, int trial) {
    List<String> present = new ArrayList<>(ids);
    List<String> deleted = new ArrayList<>();
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < ITEMS / 5; i++) {
      String gone = present.remove(random.nextInt(present.size()));
      deleted.add(gone);
      ids.remove(gone);
      writes.add(TestTable.deleteRequest(gone));
      String added = String.format("trial-%02d-%04d", trial, i);
      ids.add(added);
      writes.add(TestTable.putRequest(TestTable.item(added, trial)));
    }
    table.write(writes);
    return deleted;
  }

  /** Where the killed load stood, as its checkpoint and job tell. */
  private String landing(CacheKeys keys, Job job) {
    if (jobs.find(job.id()).orElseThrow().status().isTerminal()) {
      return "job ended";
    }
    String checkpoint = redis.<String>getBucket(keys.bulkCheckpoint(), StringCodec.INSTANCE).get();
    if (checkpoint == null) {
      return "no checkpoint";
    }
    if (checkpoint.contains("\"SWAPPED\"")) {
      return "swapped";
    }
    return checkpoint.contains("\"PAGES_WRITTEN\"") ? "all pages written" : "pages";
  }

  /**
   * Every worker of these trials is the same static member of the group, so a new one gets the
   * killed one's partitions at once instead of after its session timeout.
   */
  private ServiceProcess startWorker(Phase phase, int trial) throws Exception {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache-worker.instance-id", instanceId);
    properties.put("brmh.cache-worker.session-timeout", "6s");
    properties.put("brmh.cache-worker.page-size", "50");
    return ServiceProcess.start(
        WORKER_JAR, properties, Path.of("target", "worker-phase-" + phase + "-" + trial + ".log"));
  }

  /** The checkpoint writes of one load, seen through keyspace notifications as they happen. */
  private static final class CheckpointWatch implements AutoCloseable {
    private final RedissonClient redis;
    private final CacheKeys keys;
    private final RPatternTopic topic;
    private final int listener;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    CheckpointWatch(RedissonClient redis, CacheKeys keys) {
      this.redis = redis;
      this.keys = keys;
      this.topic =
          redis.getPatternTopic("__keyspace@*__:" + keys.bulkCheckpoint(), StringCodec.INSTANCE);
      this.listener =
          topic.addListener(String.class, (pattern, channel, event) -> events.add(event));
    }

    /**
     * Returns as soon as the checkpoint shows the phase: for {@link Phase#PAGES}, at the given page
     * checkpoint; otherwise at the first checkpoint of that phase.
     */
    void awaitWrite(Phase phase, int pageCheckpoint) throws InterruptedException {
      int pages = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        String event = events.poll(100, TimeUnit.MILLISECONDS);
        if (!"set".equals(event)) {
          continue;
        }
        String checkpoint =
            redis.<String>getBucket(keys.bulkCheckpoint(), StringCodec.INSTANCE).get();
        boolean reached =
            switch (phase) {
              case PAGES ->
                  checkpoint != null
                      && checkpoint.contains("\"PAGES\"")
                      && ++pages >= pageCheckpoint;
              case SWAP_BEGAN ->
                  checkpoint == null
                      || checkpoint.contains("\"PAGES_WRITTEN\"")
                      || checkpoint.contains("\"SWAPPED\"");
              case BEFORE_JOB_END -> checkpoint == null || checkpoint.contains("\"SWAPPED\"");
            };
        if (reached) {
          return;
        }
      }
      throw new AssertionError("the load never reached " + phase);
    }

    @Override
    public void close() {
      topic.removeListener(listener);
    }
  }
}
