package io.brmh.streambridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Per followed table, as Micrometer meters (served at {@code /prometheus}): {@value #RECORDS}, a
 * counter of the stream records this instance sent to the table log (records/s is its rate), and
 * {@value #ITERATOR_AGE}, how old the last record read is, in seconds, the largest over the shards
 * this instance reads, 0 for a shard read to its present end. A growing age means the bridge falls
 * behind its table.
 */
@Singleton
public class StreamMetrics {
  static final String RECORDS = "brmh.stream.records";
  static final String ITERATOR_AGE = "brmh.stream.iterator.age";

  private final MeterRegistry registry;
  private final Map<String, Counter> records = new ConcurrentHashMap<>();

  /** Per table, each read shard's iterator age in milliseconds. */
  private final Map<String, Map<String, Long>> ages = new ConcurrentHashMap<>();

  StreamMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A read of a shard, whose records all went to the table log. */
  void read(String table, String shardId, List<Record> read, long nowMillis) {
    Map<String, Long> shardAges = ages.computeIfAbsent(table, this::registerTable);
    if (read.isEmpty()) {
      shardAges.put(shardId, 0L);
      return;
    }
    records.get(table).increment(read.size());
    var created = read.get(read.size() - 1).dynamodb().approximateCreationDateTime();
    if (created != null) {
      shardAges.put(shardId, Math.max(0, nowMillis - created.toEpochMilli()));
    }
  }

  /** The shard is no longer read here (closed, or its lease given up). */
  void leftShard(String table, String shardId) {
    Map<String, Long> shardAges = ages.get(table);
    if (shardAges != null) {
      shardAges.remove(shardId);
    }
  }

  private Map<String, Long> registerTable(String table) {
    Map<String, Long> shardAges = new ConcurrentHashMap<>();
    records.put(
        table,
        Counter.builder(RECORDS)
            .tag("table", table)
            .description("Stream records sent to the table log")
            .register(registry));
    Gauge.builder(ITERATOR_AGE, shardAges, StreamMetrics::oldestSeconds)
        .tag("table", table)
        .baseUnit("seconds")
        .description(
            "Age of the last stream record read, the largest over this instance's shards of the table")
        .strongReference(true)
        .register(registry);
    return shardAges;
  }

  private static double oldestSeconds(Map<String, Long> shardAges) {
    return shardAges.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0;
  }
}
