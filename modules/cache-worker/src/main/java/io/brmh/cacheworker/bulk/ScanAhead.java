package io.brmh.cacheworker.bulk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A table's sequential scan, or one segment of a parallel scan, running ahead of its reader: each
 * page is requested as soon as the one before it arrived, as long as fewer than {@value
 * #PAGES_AHEAD} pages wait unread, so the scan never waits for the reader's Redis writes or its job
 * bookkeeping. Holds at most {@value #PAGES_AHEAD} unread pages.
 */
final class ScanAhead {
  /**
   * Two: one page would leave the scan idle whenever a write or a job update outlasts a page's
   * read.
   */
  static final int PAGES_AHEAD = 2;

  private final DynamoDbClient dynamo;
  private final String table;
  private final int pageSize;
  private final int segment;
  private final int totalSegments;
  private final Executor executor;

  /**
   * Requested pages in scan order, each chained on the one before; null once the page before was
   * the last.
   */
  private final Deque<CompletableFuture<Page>> ahead = new ArrayDeque<>();

  /** A page of the scan. */
  record Page(ScanResponse response) {
    boolean isLast() {
      return !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
    }
  }

  /**
   * @param segment the segment scanned, from 0, of {@code totalSegments}; one segment is the whole
   *     table
   * @param startKey the key after which to start, null for the segment's beginning
   */
  ScanAhead(
      DynamoDbClient dynamo,
      String table,
      int pageSize,
      int segment,
      int totalSegments,
      Map<String, AttributeValue> startKey,
      Executor executor) {
    this.dynamo = dynamo;
    this.table = table;
    this.pageSize = pageSize;
    this.segment = segment;
    this.totalSegments = totalSegments;
    this.executor = executor;
    ahead.add(CompletableFuture.supplyAsync(() -> fetch(startKey), executor));
    while (ahead.size() < PAGES_AHEAD) {
      requestAfterLast();
    }
  }

  /** The next page; must not be called again after the last page was taken. */
  Page take() {
    Page page;
    try {
      page = ahead.removeFirst().join();
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
    requestAfterLast();
    return page;
  }

  private void requestAfterLast() {
    ahead.addLast(
        ahead
            .getLast()
            .thenApplyAsync(
                before ->
                    before == null || before.isLast()
                        ? null
                        : fetch(before.response().lastEvaluatedKey()),
                executor));
  }

  private Page fetch(Map<String, AttributeValue> startKey) {
    return new Page(
        dynamo.scan(
            b -> {
              b.tableName(table).limit(pageSize).consistentRead(true).exclusiveStartKey(startKey);
              if (totalSegments > 1) {
                b.segment(segment).totalSegments(totalSegments);
              }
            }));
  }
}
