package io.brmh.cacheworker.bulk;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A table's sequential scan, one page ahead of its reader: while the reader writes a page to
 * Redis, the next one is on its way from DynamoDB, so a bulk load takes about as long as the scan
 * alone instead of scan plus writes. Holds at most one unread page.
 */
final class ScanAhead {
  private final DynamoDbClient dynamo;
  private final String table;
  private final int pageSize;
  private final Executor executor;
  private CompletableFuture<Page> next;

  /** A page and the key it started from, which a checkpoint records. */
  record Page(Map<String, AttributeValue> startKey, ScanResponse response) {
    boolean isLast() {
      return !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
    }
  }

  /** @param startKey where to start, null for the table's beginning */
  ScanAhead(DynamoDbClient dynamo, String table, int pageSize, Map<String, AttributeValue> startKey, Executor executor) {
    this.dynamo = dynamo;
    this.table = table;
    this.pageSize = pageSize;
    this.executor = executor;
    this.next = fetch(startKey);
  }

  /** The next page; the one after it is requested before this returns, unless this one is the last. */
  Page take() {
    Page page;
    try {
      page = next.join();
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
    next = page.isLast() ? null : fetch(page.response().lastEvaluatedKey());
    return page;
  }

  private CompletableFuture<Page> fetch(Map<String, AttributeValue> startKey) {
    return CompletableFuture.supplyAsync(() -> new Page(startKey,
        dynamo.scan(b -> b.tableName(table).limit(pageSize).consistentRead(true).exclusiveStartKey(startKey))), executor);
  }
}
