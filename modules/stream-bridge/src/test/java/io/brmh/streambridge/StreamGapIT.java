package io.brmh.streambridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.job.JobStatus;
import io.brmh.devstack.SharedDevstack;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheRebuilds;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobQuery;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.streams.StreamCheckpointsTable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A checkpoint the stream refuses — a sequence number it does not know (what DynamoDB Local leaves
 * after a kill), one before its oldest record, one older than the stream keeps records ({@link
 * StreamFaults}) — means changes may be lost: the bridge starts the shard again at its newest
 * record, a rebuild job of BRMH's own loads the table, the cache ends equal to the table, changes
 * written afterwards reach it, and the checkpoint records the restart.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamGapIT implements TestPropertyProvider {
  @Inject DynamoDbClient dynamo;
  @Inject DynamoDbStreamsClient streams;
  @Inject RedissonClient redis;
  @Inject CacheConfigRepository configs;
  @Inject JobRegistry jobs;
  @Inject StreamCheckpointsTable checkpoints;
  @Inject StreamFaults retention;
  @Inject CacheRebuilds rebuilds;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(SharedDevstack.applicationProperties());
    properties.put("brmh.stream-bridge.follow-refresh", "200ms");
    properties.put("brmh.stream-bridge.idle-pause", "50ms");
    properties.put("brmh.test.stream-faults", "emulated");
    return properties;
  }

  @ParameterizedTest
  @ValueSource(strings = {"another stream's", "1", "restarted, nothing since", "trimmed"})
  void aCheckpointTheStreamRefusesIsRepairedByARebuildAndTheShardGoesOn(String kind) {
    String otherStreams = kind.equals("another stream's") ? sequenceNumberOfAnotherStream() : null;
    String table = Contents.newStreamedTable(dynamo, "gap-");
    for (int i = 0; i < 200; i++) {
      put(table, "item-" + i, 1);
    }
    String streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    List<Shard> shards =
        streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
    // "restarted, nothing since": a bridge that started a shard again at its newest record and
    // stopped before a change came.
    String refusedCheckpoint =
        switch (kind) {
          case "1" -> kind;
          case "another stream's" -> otherStreams;
          case "trimmed" -> trimAfterTheFirstRecords(streamArn, shards.get(0).shardId());
          default -> null;
        };
    shards.forEach(
        shard -> {
          Map<String, AttributeValue> checkpoint =
              new HashMap<>(
                  Map.of(
                      StreamCheckpointsTable.STREAM_ARN,
                      AttributeValue.fromS(streamArn),
                      StreamCheckpointsTable.SHARD_ID,
                      AttributeValue.fromS(shard.shardId())));
          if (refusedCheckpoint != null) {
            checkpoint.put(
                StreamCheckpointsTable.SEQUENCE_NUMBER, AttributeValue.fromS(refusedCheckpoint));
          } else {
            checkpoint.put(StreamCheckpointsTable.RESET_AT, AttributeValue.fromN("1764547200000"));
          }
          dynamo.putItem(b -> b.tableName(checkpoints.name()).item(checkpoint));
        });

    CacheKeys keys = configure(table);

    Job rebuild =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> systemJob(keys), job -> job != null && job.status() == JobStatus.SUCCEEDED);
    assertThat(rebuild.result()).containsKey("reason");
    for (int i = 0; i < 50; i++) {
      put(table, "item-" + (i * 3), 2);
      put(table, "later-" + i, 1);
    }
    Map<String, String> expected = Contents.table(dynamo, table);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(Contents.cache(redis, keys)).isEqualTo(expected));
    Map<String, AttributeValue> checkpoint =
        dynamo
            .getItem(
                b ->
                    b.tableName(checkpoints.name())
                        .consistentRead(true)
                        .key(
                            Map.of(
                                StreamCheckpointsTable.STREAM_ARN, AttributeValue.fromS(streamArn),
                                StreamCheckpointsTable.SHARD_ID,
                                    AttributeValue.fromS(shards.get(0).shardId()))))
            .item();
    assertThat(checkpoint)
        .containsKeys(StreamCheckpointsTable.RESET_AT, StreamCheckpointsTable.RESET_REASON);
    if (kind.equals("trimmed")) {
      assertThat(checkpoint.get(StreamCheckpointsTable.RESET_REASON).s())
          .contains("older than the stream keeps them");
    }
    assertThat(checkpoint.get(StreamCheckpointsTable.SEQUENCE_NUMBER)).isNotNull();
    assertThat(checkpoint.get(StreamCheckpointsTable.SEQUENCE_NUMBER).s())
        .isNotEqualTo(refusedCheckpoint);
  }

  /**
   * A table's stream turned off and on again is a new stream, and the changes made while it was off
   * are in neither: the bridge follows the new stream from its start, after a rebuild of the cache.
   */
  @Test
  void aStreamTurnedOffAndOnAgainIsFollowedAfterARebuild() {
    String table = Contents.newStreamedTable(dynamo, "recreated-");
    for (int i = 0; i < 100; i++) {
      put(table, "item-" + i, 1);
    }
    CacheKeys keys = configure(table);
    CacheConfig config = configs.findActive(table).get(0);
    Job first =
        rebuilds.submit(UUID.randomUUID().toString(), config, "/brmh/test", "the first load");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> jobs.find(first.id()).orElseThrow().status() == JobStatus.SUCCEEDED);
    put(table, "item-0", 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(Contents.cache(redis, keys)).isEqualTo(Contents.table(dynamo, table)));
    String before = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();

    dynamo.updateTable(
        b -> b.tableName(table).streamSpecification(spec -> spec.streamEnabled(false)));
    for (int i = 0; i < 30; i++) {
      put(table, "item-" + (i * 2), 3);
      String gone = "item-" + (60 + i);
      dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(gone))));
    }
    dynamo.updateTable(
        b ->
            b.tableName(table)
                .streamSpecification(
                    spec -> spec.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
    String after = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    assertThat(after).isNotEqualTo(before);
    for (int i = 0; i < 20; i++) {
      put(table, "after-" + i, 1);
    }

    Job rebuild =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    systemJobs(keys).stream()
                        .filter(
                            job -> String.valueOf(job.result()).contains("turned off and on again"))
                        .findFirst()
                        .orElse(null),
                job -> job != null && job.status() == JobStatus.SUCCEEDED);
    assertThat(rebuild.result().get("reason").toString()).contains(after).contains(before);
    for (int i = 0;
        i < 20;
        i++) { // after the rebuild scanned the table: only the new stream brings these
      put(table, "after-" + i, 2);
      put(table, "later-" + i, 1);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(Contents.cache(redis, keys)).isEqualTo(Contents.table(dynamo, table)));
    long now = Instant.now().getEpochSecond();
    assertThat(checkpointsOf(before))
        .as("the old stream's shards, read to their end, expire after the stream forgot them")
        .isNotEmpty()
        .allSatisfy(
            item -> {
              assertThat(item.get(StreamCheckpointsTable.CLOSED).bool()).isTrue();
              assertThat(Long.parseLong(item.get(StreamCheckpointsTable.EXPIRES_AT).n()))
                  .isBetween(
                      now + Duration.ofHours(47).toSeconds(),
                      now + Duration.ofHours(49).toSeconds());
            });
  }

  /**
   * A table whose stream refuses every call as over DynamoDB Streams' limits is tried less and less
   * often, and the other tables go on meanwhile; once the stream answers again, its changes come.
   */
  @Test
  void aThrottledStreamIsTriedLessAndLessOftenWhileTheOtherTablesGoOn() {
    String throttledTable = Contents.newStreamedTable(dynamo, "throttled-");
    String otherTable = Contents.newStreamedTable(dynamo, "beside-");
    CacheKeys throttledKeys = configure(throttledTable);
    CacheKeys otherKeys = configure(otherTable);
    put(throttledTable, "first", 1);
    put(otherTable, "first", 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Contents.cache(redis, throttledKeys).size() == 1
                    && Contents.cache(redis, otherKeys).size() == 1);
    String arn = dynamo.describeTable(b -> b.tableName(throttledTable)).table().latestStreamArn();

    retention.throttle(arn);
    long throttledAt = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      put(throttledTable, "while-throttled-" + i, 1);
      put(otherTable, "while-throttled-" + i, 1);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Contents.cache(redis, otherKeys))
                    .isEqualTo(Contents.table(dynamo, otherTable)));
    await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() - throttledAt > 6e9);
    assertThat(Contents.cache(redis, throttledKeys)).as("nothing read while throttled").hasSize(1);
    int refused = retention.unthrottle(arn);
    // Without waiting, 6 s of 50 ms rounds would be over 100 tries; waiting 0.2 s doubling, about
    // 6.
    assertThat(refused).as("tries of the throttled stream in 6 s").isBetween(1, 12);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Contents.cache(redis, throttledKeys))
                    .isEqualTo(Contents.table(dynamo, throttledTable)));
  }

  private List<Map<String, AttributeValue>> checkpointsOf(String streamArn) {
    return dynamo
        .query(
            b ->
                b.tableName(checkpoints.name())
                    .consistentRead(true)
                    .keyConditionExpression("#arn = :arn")
                    .expressionAttributeNames(Map.of("#arn", StreamCheckpointsTable.STREAM_ARN))
                    .expressionAttributeValues(Map.of(":arn", AttributeValue.fromS(streamArn))))
        .items();
  }

  /**
   * The stream keeps only its last 100 records, as if the bridge had been away longer than the
   * stream's retention.
   *
   * @return the position of the oldest record, now trimmed: the checkpoint a bridge away that long
   *     left
   */
  private String trimAfterTheFirstRecords(String streamArn, String shardId) {
    String iterator =
        streams
            .getShardIterator(
                b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType("TRIM_HORIZON"))
            .shardIterator();
    var records = streams.getRecords(b -> b.shardIterator(iterator)).records();
    retention.trimBefore(streamArn, records.get(records.size() - 100).dynamodb().sequenceNumber());
    return records.get(0).dynamodb().sequenceNumber();
  }

  /**
   * What a restarted DynamoDB Local leaves: a checkpoint from a stream it no longer has, which this
   * one does not know.
   */
  private String sequenceNumberOfAnotherStream() {
    String other = Contents.newStreamedTable(dynamo, "gap-other-");
    for (int i = 0; i < 30; i++) {
      put(other, "x" + i, 1);
    }
    String arn = dynamo.describeTable(b -> b.tableName(other)).table().latestStreamArn();
    String shard =
        streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator =
        streams
            .getShardIterator(
                b -> b.streamArn(arn).shardId(shard).shardIteratorType("TRIM_HORIZON"))
            .shardIterator();
    var records = streams.getRecords(b -> b.shardIterator(iterator)).records();
    return records.get(records.size() - 1).dynamodb().sequenceNumber();
  }

  private Job systemJob(CacheKeys keys) {
    return systemJobs(keys).stream().findFirst().orElse(null);
  }

  private List<Job> systemJobs(CacheKeys keys) {
    return jobs.list(
            new JobQuery(
                Job.SYSTEM_OWNER,
                "cache.table",
                null,
                CacheJobSubject.of(keys.project(), keys.table()),
                10,
                null))
        .items();
  }

  private void put(String table, String id, int version) {
    dynamo.putItem(
        b ->
            b.tableName(table)
                .item(
                    Map.of(
                        "id",
                        AttributeValue.fromS(id),
                        "version",
                        AttributeValue.fromN(Integer.toString(version)),
                        "price",
                        AttributeValue.fromN(version + ".1000000000000000055511151231257827"))));
  }

  private CacheKeys configure(String table) {
    String project = "g" + UUID.randomUUID().toString().substring(0, 6);
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
}
