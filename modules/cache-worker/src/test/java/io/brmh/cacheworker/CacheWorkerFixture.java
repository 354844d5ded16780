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
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What cache-worker tests do the way the gateway would: configure a cache, queue a bulk load, send
 * a change.
 */
final class CacheWorkerFixture {
  private final JobRegistry jobs;
  private final EventPublisher publisher;
  private final CacheConfigRepository configs;

  CacheWorkerFixture(JobRegistry jobs, EventPublisher publisher, CacheConfigRepository configs) {
    this.jobs = jobs;
    this.publisher = publisher;
    this.configs = configs;
  }

  CacheKeys configure(TestTable table, int itemsPerKey, long ttl) {
    String project = "p" + UUID.randomUUID().toString().substring(0, 6);
    String now = Instant.now().toString();
    configs.save(
        new CacheConfig(
            UUID.randomUUID().toString(),
            table.name,
            project,
            itemsPerKey,
            ttl,
            CacheConfig.ACTIVE,
            null,
            null,
            now,
            now));
    return new CacheKeys(project, table.name);
  }

  Job startBulkLoad(TestTable table, CacheKeys keys, int recordsPerKey, Long ttl) {
    Job job = jobs.accept("cache.table", CacheJobSubject.of(keys.project(), table.name), "tester");
    var request =
        new CacheTableRequested(job.id(), keys.project(), table.name, recordsPerKey, ttl, "tester");
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(
                        MessageType.CACHE_TABLE_REQUESTED, "/brmh/test", table.name)
                    .withJobId(job.id()),
                request))
        .join();
    return job;
  }

  Job bulkLoad(TestTable table, CacheKeys keys, int recordsPerKey, Long ttl) {
    return awaitSuccess(startBulkLoad(table, keys, recordsPerKey, ttl), Duration.ofSeconds(60));
  }

  Job awaitSuccess(Job job, Duration within) {
    await().atMost(within).until(() -> jobs.find(job.id()).orElseThrow().status().isTerminal());
    Job ended = jobs.find(job.id()).orElseThrow();
    assertThat(ended.status()).as(String.valueOf(ended.error())).isEqualTo(JobStatus.SUCCEEDED);
    return ended;
  }

  /**
   * Sends the change the ingestion API would make of writing {@code after} over {@code before}
   * (either may be null).
   */
  void publishChange(
      TestTable table,
      TableItemChanged.Operation op,
      Map<String, AttributeValue> before,
      Map<String, AttributeValue> after) {
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name),
                change(table, op, before, after)))
        .join();
  }

  static TableItemChanged change(
      TestTable table,
      TableItemChanged.Operation op,
      Map<String, AttributeValue> before,
      Map<String, AttributeValue> after) {
    Map<String, AttributeValue> image = after != null ? after : before;
    return new TableItemChanged(
        op,
        Map.of("id", image.get("id").s()),
        before == null ? null : PlainValues.fromItem(before),
        after == null ? null : PlainValues.fromItem(after),
        new TableItemChanged.Source(
            table.name, TableItemChanged.Origin.API, null, null, null, null));
  }
}
