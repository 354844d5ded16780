package io.brmh.local.bench;

import io.brmh.platform.cache.JsJson;
import io.brmh.platform.cache.PlainValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The benchmark's deterministic table: items with a string id, a few typed attributes and a payload
 * padded so that each item is exactly {@value #ITEM_BYTES} bytes of cached JSON.
 */
final class BenchDataset {
  static final int ITEM_BYTES = 500;

  private BenchDataset() {}

  static void createTable(DynamoDbClient dynamo, String table) {
    createTable(dynamo, table, false);
  }

  /** A table keyed by its string {@code id}, with a stream of new and old images if asked. */
  static void createTable(DynamoDbClient dynamo, String table, boolean stream) {
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .streamSpecification(
                    spec ->
                        spec.streamEnabled(stream)
                            .streamViewType(stream ? StreamViewType.NEW_AND_OLD_IMAGES : null)));
  }

  static void load(DynamoDbClient dynamo, String table, int count) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(item(i, 1));
    }
    write(dynamo, table, items);
  }

  /**
   * Writes the items in batches of 25, one after the other, sending back what DynamoDB hands back.
   */
  static void write(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> batch =
          items.subList(from, Math.min(items.size(), from + 25)).stream()
              .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build())
              .toList();
      Map<String, List<WriteRequest>> requests = Map.of(table, batch);
      var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(requests)).unprocessedItems();
      while (unprocessed != null && !unprocessed.isEmpty()) {
        var retry = unprocessed;
        unprocessed = dynamo.batchWriteItem(b -> b.requestItems(retry)).unprocessedItems();
      }
    }
  }

  /**
   * Item {@code n} in version {@code version}, exactly {@value #ITEM_BYTES} bytes as cached JSON.
   */
  static Map<String, AttributeValue> item(int n, int version) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(String.format("item-%06d", n)));
    item.put("version", AttributeValue.fromN(Integer.toString(version)));
    item.put("price", AttributeValue.fromN((n % 1000) + ".25"));
    item.put("active", AttributeValue.fromBool(n % 2 == 0));
    item.put("category", AttributeValue.fromS("category-" + (n % 17)));
    item.put("payload", AttributeValue.fromS(""));
    int padding =
        ITEM_BYTES
            - JsJson.write(PlainValues.fromItem(item))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length;
    item.put("payload", AttributeValue.fromS("x".repeat(padding)));
    return item;
  }
}
