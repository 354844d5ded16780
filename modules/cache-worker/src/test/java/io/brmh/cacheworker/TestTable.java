package io.brmh.cacheworker;

import io.brmh.platform.cache.PlainValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A real DynamoDB Local table of generated items, written and read the way tests need. */
final class TestTable {
  final String name = "cache-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final DynamoDbClient dynamo;

  TestTable(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
    dynamo.createTable(
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
  }

  static Map<String, AttributeValue> item(String id, int version) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(id));
    item.put("version", AttributeValue.fromN(Integer.toString(version)));
    item.put("price", AttributeValue.fromN(version + ".50"));
    item.put("active", AttributeValue.fromBool(version % 2 == 0));
    item.put(
        "tags",
        AttributeValue.fromL(
            List.of(AttributeValue.fromS("t" + version), AttributeValue.fromN("3"))));
    return item;
  }

  void putAll(int count, int version) {
    List<WriteRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, AttributeValue> item = item(String.format("item-%05d", i), version);
      requests.add(putRequest(item));
    }
    write(requests);
  }

  /** Puts and deletes in batches of 25, DynamoDB's limit. */
  void write(List<WriteRequest> requests) {
    for (int from = 0; from < requests.size(); from += 25) {
      List<WriteRequest> batch =
          List.copyOf(requests.subList(from, Math.min(from + 25, requests.size())));
      Map<String, List<WriteRequest>> unprocessed = Map.of(name, batch);
      while (!unprocessed.isEmpty()) {
        Map<String, List<WriteRequest>> sent = unprocessed;
        unprocessed = dynamo.batchWriteItem(b -> b.requestItems(sent)).unprocessedItems();
      }
    }
  }

  static WriteRequest putRequest(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(p -> p.item(item)).build();
  }

  static WriteRequest deleteRequest(String id) {
    return WriteRequest.builder()
        .deleteRequest(d -> d.key(Map.of("id", AttributeValue.fromS(id))))
        .build();
  }

  void put(Map<String, AttributeValue> item) {
    dynamo.putItem(b -> b.tableName(name).item(item));
  }

  void delete(String id) {
    dynamo.deleteItem(b -> b.tableName(name).key(Map.of("id", AttributeValue.fromS(id))));
  }

  /** Every item, as plain values, by id. */
  Map<String, Map<String, Object>> contents() {
    Map<String, Map<String, Object>> items = new HashMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(name).consistentRead(true))
        .items()
        .forEach(item -> items.put(item.get("id").s(), PlainValues.fromItem(item)));
    return items;
  }
}
