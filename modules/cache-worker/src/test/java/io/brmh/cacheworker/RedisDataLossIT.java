package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.job.JobStatus;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheLoads;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.testing.CacheMatchesTable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A cache heals itself when Redis loses it: flushed, or killed and started empty (tests keep no
 * Redis data). Within 30 s a rebuild job of BRMH's own runs, and the cache equals the table again,
 * in both strategies; changes made after the loss reach it too.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDataLossIT implements TestPropertyProvider {
  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;
  @Inject CacheLoads loads;

  private CacheWorkerFixture fixture;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache-worker.heal-interval", "1s");
    properties.put("brmh.cache-worker.max-retry-backoff", "1s");
    return properties;
  }

  @BeforeAll
  void setUp() {
    fixture = new CacheWorkerFixture(jobs, publisher, configs);
  }

  @Test
  void aFlushedCacheIsRebuiltByAJobOfItsOwnInBothStrategies() {
    TestTable table = new TestTable(dynamo);
    table.putAll(700, 1);
    CacheKeys items = fixture.configure(table, 1, 0);
    CacheKeys chunks = fixture.configure(table, 50, 0);
    Job itemLoad = fixture.bulkLoad(table, items, 1, null);
    Job chunkLoad = fixture.bulkLoad(table, chunks, 50, null);

    redis.getKeys().flushall();

    assertRebuilt(items, itemLoad, 1);
    assertRebuilt(chunks, chunkLoad, 50);
  }

  @Test
  void aCacheRedisLostInARestartIsRebuiltAndChangesAfterTheRestartReachIt() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(500, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    Job load = fixture.bulkLoad(table, keys, 1, null);

    SharedDevstack.redis().kill();
    SharedDevstack.redis().start();
    for (int i = 0; i < 50; i++) {
      String id = String.format("item-%05d", i);
      table.put(TestTable.item(id, 5));
      fixture.publishChange(
          table, TableItemChanged.Operation.MODIFY, TestTable.item(id, 1), TestTable.item(id, 5));
    }

    assertRebuilt(keys, load, 1);
  }

  private void assertRebuilt(CacheKeys keys, Job lostLoad, int itemsPerKey) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              CacheLoads.Loaded record =
                  loads.all().stream()
                      .filter(loaded -> loaded.keys().equals(keys))
                      .findFirst()
                      .orElseThrow();
              assertThat(record.jobId())
                  .as("the load that made the live cache")
                  .isNotEqualTo(lostLoad.id());
              Job rebuild = jobs.find(record.jobId()).orElseThrow();
              assertThat(rebuild.status()).isEqualTo(JobStatus.SUCCEEDED);
              assertThat(rebuild.owner()).isEqualTo(Job.SYSTEM_OWNER);
              assertThat(rebuild.result()).containsEntry("failedWrites", 0).containsKey("reason");
              assertThat(CacheMatchesTable.differences(redis, dynamo, keys, itemsPerKey)).isEmpty();
            });
    assertThat(redis.getBucket(keys.loadedMarker()).isExists()).isTrue();
  }
}
