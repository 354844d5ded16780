package io.brmh.namespaceworker;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Copies a table's items into another table of the same key, a scan page at a time, in batch writes
 * whose unprocessed items are written again (with a growing wait) until none is left. Items are put
 * under their own keys, so copying again after a crash writes the same items again and leaves no
 * duplicate.
 */
@Singleton
class TableCopier {
  private static final int BATCH = 25;
  private static final int PAGE = 500;
  private static final Duration FIRST_WAIT = Duration.ofMillis(50);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

  private final DynamoDbClient dynamo;

  TableCopier(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Waits until DynamoDB made the table (a new one is CREATING for a moment). */
  void awaitActive(String table) {
    dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
  }

  /**
   * @param copied told how many items each batch wrote; it may throw to stop the copy there
   * @return the items copied
   */
  long copy(String from, String to, java.util.function.LongConsumer copied) {
    long total = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> after = start;
      ScanResponse page =
          dynamo.scan(
              b -> b.tableName(from).limit(PAGE).consistentRead(true).exclusiveStartKey(after));
      List<Map<String, AttributeValue>> items = page.items();
      for (int i = 0; i < items.size(); i += BATCH) {
        List<Map<String, AttributeValue>> batch =
            items.subList(i, Math.min(items.size(), BATCH + i));
        write(to, batch);
        total += batch.size();
        copied.accept(batch.size());
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return total;
  }

  private void write(String table, List<Map<String, AttributeValue>> items) {
    List<WriteRequest> pending = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      pending.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
    Duration wait = FIRST_WAIT;
    while (!pending.isEmpty()) {
      List<WriteRequest> sending = pending;
      BatchWriteItemResponse response =
          dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, sending)));
      pending = response.unprocessedItems().getOrDefault(table, List.of());
      if (!pending.isEmpty()) {
        sleep(wait); // throttled: DynamoDB asks to slow down before the rest
        wait =
            wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      }
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while DynamoDB throttled a copy", e);
    }
  }
}
