package io.brmh.platform.cache;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Which load made each live cache, kept in DynamoDB because Redis can lose it: a cache recorded
 * here whose {@link CacheKeys#loadedMarker() marker} Redis no longer has was lost, and is rebuilt
 * by a load of BRMH's own. At most one rebuild of a cache is claimed at a time, by a conditional
 * write, so workers that notice the loss together start one rebuild.
 */
@Singleton
public class CacheLoads {
  private static final String PROJECT = "project";
  private static final String TABLE = "tableName";
  private static final String JOB_ID = "jobId";
  private static final String LOADED_AT = "loadedAt";
  private static final String REBUILD_JOB_ID = "rebuildJobId";
  private static final String REBUILD_CLAIMED_AT = "rebuildClaimedAt";

  private final DynamoDbClient dynamo;
  private final CacheLoadsTable table;

  CacheLoads(DynamoDbClient dynamo, CacheLoadsTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * One cache's record.
   *
   * @param rebuildJobId the rebuild claimed for it, if one is
   * @param rebuildClaimedAt when that rebuild was claimed
   */
  public record Loaded(
      CacheKeys keys,
      String jobId,
      Instant loadedAt,
      Optional<String> rebuildJobId,
      Optional<Instant> rebuildClaimedAt) {}

  /** The load {@code jobId} made the live cache; a claimed rebuild is over. */
  public void recordLoaded(CacheKeys keys, String jobId) {
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(
                    Map.of(
                        CacheLoadsTable.CACHE,
                        AttributeValue.fromS(id(keys)),
                        PROJECT,
                        AttributeValue.fromS(keys.project()),
                        TABLE,
                        AttributeValue.fromS(keys.table()),
                        JOB_ID,
                        AttributeValue.fromS(jobId),
                        LOADED_AT,
                        AttributeValue.fromS(Instant.now().toString()))));
  }

  /** The cache was cleared on purpose: it is no longer expected in Redis. */
  public void forget(CacheKeys keys) {
    dynamo.deleteItem(
        b ->
            b.tableName(table.name())
                .key(Map.of(CacheLoadsTable.CACHE, AttributeValue.fromS(id(keys)))));
  }

  public List<Loaded> all() {
    return dynamo
        .scanPaginator(b -> b.tableName(table.name()).consistentRead(true))
        .items()
        .stream()
        .map(CacheLoads::fromItem)
        .toList();
  }

  /**
   * Claims the rebuild of a cache lost after load {@code lostJobId}, unless one is claimed already.
   *
   * @return whether this caller got the claim and must start rebuild {@code rebuildJobId}
   */
  public boolean claimRebuild(Loaded lost, String rebuildJobId) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(CacheLoadsTable.CACHE, AttributeValue.fromS(id(lost.keys()))))
                  .updateExpression("SET #rebuild = :rebuild, #claimedAt = :now")
                  .conditionExpression("#job = :lost AND attribute_not_exists(#rebuild)")
                  .expressionAttributeNames(
                      Map.of(
                          "#rebuild",
                          REBUILD_JOB_ID,
                          "#job",
                          JOB_ID,
                          "#claimedAt",
                          REBUILD_CLAIMED_AT))
                  .expressionAttributeValues(
                      Map.of(
                          ":rebuild",
                          AttributeValue.fromS(rebuildJobId),
                          ":lost",
                          AttributeValue.fromS(lost.jobId()),
                          ":now",
                          AttributeValue.fromS(Instant.now().toString()))));
      return true;
    } catch (ConditionalCheckFailedException claimedOrChanged) {
      return false;
    }
  }

  /**
   * Gives up a rebuild claim whose job ended without success, so that the next check claims
   * another.
   */
  public void releaseRebuild(Loaded loaded, String rebuildJobId) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(CacheLoadsTable.CACHE, AttributeValue.fromS(id(loaded.keys()))))
                  .updateExpression("REMOVE #rebuild, #claimedAt")
                  .conditionExpression("#rebuild = :rebuild")
                  .expressionAttributeNames(
                      Map.of("#rebuild", REBUILD_JOB_ID, "#claimedAt", REBUILD_CLAIMED_AT))
                  .expressionAttributeValues(
                      Map.of(":rebuild", AttributeValue.fromS(rebuildJobId))));
    } catch (ConditionalCheckFailedException alreadyReleased) {
      // another worker released or replaced it
    }
  }

  private static String id(CacheKeys keys) {
    return keys.project() + ":" + keys.table();
  }

  private static Loaded fromItem(Map<String, AttributeValue> item) {
    AttributeValue rebuild = item.get(REBUILD_JOB_ID);
    AttributeValue claimedAt = item.get(REBUILD_CLAIMED_AT);
    return new Loaded(
        new CacheKeys(item.get(PROJECT).s(), item.get(TABLE).s()),
        item.get(JOB_ID).s(),
        Instant.parse(item.get(LOADED_AT).s()),
        Optional.ofNullable(rebuild).map(AttributeValue::s),
        Optional.ofNullable(claimedAt).map(value -> Instant.parse(value.s())));
  }
}
