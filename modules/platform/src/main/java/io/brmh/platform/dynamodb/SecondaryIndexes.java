package io.brmh.platform.dynamodb;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;

/**
 * Adds a global secondary index to one of BRMH's tables made before the index existed, for a {@link
 * ManagedTable#upgrade}: at every start, cheap once the index is there.
 */
public final class SecondaryIndexes {
  /** DynamoDB fills a new index before it answers queries: up to some minutes for a large table. */
  private static final long ACTIVE_WITHIN_MINUTES = 10;

  private SecondaryIndexes() {}

  /**
   * Adds {@code index} to {@code table} unless it has it, and waits until it answers queries.
   *
   * @param attributes the definitions of the attributes the index's key names
   * @return whether this call added it (another instance may have, meanwhile)
   * @throws IllegalStateException when the index is not active after ten minutes
   */
  public static boolean addIfMissing(
      DynamoDbClient dynamo,
      String table,
      GlobalSecondaryIndex index,
      List<AttributeDefinition> attributes) {
    if (has(dynamo, table, index.indexName())) {
      return false;
    }
    try {
      dynamo.updateTable(
          b ->
              b.tableName(table)
                  .attributeDefinitions(attributes)
                  .globalSecondaryIndexUpdates(
                      update ->
                          update.create(
                              create ->
                                  create
                                      .indexName(index.indexName())
                                      .keySchema(index.keySchema())
                                      .projection(index.projection()))));
    } catch (DynamoDbException addedByAnotherInstance) { // in use, or the index exists
      if (!has(dynamo, table, index.indexName())) {
        throw addedByAnotherInstance;
      }
      return false;
    }
    awaitActive(dynamo, table, index.indexName());
    return true;
  }

  private static boolean has(DynamoDbClient dynamo, String table, String indexName) {
    return dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
        .anyMatch(index -> index.indexName().equals(indexName));
  }

  private static void awaitActive(DynamoDbClient dynamo, String table, String indexName) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(ACTIVE_WITHIN_MINUTES);
    while (dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
        .noneMatch(
            index ->
                index.indexName().equals(indexName) && index.indexStatus() == IndexStatus.ACTIVE)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The index "
                + indexName
                + " of "
                + table
                + " is not active after "
                + ACTIVE_WITHIN_MINUTES
                + " minutes");
      }
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }
  }
}
