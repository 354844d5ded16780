package io.brmh.indexworker;

import static org.awaitility.Awaitility.await;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.index.IndexReindexRequested;
import io.brmh.contracts.table.TableItemChanged;
import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.search.IndexConfig;
import io.brmh.platform.search.IndexConfigStore;
import io.brmh.platform.search.SearchEngine;
import io.brmh.platform.search.SearchRequest;
import io.brmh.platform.search.SearchResult;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Tables, their index configurations and reindex jobs as the gateway makes them, changes as the
 * stream bridge publishes them (the item written to DynamoDB first), and what table and index hold,
 * compared value by value.
 */
@Singleton
class IndexedTables {
  static final List<String> FIELDS = List.of("name", "price", "tags");

  final DynamoDbClient dynamo;
  final IndexConfigStore configs;
  final JobCommands commands;
  final JobRegistry jobs;
  final EventPublisher publisher;

  IndexedTables(
      DynamoDbClient dynamo,
      IndexConfigStore configs,
      JobCommands commands,
      JobRegistry jobs,
      EventPublisher publisher) {
    this.dynamo = dynamo;
    this.configs = configs;
    this.commands = commands;
    this.jobs = jobs;
    this.publisher = publisher;
  }

  /** A table of {@code items} items, and an active index configuration of it. */
  IndexConfig table(int items) {
    String table = "indexed-" + UUID.randomUUID().toString().substring(0, 12);
    dynamo.createTable(
        b ->
            b.tableName(table)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    for (int i = 0; i < items; i++) {
      put(table, item(i, "Product " + i));
    }
    Instant now = Instant.now();
    IndexConfig config =
        new IndexConfig(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            table,
            null,
            FIELDS,
            IndexConfig.ACTIVE,
            now,
            now);
    configs.save(config);
    return config;
  }

  static Map<String, Object> item(int i, String name) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", "item-" + i);
    item.put("name", name);
    item.put("price", new BigDecimal("17303261256590089746.61").add(BigDecimal.valueOf(i)));
    item.put("tags", List.of("t" + (i % 7), "shared"));
    item.put("notIndexed", "secret " + i);
    return item;
  }

  void put(String table, Map<String, Object> item) {
    dynamo.putItem(b -> b.tableName(table).item(PlainValues.toItem(item)));
  }

  Job reindex(IndexConfig config) {
    String jobId = UUID.randomUUID().toString();
    return commands.submit(
        jobId,
        "search.reindex",
        "index:" + config.id(),
        "indexer-1",
        id ->
            new Envelope<>(
                EnvelopeAttributes.create(
                        MessageType.INDEX_REINDEX_REQUESTED, "/brmh/test", config.table())
                    .withJobId(id),
                new IndexReindexRequested(id, config.id(), config.table(), "indexer-1")));
  }

  Job awaitEnd(Job job) {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> jobs.find(job.id()).orElseThrow().status().isTerminal());
    return jobs.find(job.id()).orElseThrow();
  }

  /** Writes the item to DynamoDB, then publishes its change as the stream bridge would. */
  void change(String table, Map<String, Object> item) {
    Map<String, Object> before = PlainValues.fromItem(get(table, (String) item.get("id")));
    put(table, item);
    publish(
        table,
        new TableItemChanged(
            before.isEmpty()
                ? TableItemChanged.Operation.INSERT
                : TableItemChanged.Operation.MODIFY,
            Map.of("id", item.get("id")),
            before.isEmpty() ? null : before,
            item,
            source(table)));
  }

  void remove(String table, String id) {
    Map<String, Object> before = PlainValues.fromItem(get(table, id));
    dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    publish(
        table,
        new TableItemChanged(
            TableItemChanged.Operation.REMOVE, Map.of("id", id), before, null, source(table)));
  }

  private Map<String, AttributeValue> get(String table, String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table)
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    return item == null ? Map.of() : item;
  }

  private void publish(String table, TableItemChanged change) {
    publisher
        .publish(
            new Envelope<>(
                EnvelopeAttributes.create(MessageType.TABLE_ITEM_CHANGED, "/brmh/test", table),
                change))
        .join();
  }

  private static TableItemChanged.Source source(String table) {
    return new TableItemChanged.Source(
        table, TableItemChanged.Origin.API, null, null, null, null, null);
  }

  /** The table's items as the index should hold them: the configured fields, exact. */
  Map<String, Map<String, Object>> expected(IndexConfig config) {
    Map<String, Map<String, Object>> expected = new TreeMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(config.table()).consistentRead(true))
        .items()
        .forEach(
            item -> {
              Map<String, Object> plain = PlainValues.fromItem(item);
              Map<String, Object> fields = new TreeMap<>();
              FIELDS.forEach(
                  field -> {
                    if (plain.get(field) != null) {
                      fields.put(field, exact(plain.get(field)));
                    }
                  });
              expected.put((String) plain.get("id"), fields);
            });
    return expected;
  }

  /** Every document the index's alias reads, by id, page after page. */
  static Map<String, Map<String, Object>> indexed(SearchEngine engine, IndexConfig config) {
    Map<String, Map<String, Object>> indexed = new TreeMap<>();
    String cursor = null;
    do {
      SearchResult page =
          engine.search(
              config.alias(),
              new SearchRequest("", List.of(), List.of(), null, 500, cursor, false));
      for (SearchResult.Hit hit : page.hits()) {
        Map<String, Object> fields = new TreeMap<>();
        hit.fields().forEach((name, value) -> fields.put(name, exact(value)));
        indexed.put(hit.id(), fields);
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return indexed;
  }

  private static Object exact(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(IndexedTables::exact).toList();
    }
    return value;
  }
}
