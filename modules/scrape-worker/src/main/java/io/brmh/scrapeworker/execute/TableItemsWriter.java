package io.brmh.scrapeworker.execute;

import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.dynamodb.BatchWrites;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes a page's items to the run's table, each under its id as the table's key, in DynamoDB's
 * batches: a page written twice (a run resumed or repeated) leaves each item once, its last
 * version.
 */
@Singleton
class TableItemsWriter {
  private static final int KEYS_PER_READ = 100;

  /** Batches of one page written at once: a page of 100 items is four batches. */
  private static final int WRITERS = 4;

  private final DynamoDbClient dynamo;
  private final BatchWrites writes;
  private final ExecutorService writers =
      Executors.newFixedThreadPool(
          WRITERS,
          runnable -> {
            Thread thread = new Thread(runnable, "scrape-table-writer");
            thread.setDaemon(true);
            return thread;
          });

  TableItemsWriter(DynamoDbClient dynamo, BatchWrites writes) {
    this.dynamo = dynamo;
    this.writes = writes;
  }

  /** One item as it goes into the table: its id and its attributes. */
  record Keyed(String id, Map<String, Object> item) {}

  void write(String table, String keyAttribute, List<Keyed> items) {
    List<WriteRequest> requests = new ArrayList<>(items.size());
    for (Keyed keyed : items) {
      Map<String, Object> item = new LinkedHashMap<>(keyed.item());
      item.put(keyAttribute, keyed.id());
      requests.add(
          WriteRequest.builder()
              .putRequest(PutRequest.builder().item(PlainValues.toItem(item)).build())
              .build());
    }
    // The batches of a page go in parallel: DynamoDB takes them on as many partitions.
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int from = 0; from < requests.size(); from += BatchWrites.BATCH) {
      List<WriteRequest> batch =
          requests.subList(from, Math.min(requests.size(), from + BatchWrites.BATCH));
      sent.add(CompletableFuture.runAsync(() -> writes.write(table, batch), writers));
    }
    try {
      sent.forEach(CompletableFuture::join);
    } catch (CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
  }

  @PreDestroy
  void shutdown() {
    writers.shutdownNow();
  }

  /** The ids among {@code ids} the table holds already. */
  Set<String> existing(String table, String keyAttribute, List<String> ids) {
    Set<String> found = new HashSet<>();
    List<String> distinct = ids.stream().distinct().toList();
    for (int from = 0; from < distinct.size(); from += KEYS_PER_READ) {
      List<Map<String, AttributeValue>> keys =
          distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_READ)).stream()
              .map(id -> Map.of(keyAttribute, AttributeValue.fromS(id)))
              .toList();
      Map<String, KeysAndAttributes> pending =
          Map.of(
              table,
              KeysAndAttributes.builder()
                  .keys(keys)
                  .projectionExpression("#k")
                  .expressionAttributeNames(Map.of("#k", keyAttribute))
                  .consistentRead(true)
                  .build());
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> asked = pending;
        var response = dynamo.batchGetItem(b -> b.requestItems(asked));
        response
            .responses()
            .getOrDefault(table, List.of())
            .forEach(item -> found.add(item.get(keyAttribute).s()));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return found;
  }
}
