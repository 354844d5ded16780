package io.brmh.cacheworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.JsJson;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.json.ExactJson;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.testing.IndexedItems;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The cache equals the table after bulk loads and after changes, for both strategies. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkAndChangesIT implements TestPropertyProvider {
  private static final int ITEMS = 2_500; // three scan pages

  @Inject DynamoDbClient dynamo;
  @Inject RedissonClient redis;
  @Inject JobRegistry jobs;
  @Inject EventPublisher publisher;
  @Inject CacheConfigRepository configs;
  private CacheWorkerFixture fixture;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    return properties;
  }

  @BeforeAll
  void setUp() {
    fixture = new CacheWorkerFixture(jobs, publisher, configs);
  }

  @Test
  void bulkLoadCachesEveryItemUnderItsOwnKeyWithItsTtl() {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = fixture.configure(table, 1, 3600);

    Job job = fixture.bulkLoad(table, keys, 1, 3600L);

    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
    assertThat(redis.getBucket(keys.item("item-00042"), StringCodec.INSTANCE).remainTimeToLive())
        .isBetween(3_500_000L, 3_600_000L);
    assertThat(job.result())
        .containsEntry("totalRecords", ITEMS)
        .containsEntry("successfulWrites", ITEMS)
        .containsEntry("skippedDuplicates", 0)
        .containsEntry("fillRate", "100.00%");
  }

  @Test
  void rerunRefreshesChangedItemsSkipsIdenticalOnesAndDropsDeletedOnes() {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    fixture.bulkLoad(table, keys, 1, 0L);
    for (int i = 0; i < 100; i++) {
      table.put(TestTable.item(String.format("item-%05d", i), 2));
    }
    for (int i = 100; i < 110; i++) {
      table.delete(String.format("item-%05d", i));
    }

    Job rerun = fixture.bulkLoad(table, keys, 1, 0L);

    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
    assertThat(redis.getBucket(keys.item("item-00105")).isExists()).isFalse();
    assertThat(rerun.result())
        .containsEntry("successfulWrites", 100)
        .containsEntry("skippedDuplicates", ITEMS - 110);
  }

  @Test
  void chunkModeHoldsEveryItemOnceInChunksWithoutGaps() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = fixture.configure(table, 100, 600);

    Job job = fixture.bulkLoad(table, keys, 100, 600L);

    List<String> chunks = CacheContents.chunks(redis, keys);
    assertThat(chunks).hasSize(25);
    assertThat(itemsOfChunks(chunks))
        .containsExactlyInAnyOrderElementsOf(CacheContents.expectedItems(table).values());
    assertThat(redis.getBucket(keys.chunk(24), StringCodec.INSTANCE).remainTimeToLive())
        .isPositive();
    assertThat(job.result())
        .containsEntry("attemptedKeys", 25)
        .containsEntry("totalRecords", ITEMS);
  }

  @Test
  void changesAppliedInOrderLeaveTheCacheEqualToTheTableInBothStrategies() throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(300, 1);
    CacheKeys itemKeys = fixture.configure(table, 1, 0);
    CacheKeys chunkKeys = fixture.configure(table, 7, 0);
    fixture.bulkLoad(table, itemKeys, 1, 0L);
    fixture.bulkLoad(table, chunkKeys, 7, 0L);

    List<TableItemChanged> changes = new ArrayList<>();
    for (int i = 0; i < 300; i += 3) {
      String id = String.format("item-%05d", i);
      Map<String, AttributeValue> before = TestTable.item(id, 1);
      Map<String, AttributeValue> after = TestTable.item(id, 5);
      table.put(after);
      changes.add(
          CacheWorkerFixture.change(table, TableItemChanged.Operation.MODIFY, before, after));
    }
    for (int i = 1; i < 300; i += 10) {
      String id = String.format("item-%05d", i);
      table.delete(id);
      changes.add(
          CacheWorkerFixture.change(
              table, TableItemChanged.Operation.REMOVE, TestTable.item(id, 1), null));
    }
    for (int i = 0; i < 40; i++) {
      Map<String, AttributeValue> fresh = TestTable.item("new-" + i, 9);
      table.put(fresh);
      changes.add(CacheWorkerFixture.change(table, TableItemChanged.Operation.INSERT, null, fresh));
    }
    for (TableItemChanged change : changes) {
      publisher
          .publish(
              new Envelope<>(
                  EnvelopeAttributes.create(
                      MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name),
                  change))
          .get();
    }

    Map<String, String> expected = CacheContents.expectedItems(table);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(CacheContents.items(redis, itemKeys)).isEqualTo(expected);
              assertThat(itemsOfChunks(CacheContents.chunks(redis, chunkKeys)))
                  .containsExactlyInAnyOrderElementsOf(expected.values());
            });
  }

  @Test
  void aCacheWrittenBeforeTheOrderedIndexGetsItOnItsNextChange() {
    TestTable table = new TestTable(dynamo);
    table.putAll(300, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    CacheContents.writeWithLegacyItemSet(redis, keys, CacheContents.expectedItems(table));

    table.put(TestTable.item("item-00005", 2));
    fixture.publishChange(
        table,
        TableItemChanged.Operation.MODIFY,
        TestTable.item("item-00005", 1),
        TestTable.item("item-00005", 2));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !redis.getSet(keys.legacyItemSet()).isExists());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(CacheContents.items(redis, keys))
                    .isEqualTo(CacheContents.expectedItems(table)));
    assertThat(IndexedItems.count(redis, keys)).isEqualTo(300);
    assertThat(IndexedItems.misplaced(redis, keys)).isEmpty();
  }

  @Test
  void aCacheWrittenBeforeTheOrderedIndexLosesWhatTheTableNoLongerHoldsOnItsNextLoad() {
    TestTable table = new TestTable(dynamo);
    table.putAll(300, 1);
    CacheKeys keys = fixture.configure(table, 1, 0);
    Map<String, String> cached = new HashMap<>(CacheContents.expectedItems(table));
    cached.put("deleted-since", "{\"id\":\"deleted-since\"}");
    CacheContents.writeWithLegacyItemSet(redis, keys, cached);

    Job reload = fixture.bulkLoad(table, keys, 1, 0L);

    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
    assertThat(redis.getBucket(keys.item("deleted-since")).isExists()).isFalse();
    assertThat(redis.getSet(keys.legacyItemSet()).isExists()).isFalse();
    assertThat(reload.result()).containsEntry("skippedDuplicates", 300);
  }

  /**
   * The bulk load gives 1 h, the configuration 2 h: a changed key keeps its 1 h, a new key gets 2
   * h.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3})
  void changedKeysKeepTheirTimeToLiveAndNewKeysGetTheConfiguredOne(int itemsPerKey) {
    TestTable table = new TestTable(dynamo);
    table.putAll(3, 1);
    CacheKeys keys = fixture.configure(table, itemsPerKey, 7200);
    fixture.bulkLoad(table, keys, itemsPerKey, 3600L);

    table.put(TestTable.item("item-00001", 2));
    fixture.publishChange(
        table,
        TableItemChanged.Operation.MODIFY,
        TestTable.item("item-00001", 1),
        TestTable.item("item-00001", 2));
    table.put(TestTable.item("fresh", 2));
    fixture.publishChange(
        table, TableItemChanged.Operation.INSERT, null, TestTable.item("fresh", 2));

    String changedKey = itemsPerKey == 1 ? keys.item("item-00001") : keys.chunk(0);
    String newKey = itemsPerKey == 1 ? keys.item("fresh") : keys.chunk(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> redis.getBucket(newKey, StringCodec.INSTANCE).isExists());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                redis
                    .<String>getBucket(changedKey, StringCodec.INSTANCE)
                    .get()
                    .contains("\"id\":\"item-00001\",\"price\":2.5"));
    assertThat(redis.getBucket(changedKey, StringCodec.INSTANCE).remainTimeToLive())
        .isBetween(3_500_000L, 3_600_000L);
    assertThat(redis.getBucket(newKey, StringCodec.INSTANCE).remainTimeToLive())
        .isBetween(7_100_000L, 7_200_000L);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 100})
  void thousandConcurrentChangesDuringABulkLoadEndEqualToTheTable(int itemsPerKey)
      throws Exception {
    TestTable table = new TestTable(dynamo);
    table.putAll(ITEMS, 1);
    CacheKeys keys = fixture.configure(table, itemsPerKey, 900);
    Job job = fixture.startBulkLoad(table, keys, itemsPerKey, 900L);

    // Eight writers, each owning its own items, so that per item the table and the log agree on
    // order.
    var writers = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int writer = 0; writer < 8; writer++) {
      int w = writer;
      done.add(
          writers.submit(
              () -> {
                for (int n = 0; n < 125; n++) {
                  int slot = w * 300 + n;
                  String id = String.format("item-%05d", slot);
                  switch (n % 3) {
                    case 0 -> { // modify
                      table.put(TestTable.item(id, 7));
                      fixture.publishChange(
                          table,
                          TableItemChanged.Operation.MODIFY,
                          TestTable.item(id, 1),
                          TestTable.item(id, 7));
                    }
                    case 1 -> { // remove
                      table.delete(id);
                      fixture.publishChange(
                          table, TableItemChanged.Operation.REMOVE, TestTable.item(id, 1), null);
                    }
                    default -> { // insert a new item
                      String fresh = "new-" + w + "-" + n;
                      table.put(TestTable.item(fresh, 3));
                      fixture.publishChange(
                          table, TableItemChanged.Operation.INSERT, null, TestTable.item(fresh, 3));
                    }
                  }
                }
                return null;
              }));
    }
    for (var future : done) {
      future.get();
    }
    writers.shutdown();
    fixture.awaitSuccess(job, Duration.ofSeconds(60));

    Map<String, String> expected = CacheContents.expectedItems(table);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              if (itemsPerKey == 1) {
                assertThat(CacheContents.items(redis, keys)).isEqualTo(expected);
              } else {
                assertThat(itemsOfChunks(CacheContents.chunks(redis, keys)))
                    .containsExactlyInAnyOrderElementsOf(expected.values());
              }
            });
  }

  /**
   * A stream change delivered again (the bridge replays what followed its checkpoint after a crash)
   * is left out, by its shard's sequence numbers: the cache never goes back to an older value.
   */
  @Test
  void streamChangesDeliveredAgainAreLeftOut() {
    TestTable table = new TestTable(dynamo);
    CacheKeys keys = fixture.configure(table, 1, 0);
    Map<String, AttributeValue> first = TestTable.item("x", 1);
    Map<String, AttributeValue> second = TestTable.item("x", 2);
    publishStreamChange(table, TableItemChanged.Operation.INSERT, first, "shard-a", "100");
    publishStreamChange(table, TableItemChanged.Operation.MODIFY, second, "shard-a", "101");
    publishStreamChange(table, TableItemChanged.Operation.INSERT, first, "shard-a", "100");
    publishStreamChange(
        table,
        TableItemChanged.Operation.INSERT,
        TestTable.item("y", 1),
        "shard-b",
        "7"); // its own numbers
    publishStreamChange(
        table, TableItemChanged.Operation.INSERT, TestTable.item("last", 1), "shard-a", "102");
    table.put(second);
    table.put(TestTable.item("y", 1));
    table.put(TestTable.item("last", 1));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> CacheContents.items(redis, keys).containsKey("last"));
    assertThat(CacheContents.items(redis, keys)).isEqualTo(CacheContents.expectedItems(table));
  }

  private void publishStreamChange(
      TestTable table,
      TableItemChanged.Operation op,
      Map<String, AttributeValue> after,
      String shard,
      String sequenceNumber) {
    TableItemChanged change =
        new TableItemChanged(
            op,
            Map.of("id", after.get("id").s()),
            null,
            PlainValues.fromItem(after),
            new TableItemChanged.Source(
                table.name,
                TableItemChanged.Origin.STREAM,
                "arn:test-stream",
                shard,
                sequenceNumber,
                null));
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table.name),
                change))
        .join();
  }

  @SuppressWarnings("unchecked")
  private List<String> itemsOfChunks(List<String> chunks) throws java.io.IOException {
    List<String> items = new ArrayList<>();
    for (String chunk : chunks) {
      for (Object item : (List<?>) ExactJson.readPlain(chunk)) {
        items.add(JsJson.write(PlainValues.normalize(item)));
      }
    }
    return items;
  }
}
