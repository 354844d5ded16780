package io.brmh.local.bench;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.Topic;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.Devstack;
import io.brmh.devstack.DevstackSettings;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.kafka.EventPublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The cache pipeline's benchmark: real servers (the devstack), the real cache worker, a
 * deterministic table. Prints each figure and its target, and ends with {@code RESULT {json}}.
 * Targets compare with a limit measured in the same run (the raw scan), never with a constant
 * measured elsewhere.
 *
 * <p>Run: {@code java -cp modules/local/target/brmh-local.jar io.brmh.local.bench.CacheBenchmark
 * [items]}
 */
public final class CacheBenchmark {
  private static final String TABLE = "bench-items";
  private static final int DEFAULT_ITEMS = 20_000;
  private static final int LATENCY_RATE = 1_000;
  private static final int LATENCY_SECONDS = 10;

  /**
   * Eight: after three, profiles still showed the JIT compiler using 40 % of a load's processor
   * time.
   */
  private static final int WARM_UP_RUNS = 8;

  /** The worker's default, for the parallel raw scan printed beside the sequential one. */
  private static final int SCAN_SEGMENTS = 4;

  private static final int MEASURED_RUNS = 3;

  /** The large cache of the read figures holds this many times the table's items. */
  private static final int READ_GROWTH = 10;

  private static final String ADMIN_PASSWORD = "benchmark admin " + UUID.randomUUID();

  private final ApplicationContext context;
  private final DynamoDbClient dynamo;
  private final JobRegistry jobs;
  private final EventPublisher publisher;
  private final EnvelopeRecords records;
  private final Producer<String, byte[]> producer;
  private final CacheConfigRepository configs;
  private final Admin admin;
  private final Figures figures = new Figures();
  private final int items;

  private CacheBenchmark(
      ApplicationContext context, Admin admin, Producer<String, byte[]> producer, int items) {
    this.context = context;
    this.dynamo = context.getBean(DynamoDbClient.class);
    this.jobs = context.getBean(JobRegistry.class);
    this.publisher = context.getBean(EventPublisher.class);
    this.records = context.getBean(EnvelopeRecords.class);
    this.producer = producer;
    this.configs = context.getBean(CacheConfigRepository.class);
    this.admin = admin;
    this.items = items;
  }

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITEMS;
    try (Devstack devstack = Devstack.start(DevstackSettings.forTests())) {
      Map<String, Object> properties = new HashMap<>(devstack.endpoints().applicationProperties());
      byte[] key = new byte[48];
      new SecureRandom().nextBytes(key);
      properties.put("brmh.jwt.secret", Base64.getEncoder().encodeToString(key));
      properties.put("brmh.dynamodb.create-tables", true);
      properties.put(
          "brmh.stream-bridge.enabled",
          false); // the benchmark's changes come through the table log alone
      properties.put(
          "micronaut.server.port", -1); // the read figures go through the gateway's HTTP routes
      properties.put("brmh.admin.bootstrap", true);
      properties.put("brmh.admin.password", ADMIN_PASSWORD);
      try (ApplicationContext context =
              ApplicationContext.builder()
                  .environments("bench")
                  .deduceEnvironment(false)
                  .properties(properties)
                  .start();
          Admin admin =
              Admin.create(
                  Map.of("bootstrap.servers", devstack.endpoints().kafkaBootstrapServers()));
          Producer<String, byte[]> producer =
              changeProducer(devstack.endpoints().kafkaBootstrapServers())) {
        CacheBenchmark benchmark = new CacheBenchmark(context, admin, producer, items);
        benchmark.run(devstack.endpoints().redisAddress());
        System.out.println("RESULT " + benchmark.figures.json());
      }
    }
    System.exit(0);
  }

  private void run(String redisAddress) throws Exception {
    figures.put("items", items, items + " items of " + BenchDataset.ITEM_BYTES + " bytes");
    long loadStart = System.nanoTime();
    BenchDataset.createTable(dynamo, TABLE);
    BenchDataset.load(dynamo, TABLE, items);
    figures.put("loadMs", ms(loadStart), ms(loadStart) + " ms to write the table");

    for (int run = 0; run < WARM_UP_RUNS; run++) {
      rawScanMs();
    }
    List<Long> rawScans = new ArrayList<>();
    CacheConfig one = bulk(1, rawScans);
    CacheConfig hundred = bulk(100, rawScans);
    figures.put(
        "rawScanMs",
        Figures.median(rawScans),
        Figures.median(rawScans)
            + " ms: median of all "
            + rawScans.size()
            + " raw scans "
            + rawScans);
    List<Long> parallelScans = new ArrayList<>();
    for (int run = 0; run < MEASURED_RUNS; run++) {
      parallelScans.add(parallelRawScanMs());
    }
    figures.put(
        "rawParallelScanMs",
        Figures.median(parallelScans),
        Figures.median(parallelScans)
            + " ms: median of "
            + parallelScans
            + ", the raw scan in "
            + SCAN_SEGMENTS
            + " parallel segments as bulk loads read (for comparison; targets use the sequential scan)");

    throughput(one, hundred, 1, 10_000);
    throughput(hundred, one, 100, 2_000);
    latency(one, hundred, redisAddress);
    reads(one, hundred);
  }

  /**
   * Reads of a cache of the table's items and of one {@value #READ_GROWTH} times larger: loaded
   * from the table, then grown by inserts through the table log, so the writers built its index.
   */
  private void reads(CacheConfig one, CacheConfig hundred) throws Exception {
    activate(one, false);
    activate(hundred, false);
    CacheConfig small = configure("reads-small", 1);
    runBulk(small, 1);
    activate(small, false);
    CacheConfig large = configure("reads-large", 1);
    runBulk(large, 1);
    int largeKeys = items * READ_GROWTH;
    long growStart = System.nanoTime();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int i = items; i < largeKeys; i++) {
      sent.add(
          producer.send(
              records.toRecord(
                  changeEnvelope(TableItemChanged.Operation.INSERT, BenchDataset.item(i, 1)))));
    }
    for (Future<RecordMetadata> acknowledged : sent) {
      acknowledged.get();
    }
    waitForZeroLag();
    RedissonClient redis = context.getBean(RedissonClient.class);
    var index = redis.getScoredSortedSet(large.keys().itemIndex(), StringCodec.INSTANCE);
    if (index.size() != largeKeys) {
      throw new IllegalStateException(
          "the large cache's index holds " + index.size() + " ids, not " + largeKeys);
    }
    figures.put(
        "readGrowMs",
        ms(growStart),
        ms(growStart)
            + " ms to grow a cache to "
            + largeKeys
            + " keys by inserts on the table log");
    long indexBytes = index.sizeInMemory();
    figures.put(
        "readIndexBytesPerItem",
        indexBytes / largeKeys,
        indexBytes / largeKeys
            + " bytes per item in the read-order index ("
            + "MEMORY USAGE of "
            + largeKeys
            + " ids like item-000001)");

    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    if (!server.isRunning()) {
      server.start();
    }
    String base = "http://localhost:" + server.getPort();
    ReadLatency reads = new ReadLatency(base, adminToken(base));
    reads
        .measure(TABLE, small.project(), items, large.project(), largeKeys)
        .forEach(
            (name, both) -> {
              double smallP50 = Figures.percentile(both.get(0), 50);
              double largeP50 = Figures.percentile(both.get(1), 50);
              double largeP99 = Figures.percentile(both.get(1), 99);
              double growth = largeP50 / smallP50;
              figures.put(
                  "read" + capitalized(name) + "P50Ms",
                  largeP50,
                  String.format(
                      java.util.Locale.ROOT,
                      "%.1f ms p50, %.1f ms p99 at %d keys (target p50 <= 30): %s",
                      largeP50,
                      largeP99,
                      largeKeys,
                      largeP50 <= 30 ? "PASS" : "FAIL"));
              figures.put(
                  "read" + capitalized(name) + "Growth",
                  growth,
                  String.format(
                      java.util.Locale.ROOT,
                      "%.2f x the p50 of %.1f ms (p99 %.1f) at %d keys (target <= 1.5): %s",
                      growth,
                      smallP50,
                      Figures.percentile(both.get(0), 99),
                      items,
                      growth <= 1.5 ? "PASS" : "FAIL"));
            });
  }

  private String adminToken(String base) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var login =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/auth/login"))
            .header("Content-Type", "application/json")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"email\":\"admin@brmh.local\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
            .build();
    String body = http.send(login, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher token =
        java.util.regex.Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(body);
    if (!token.find()) {
      throw new IllegalStateException("admin login failed: " + body);
    }
    return token.group(1);
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** One sequential scan of the whole table, in pages of the size bulk loads use, nothing else. */
  private long rawScanMs() {
    long start = System.nanoTime();
    long seen = scanCount(b -> {});
    if (seen != items) {
      throw new IllegalStateException("scan saw " + seen + " items");
    }
    return ms(start);
  }

  /**
   * @return the items of a scan in pages of the size bulk loads use, made as {@code segment} says
   */
  private long scanCount(Consumer<ScanRequest.Builder> segment) {
    Map<String, AttributeValue> next = null;
    long seen = 0;
    do {
      Map<String, AttributeValue> from = next;
      var page =
          dynamo.scan(
              b ->
                  segment.accept(
                      b.tableName(TABLE).limit(1000).consistentRead(true).exclusiveStartKey(from)));
      seen += page.count();
      next =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (next != null);
    return seen;
  }

  /** The whole table in {@value #SCAN_SEGMENTS} segments scanned at the same time, nothing else. */
  private long parallelRawScanMs() {
    long start = System.nanoTime();
    List<CompletableFuture<Long>> segments = new ArrayList<>();
    for (int segment = 0; segment < SCAN_SEGMENTS; segment++) {
      int scanned = segment;
      segments.add(
          CompletableFuture.supplyAsync(
              () -> scanCount(b -> b.segment(scanned).totalSegments(SCAN_SEGMENTS))));
    }
    long seen = segments.stream().mapToLong(CompletableFuture::join).sum();
    if (seen != items) {
      throw new IllegalStateException("parallel scan saw " + seen + " items");
    }
    return ms(start);
  }

  /**
   * Bulk loads, each into a new project's empty cache: some unmeasured, as for the raw scan, so
   * that the worker's code is compiled (a profile showed the JIT compiler taking a third of the
   * processors during the run after a single warm-up), then the measured ones, each right after a
   * raw scan: this machine's speed drifts by up to two times between minutes, so the ratio compares
   * figures taken side by side.
   *
   * @param rawScans receives the raw scans measured
   * @return the configuration of the last cache loaded, left active for the change figures
   */
  private CacheConfig bulk(int recordsPerKey, List<Long> rawScans) {
    List<Long> runs = new ArrayList<>();
    List<Long> scans = new ArrayList<>();
    CacheConfig config = null;
    Job ended = null;
    for (int run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
      if (config != null) {
        activate(config, false);
      }
      config = configure("bench" + recordsPerKey + "x" + run, recordsPerKey);
      if (run >= WARM_UP_RUNS) {
        scans.add(rawScanMs());
      }
      ended = runBulk(config, recordsPerKey);
      if (run >= WARM_UP_RUNS) {
        runs.add(Duration.between(ended.createdAt(), ended.endedAt()).toMillis());
      }
    }
    rawScans.addAll(scans);
    long elapsed = Figures.median(runs);
    long rawScanMs = Figures.median(scans);
    double ratio = (double) elapsed / rawScanMs;
    figures.put(
        "bulk" + recordsPerKey + "Ms",
        elapsed,
        elapsed
            + " ms (median of "
            + runs
            + "), "
            + ended.result().get("successfulWrites")
            + " keys written");
    figures.put(
        "bulk" + recordsPerKey + "Ratio",
        ratio,
        String.format(
            java.util.Locale.ROOT,
            "%.2f x raw scan of %d ms (median of %s) (target <= 1.25): %s",
            ratio,
            rawScanMs,
            scans,
            ratio <= 1.25 ? "PASS" : "FAIL"));
    return config;
  }

  /**
   * @return the job of a bulk load into an empty cache, ended successfully; from its acceptance to
   *     its end is the figure
   */
  private Job runBulk(CacheConfig config, int recordsPerKey) {
    activate(config, true);
    Job job = jobs.accept("cache.table", CacheJobSubject.of(config.project(), TABLE), "bench");
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.CACHE_TABLE_REQUESTED, "/brmh/bench", TABLE)
                    .withJobId(job.id()),
                new CacheTableRequested(
                    job.id(), config.project(), TABLE, recordsPerKey, null, "bench")))
        .join();
    Job ended = awaitEnd(job);
    if (!"SUCCEEDED".equals(ended.status().name())
        || ((Number) ended.result().get("totalRecords")).intValue() != items) {
      throw new IllegalStateException(
          "bulk load ended " + ended.status() + " " + ended.result() + " " + ended.error());
    }
    return ended;
  }

  /**
   * Change events onto the table log as fast as a producer can send them, until the worker's lag is
   * zero. The records are built before the clock starts, so that the figure is Kafka and the
   * worker, not this program's JSON encoding.
   */
  private void throughput(CacheConfig measured, CacheConfig other, int recordsPerKey, int target)
      throws Exception {
    activate(measured, true);
    activate(other, false);
    waitForZeroLag();
    int events = items;
    List<ProducerRecord<String, byte[]>> changes = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      changes.add(
          records.toRecord(
              changeEnvelope(
                  TableItemChanged.Operation.MODIFY, BenchDataset.item(i, 2 + recordsPerKey))));
    }
    long start = System.nanoTime();
    List<Future<RecordMetadata>> sent = new ArrayList<>(events);
    changes.forEach(change -> sent.add(producer.send(change)));
    for (Future<RecordMetadata> acknowledged : sent) {
      acknowledged.get();
    }
    long published = ms(start);
    waitForZeroLag();
    figures.put(
        "changes" + recordsPerKey + "PublishMs",
        published,
        published + " ms to publish them (included)");
    double seconds = (System.nanoTime() - start) / 1e9;
    double perSecond = events / seconds;
    figures.put(
        "changes" + recordsPerKey + "PerSecond",
        perSecond,
        String.format(
            java.util.Locale.ROOT,
            "%.0f events/s with %d per key (target >= %d): %s",
            perSecond,
            recordsPerKey,
            target,
            perSecond >= target ? "PASS" : "FAIL"));
  }

  /** Inserts at a fixed rate; a Redis keyspace notification marks when each one is in the cache. */
  private void latency(CacheConfig measured, CacheConfig other, String redisAddress)
      throws Exception {
    activate(measured, true);
    activate(other, false);
    waitForZeroLag();
    enableKeyspaceNotifications(redisAddress);
    RedissonClient redis = context.getBean(RedissonClient.class);
    Map<String, Long> applied = new ConcurrentHashMap<>();
    String prefix = measured.project() + ":" + TABLE + ":lat-";
    RPatternTopic topic =
        redis.getPatternTopic("__keyspace@0__:" + prefix + "*", StringCodec.INSTANCE);
    int listener =
        topic.addListener(
            String.class,
            (pattern, channel, message) ->
                applied.putIfAbsent(
                    channel
                        .toString()
                        .substring(channel.toString().indexOf(prefix) + prefix.length()),
                    System.nanoTime()));
    int events = LATENCY_RATE * LATENCY_SECONDS;
    long[] sentAt = new long[events];
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      long due = start + i * 1_000_000_000L / LATENCY_RATE;
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      Map<String, AttributeValue> item = new HashMap<>(BenchDataset.item(i, 1));
      item.put("id", AttributeValue.fromS("lat-" + i));
      sentAt[i] = System.nanoTime();
      publisher.publish(changeEnvelope(TableItemChanged.Operation.INSERT, item));
    }
    waitForZeroLag();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (applied.size() < events && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000L);
    }
    topic.removeListener(listener);
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Long at = applied.get(Integer.toString(i));
      if (at != null) {
        latencies.add(at - sentAt[i]);
      }
    }
    latencies.sort(Long::compare);
    double p50 = Figures.percentile(latencies, 50);
    double p99 = Figures.percentile(latencies, 99);
    // Keyspace notifications are fire-and-forget: a missed one is told apart from a lost insert.
    String[] inserted = new String[events];
    for (int i = 0; i < events; i++) {
      inserted[i] = prefix + i;
    }
    long stored = redis.getKeys().countExists(inserted);
    figures.put(
        "latencyObserved",
        latencies.size(),
        latencies.size()
            + " of "
            + events
            + " inserts observed by keyspace notification, "
            + stored
            + " of "
            + events
            + " in Redis"
            + (stored == events ? "" : ": FAIL, inserts lost"));
    figures.put(
        "latencyP50Ms",
        p50,
        String.format(java.util.Locale.ROOT, "%.1f ms p50 at %d events/s", p50, LATENCY_RATE));
    figures.put(
        "latencyP99Ms",
        p99,
        String.format(
            java.util.Locale.ROOT,
            "%.1f ms p99 (target < 250): %s",
            p99,
            p99 < 250 ? "PASS" : "FAIL"));
  }

  private Envelope<TableItemChanged> changeEnvelope(
      TableItemChanged.Operation op, Map<String, AttributeValue> item) {
    Map<String, Object> plain = PlainValues.fromItem(item);
    var change =
        new TableItemChanged(
            op,
            Map.of("id", plain.get("id")),
            null,
            plain,
            new TableItemChanged.Source(
                TABLE, TableItemChanged.Origin.API, null, null, null, null));
    return new Envelope<>(
        EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/bench", TABLE), change);
  }

  private CacheConfig configure(String project, int itemsPerKey) {
    String now = Instant.now().toString();
    CacheConfig config =
        new CacheConfig(
            UUID.randomUUID().toString(),
            TABLE,
            project,
            itemsPerKey,
            0,
            CacheConfig.ACTIVE,
            null,
            null,
            now,
            now);
    configs.save(config);
    return config;
  }

  private void activate(CacheConfig config, boolean active) {
    configs.save(
        new CacheConfig(
            config.id(),
            config.tableName(),
            config.project(),
            config.itemsPerKey(),
            config.timeToLive(),
            active ? CacheConfig.ACTIVE : CacheConfig.INACTIVE,
            null,
            null,
            config.createdAt(),
            Instant.now().toString()));
  }

  /**
   * Polls gently (every read competes with the load for DynamoDB Local); the job's end time is
   * exact.
   */
  private Job awaitEnd(Job job) {
    while (true) {
      Job now = jobs.find(job.id()).orElseThrow();
      if (now.status().isTerminal()) {
        return now;
      }
      LockSupport.parkNanos(100_000_000L);
    }
  }

  private void waitForZeroLag() throws Exception {
    String topic = Topic.TABLE_LOG.topicName();
    while (true) {
      var committed =
          admin
              .listConsumerGroupOffsets(ConsumerGroups.CACHE_WORKER)
              .partitionsToOffsetAndMetadata()
              .get();
      var partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      var ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get();
      boolean caughtUp =
          partitions.stream()
              .allMatch(
                  partition -> {
                    long end = ends.get(partition).offset();
                    var offset = committed.get(partition);
                    return end == 0 || (offset != null && offset.offset() >= end);
                  });
      if (caughtUp) {
        return;
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }

  private static void enableKeyspaceNotifications(String redisAddress) throws Exception {
    java.net.URI uri = java.net.URI.create(redisAddress);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("CONFIG SET notify-keyspace-events K$\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply = new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
      if (!reply.startsWith("+OK")) {
        throw new IllegalStateException("CONFIG SET refused: " + reply);
      }
    }
  }

  /**
   * Acknowledged by all replicas and idempotent, as BRMH's producers are, with batches of up to 1
   * MB, as a bulk source of changes (the stream bridge) sends them.
   */
  private static Producer<String, byte[]> changeProducer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BATCH_SIZE_CONFIG,
            1 << 20),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
