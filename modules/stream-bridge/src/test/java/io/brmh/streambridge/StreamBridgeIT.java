package io.brmh.streambridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes straight into DynamoDB, never through the API: the cache follows the table through its
 * stream.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamBridgeIT implements TestPropertyProvider {
  private static final int ITEMS = 10_000;
  private static final int MODIFIED = 2_000;
  private static final int DELETED = 1_000;

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject CacheConfigRepository configs;
  @Inject MeterRegistry meters;

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.stream-bridge.follow-refresh", "200ms");
    properties.put("brmh.stream-bridge.idle-pause", "50ms");
    return properties;
  }

  @Test
  void theCacheFollowsWritesMadeStraightToTheTable() {
    String table = streamedTable();
    CacheKeys keys = configure(table);

    long start = System.nanoTime();
    int changes = writeChanges(table);
    long written = System.nanoTime();

    Map<String, String> expected = Contents.table(dynamo, table);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(Contents.cache(redis, keys)).isEqualTo(expected));
    System.out.printf(
        "stream bridge, live: %d changes written in %d ms; cache equal to the table %d ms after the last write%n",
        changes, (written - start) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
  }

  /**
   * A table followed only once a configuration names it is read from the oldest record its stream
   * keeps.
   */
  @Test
  void aTableConfiguredLaterIsFollowedFromTheStartOfItsStream() throws Exception {
    String table = streamedTable();
    int changes = writeChanges(table);
    Map<String, String> expected = Contents.table(dynamo, table);

    long start = System.nanoTime();
    CacheKeys keys = configure(table);
    AtomicReference<Double> oldestAge = new AtomicReference<>(0.0);
    CompletableFuture<Long> allInKafka =
        CompletableFuture.supplyAsync(
            () -> {
              // Samples the age gauge every 5 ms while the backlog is read, until all of it is in
              // Kafka.
              await()
                  .atMost(Duration.ofSeconds(60))
                  .pollInterval(Duration.ofMillis(5))
                  .until(
                      () -> {
                        Gauge age =
                            meters.find(StreamMetrics.ITERATOR_AGE).tag("table", table).gauge();
                        if (age != null) {
                          oldestAge.accumulateAndGet(age.value(), Math::max);
                        }
                        return sent(table) >= changes;
                      });
              return System.nanoTime();
            });
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(Contents.cache(redis, keys)).isEqualTo(expected));
    double seconds = (System.nanoTime() - start) / 1e9;
    double kafkaSeconds = (allInKafka.get(10, TimeUnit.SECONDS) - start) / 1e9;
    System.out.printf(
        "stream bridge, backlog: %d changes from the stream into Kafka in %.2f s (%.0f changes/s), into the cache in %.2f s"
            + " (%.0f changes/s)%n",
        changes, kafkaSeconds, changes / kafkaSeconds, seconds, changes / seconds);

    // Its meters: every record counted (at least once), an age while the backlog was read (its
    // changes
    // were seconds old), and none left once the stream is read to its end.
    assertThat(oldestAge.get()).isGreaterThan(1.0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> meters.get(StreamMetrics.ITERATOR_AGE).tag("table", table).gauge().value() == 0);
    String scraped = http.toBlocking().retrieve("/prometheus");
    assertThat(scraped)
        .contains("brmh_stream_records_total{table=\"" + table + "\"}")
        .contains("brmh_stream_iterator_age_seconds{table=\"" + table + "\"}");
  }

  private double sent(String table) {
    Counter counter = meters.find(StreamMetrics.RECORDS).tag("table", table).counter();
    return counter == null ? 0 : counter.count();
  }

  private String streamedTable() {
    String table = Contents.newStreamedTable(dynamo, "streamed-");
    return table;
  }

  /**
   * Inserts, then modifications of some, then removals of others, straight into DynamoDB. @return
   * how many
   */
  private int writeChanges(String table) {
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      writes.add(put(item(i, 1)));
    }
    for (int i = 0; i < MODIFIED; i++) {
      writes.add(put(item(i * 5, 2)));
    }
    for (int i = 0; i < DELETED; i++) {
      Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS(id(i * 7 + 1)));
      writes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
    }
    write(table, writes);
    return writes.size();
  }

  private CacheKeys configure(String table) {
    String project = "s" + UUID.randomUUID().toString().substring(0, 6);
    String now = Instant.now().toString();
    configs.save(
        new CacheConfig(
            UUID.randomUUID().toString(),
            table,
            project,
            1,
            0,
            CacheConfig.ACTIVE,
            null,
            null,
            now,
            now));
    return new CacheKeys(project, table);
  }

  private static String id(int n) {
    return String.format("item-%05d", n);
  }

  private static Map<String, AttributeValue> item(int n, int version) {
    return Map.of(
        "id",
        AttributeValue.fromS(id(n)),
        "version",
        AttributeValue.fromN(Integer.toString(version)),
        "name",
        AttributeValue.fromS("item " + n),
        "price",
        AttributeValue.fromN(n + ".25"));
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(p -> p.item(item)).build();
  }

  /**
   * In order, 25 at a time: a batch never holds two writes of one item, since each group of writes
   * above touches an item once.
   */
  private void write(String table, List<WriteRequest> writes) {
    for (int from = 0; from < writes.size(); from += 25) {
      List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
      var unprocessed =
          dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch))).unprocessedItems();
      assertThat(unprocessed).isEmpty();
    }
  }
}
