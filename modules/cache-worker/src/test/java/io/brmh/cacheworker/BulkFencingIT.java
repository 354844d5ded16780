package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A load run that another run took over stops writing at once: once a successor holds the fence,
 * the checkpoint never moves for the old run. (The successor here is the test taking the fence, as
 * a worker resuming the load would.) The load then runs again from its checkpoint with a fence of
 * its own and ends with the cache equal to the table.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkFencingIT implements TestPropertyProvider {
  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.cache-worker.page-size", "10");
    properties.put("brmh.jobs.progress-interval", "0ms");
    return properties;
  }

  @Test
  void aRunWhoseFenceASuccessorTookNeverMovesTheCheckpointAgain() {
    TestTable table = new TestTable(dynamo);
    table.putAll(6_000, 1);
    CacheWorkerFixture fixture = new CacheWorkerFixture(jobs, publisher, configs);
    CacheKeys keys = fixture.configure(table, 1, 0);
    Job load = fixture.startBulkLoad(table, keys, 1, null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> checkpoint(keys) != null && progress(load) >= 200);

    long taken =
        redis.getAtomicLong(keys.bulkFence()).incrementAndGet(); // a successor's run starts
    String atTakeOver = checkpoint(keys);
    AtomicReference<String> fenceWhenMoved = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(2))
        .until(
            () -> {
              String now =
                  checkpoint(
                      keys); // read before the fence: a move seen with the successor's fence after
              // it was the old run's
              String fence = redis.<String>getBucket(keys.bulkFence(), StringCodec.INSTANCE).get();
              if (!Objects.equals(now, atTakeOver) || !Long.toString(taken).equals(fence)) {
                fenceWhenMoved.set(fence);
                return true;
              }
              return false;
            });

    assertThat(fenceWhenMoved.get())
        .as("the checkpoint moved only once a newer run held the fence")
        .isNotEqualTo(Long.toString(taken));
    fixture.awaitSuccess(load, Duration.ofSeconds(120));
    assertThat(CacheMatchesTable.differences(redis, dynamo, keys, 1)).isEmpty();
  }

  private String checkpoint(CacheKeys keys) {
    return redis.<String>getBucket(keys.bulkCheckpoint(), StringCodec.INSTANCE).get();
  }

  private long progress(Job job) {
    Job now = jobs.find(job.id()).orElseThrow();
    return now.progress() == null ? 0 : now.progress().done();
  }
}
