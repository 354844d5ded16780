package io.brmh.streambridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Per followed table, as Micrometer meters (served at {@code /prometheus}): {@value #RECORDS}, a
 * counter of the stream records this instance sent to the table log (records/s is its rate), and
 * {@value #ITERATOR_AGE}, how old the last record read is, in seconds, the largest over the shards
 * this instance reads, 0 for a shard read to its present end. A growing age means the bridge falls
 * behind its table. {@value #CALLS} counts this instance's calls to DynamoDB Streams and to its
 * checkpoints, by {@code operation}: what its limits and its bill are about; {@value
 * #TABLES_FOLLOWED} and {@value #SHARDS_HELD} say how much of the work this instance has.
 */
@Singleton
public class StreamMetrics {
  static final String RECORDS = "brmh.stream.records";
  static final String ITERATOR_AGE = "brmh.stream.iterator.age";
  static final String CALLS = "brmh.stream.calls";
  static final String TABLES_FOLLOWED = "brmh.stream.tables.followed";
  static final String SHARDS_HELD = "brmh.stream.shards.held";
  static final String DESCRIBE_STREAM = "DescribeStream";
  static final String GET_RECORDS = "GetRecords";
  static final String GET_SHARD_ITERATOR = "GetShardIterator";

  /** Writes to the checkpoints table that take or give up a shard. */
  static final String LEASE = "lease";

  /** Writes to the checkpoints table that move a checkpoint. */
  static final String CHECKPOINT = "checkpoint";

  private final MeterRegistry registry;
  private final Map<String, Counter> records = new ConcurrentHashMap<>();
  private final Map<String, Counter> calls = new ConcurrentHashMap<>();
  private final AtomicInteger tablesFollowed = new AtomicInteger();
  private final AtomicInteger shardsHeld = new AtomicInteger();

  /** Per table, each read shard's iterator age in milliseconds. */
  private final Map<String, Map<String, Long>> ages = new ConcurrentHashMap<>();

  StreamMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(TABLES_FOLLOWED, tablesFollowed, AtomicInteger::get)
        .description("Tables whose streams this instance follows")
        .register(registry);
    Gauge.builder(SHARDS_HELD, shardsHeld, AtomicInteger::get)
        .description("Shards this instance reads")
        .register(registry);
  }

  /** After each round: how many tables this instance follows, and how many shards it reads. */
  void following(int tables, int shards) {
    tablesFollowed.set(tables);
    shardsHeld.set(shards);
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

  /** A call this instance makes, by operation ({@link #DESCRIBE_STREAM}, ...). */
  void called(String operation) {
    calls
        .computeIfAbsent(
            operation,
            name ->
                Counter.builder(CALLS)
                    .tag("operation", name)
                    .description("Calls to DynamoDB Streams and to the checkpoints table")
                    .register(registry))
        .increment();
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
