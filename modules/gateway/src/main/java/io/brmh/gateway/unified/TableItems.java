package io.brmh.gateway.unified;

import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.dynamodb.BatchWrites;
import io.brmh.platform.dynamodb.DynamoDbFailures;
import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.unified.TableKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Items of a namespace's table as plain JSON, numbers exact both ways. Writes are conditional: a
 * create does not overwrite unless asked, a replace, patch or delete needs the item to exist. A
 * scan is a page with a continuation token, never the whole table. Which table a caller may reach
 * is decided before, by the controller; here every call names a table that belongs to a namespace.
 */
@Singleton
class TableItems {
  /** Attributes one patch may set, as DynamoDB bounds an update expression. */
  static final int MAX_UPDATES = 100;

  /** Writes one batch request may hold. */
  static final int MAX_BATCH = 500;

  /** The comparisons a query may make of the sort key, as DynamoDB's key conditions. */
  static final String SORT_OPERATORS = "eq|lt|le|gt|ge|between|begins_with";

  private final DynamoDbClient dynamo;
  private final PageTokens tokens;
  private final BatchWrites batches;

  TableItems(DynamoDbClient dynamo, PageTokens tokens, BatchWrites batches) {
    this.dynamo = dynamo;
    this.tokens = tokens;
    this.batches = batches;
  }

  /**
   * A condition on the sort key: {@code operator} one of {@link #SORT_OPERATORS}, {@code upTo} the
   * upper bound of {@code between}.
   */
  record SortCondition(String operator, String value, @Nullable String upTo) {}

  /** A page of items and the token of the next. */
  record ItemPage(List<Map<String, Object>> items, @Nullable String nextPageToken) {}

  /**
   * @param given the key's attributes as query parameters (text, parsed as the key's types)
   */
  Optional<Map<String, Object>> get(String table, TableKey shape, Map<String, String> given) {
    Map<String, AttributeValue> item =
        DynamoDbFailures.mapped(
                table,
                "key",
                () ->
                    dynamo.getItem(
                        b ->
                            b.tableName(table).key(keyFromText(shape, given)).consistentRead(true)))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(PlainValues.fromItem(item));
  }

  ItemPage scan(String table, TableKey shape, int limit, @Nullable String pageToken) {
    Map<String, AttributeValue> start = tokens.decode(pageToken, shape.names());
    ScanResponse page =
        DynamoDbFailures.mapped(
            table,
            "pageToken",
            () ->
                PageTokens.startingAt(
                    start,
                    () ->
                        dynamo.scan(
                            b -> b.tableName(table).limit(limit).exclusiveStartKey(start))));
    List<Map<String, Object>> items = new ArrayList<>();
    page.items().forEach(item -> items.add(PlainValues.fromItem(item)));
    return new ItemPage(
        items,
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? tokens.encode(page.lastEvaluatedKey())
            : null);
  }

  /**
   * @throws ProblemException 409 when the item exists and {@code overwrite} is false
   */
  void create(String table, TableKey shape, Map<String, Object> item, boolean overwrite) {
    Map<String, AttributeValue> stored = storable(item, shape, "item");
    try {
      DynamoDbFailures.mapped(
          table,
          "item",
          () ->
              dynamo.putItem(
                  b -> {
                    b.tableName(table).item(stored);
                    if (!overwrite) {
                      b.conditionExpression("attribute_not_exists(#hash)")
                          .expressionAttributeNames(Map.of("#hash", shape.hash()));
                    }
                  }));
    } catch (ConditionalCheckFailedException exists) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "item-exists",
          "An item with this key exists; send overwrite: true to replace it.");
    }
  }

  /**
   * @throws ProblemException 404 when there is no item with the item's key
   */
  void replace(String table, TableKey shape, Map<String, Object> item) {
    Map<String, AttributeValue> stored = storable(item, shape, "item");
    try {
      DynamoDbFailures.mapped(
          table,
          "item",
          () ->
              dynamo.putItem(
                  b ->
                      b.tableName(table)
                          .item(stored)
                          .conditionExpression("attribute_exists(#hash)")
                          .expressionAttributeNames(Map.of("#hash", shape.hash()))));
    } catch (ConditionalCheckFailedException missing) {
      throw itemNotFound();
    }
  }

  /**
   * Sets the attributes given (a null removes one), leaving the others.
   *
   * @return the item after the change
   * @throws ProblemException 404 when there is no such item, 400 when an update names the key
   */
  Map<String, Object> patch(
      String table, TableKey shape, Map<String, Object> key, Map<String, Object> updates) {
    Map<String, AttributeValue> keyItem = keyFromValues(shape, key);
    Map<String, String> names = new HashMap<>(Map.of("#hash", shape.hash()));
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Object> update : updates.entrySet()) {
      if (shape.names().contains(update.getKey())) {
        throw ProblemException.invalidField(
            "updates." + update.getKey(), "is part of the key: delete and create instead");
      }
      names.put("#a" + i, update.getKey());
      if (update.getValue() == null) {
        removes.add("#a" + i);
      } else {
        values.put(":v" + i, attribute(update.getValue(), "updates." + update.getKey()));
        sets.add("#a" + i + " = :v" + i);
      }
      i++;
    }
    String expression =
        (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
            + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    try {
      Map<String, AttributeValue> after =
          DynamoDbFailures.mapped(
                  table,
                  "updates",
                  () ->
                      dynamo.updateItem(
                          b ->
                              b.tableName(table)
                                  .key(keyItem)
                                  .updateExpression(expression.trim())
                                  .conditionExpression("attribute_exists(#hash)")
                                  .expressionAttributeNames(names)
                                  .expressionAttributeValues(values.isEmpty() ? null : values)
                                  .returnValues(ReturnValue.ALL_NEW)))
              .attributes();
      return PlainValues.fromItem(after);
    } catch (ConditionalCheckFailedException missing) {
      throw itemNotFound();
    }
  }

  /**
   * @throws ProblemException 404 when there is no such item
   */
  void delete(String table, TableKey shape, Map<String, String> given) {
    try {
      DynamoDbFailures.mapped(
          table,
          "key",
          () ->
              dynamo.deleteItem(
                  b ->
                      b.tableName(table)
                          .key(keyFromText(shape, given))
                          .conditionExpression("attribute_exists(#hash)")
                          .expressionAttributeNames(Map.of("#hash", shape.hash()))));
    } catch (ConditionalCheckFailedException missing) {
      throw itemNotFound();
    }
  }

  /**
   * Items of one partition, in sort-key order, a page at a time.
   *
   * @param partition the partition key's value as text
   * @throws ProblemException 400 for a condition on a table without a sort key, or a value not of
   *     the key's type
   */
  ItemPage query(
      String table,
      TableKey key,
      String partition,
      @Nullable SortCondition sort,
      int limit,
      @Nullable String pageToken,
      boolean ascending) {
    Map<String, String> names = new HashMap<>(Map.of("#p", key.hash()));
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":p",
                keyValue(
                    key.hashType(),
                    parsed(key.hashType(), partition, "partitionKeyValue"),
                    "partitionKeyValue")));
    String condition = "#p = :p";
    if (sort != null) {
      if (key.range() == null) {
        throw ProblemException.invalidField("sortKey", "the table has no sort key");
      }
      names.put("#s", key.range());
      values.put(
          ":s",
          keyValue(
              key.rangeType(),
              parsed(key.rangeType(), sort.value(), "sortKey.value"),
              "sortKey.value"));
      condition +=
          switch (sort.operator()) {
            case "eq" -> " AND #s = :s";
            case "lt" -> " AND #s < :s";
            case "le" -> " AND #s <= :s";
            case "gt" -> " AND #s > :s";
            case "ge" -> " AND #s >= :s";
            case "begins_with" -> " AND begins_with(#s, :s)";
            case "between" -> {
              if (sort.upTo() == null) {
                throw ProblemException.invalidField("sortKey.upTo", "between needs an upper bound");
              }
              values.put(
                  ":u",
                  keyValue(
                      key.rangeType(),
                      parsed(key.rangeType(), sort.upTo(), "sortKey.upTo"),
                      "sortKey.upTo"));
              yield " AND #s BETWEEN :s AND :u";
            }
            default ->
                throw ProblemException.invalidField(
                    "sortKey.operator", "must be one of " + SORT_OPERATORS);
          };
    }
    Map<String, AttributeValue> start = tokens.decode(pageToken, key.names());
    String expression = condition;
    // A token of the wrong shape is named as the token; a condition DynamoDB refuses, as the key.
    QueryResponse page =
        DynamoDbFailures.mapped(
            table,
            "sortKey",
            () ->
                PageTokens.startingAt(
                    start,
                    () ->
                        dynamo.query(
                            b ->
                                b.tableName(table)
                                    .keyConditionExpression(expression)
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .scanIndexForward(ascending)
                                    .limit(limit)
                                    .exclusiveStartKey(start))));
    List<Map<String, Object>> items = new ArrayList<>();
    page.items().forEach(item -> items.add(PlainValues.fromItem(item)));
    return new ItemPage(
        items,
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? tokens.encode(page.lastEvaluatedKey())
            : null);
  }

  /**
   * Puts whole items and deletes items by key, in DynamoDB's batches, sending again what it hands
   * back unprocessed. A put overwrites; a delete of a missing item is no error.
   *
   * @throws ProblemException 400 for an item without its key or a key named twice, 503 when
   *     DynamoDB did not take every write in the attempts {@link BatchWrites} makes
   */
  BatchWrites.Outcome batch(
      String table,
      TableKey key,
      List<Map<String, Object>> puts,
      List<Map<String, Object>> deletes) {
    List<WriteRequest> writes = new ArrayList<>();
    Set<Map<String, AttributeValue>> keys = new HashSet<>();
    for (int i = 0; i < puts.size(); i++) {
      String field = "put[" + i + "]";
      Map<String, AttributeValue> item = storable(puts.get(i), key, field);
      if (!keys.add(keyFromValues(key, puts.get(i), field))) {
        throw ProblemException.invalidField(field, "names a key another write of this batch names");
      }
      writes.add(WriteRequest.builder().putRequest(put -> put.item(item)).build());
    }
    for (int i = 0; i < deletes.size(); i++) {
      String field = "delete[" + i + "]";
      Map<String, AttributeValue> itemKey = keyFromValues(key, deletes.get(i), field);
      if (!keys.add(itemKey)) {
        throw ProblemException.invalidField(field, "names a key another write of this batch names");
      }
      writes.add(WriteRequest.builder().deleteRequest(delete -> delete.key(itemKey)).build());
    }
    return batches.write(table, writes);
  }

  /** A key value sent as text, as the key's type. */
  private static Object parsed(ScalarAttributeType type, String text, String field) {
    if (type != ScalarAttributeType.N) {
      return text;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      throw ProblemException.invalidField(field, "must be a number");
    }
  }

  static ProblemException itemNotFound() {
    return new ProblemException(HttpStatus.NOT_FOUND, "item-not-found", "There is no such item.");
  }

  private static Map<String, AttributeValue> storable(
      Map<String, Object> item, TableKey shape, String field) {
    keyFromValues(shape, item, field);
    Map<String, AttributeValue> stored = new LinkedHashMap<>();
    item.forEach((name, value) -> stored.put(name, attribute(value, field + "." + name)));
    return stored;
  }

  private static Map<String, AttributeValue> keyFromValues(
      TableKey shape, Map<String, Object> key) {
    return keyFromValues(shape, key, "key");
  }

  private static Map<String, AttributeValue> keyFromValues(
      TableKey shape, Map<String, Object> values, String field) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(
        shape.hash(),
        keyValue(shape.hashType(), values.get(shape.hash()), field + "." + shape.hash()));
    if (shape.range() != null) {
      key.put(
          shape.range(),
          keyValue(shape.rangeType(), values.get(shape.range()), field + "." + shape.range()));
    }
    return key;
  }

  /** A key sent as text (query or path parameters), as values of the key's types. */
  static Map<String, Object> typedKey(TableKey shape, Map<String, String> given) {
    Map<String, Object> values = new HashMap<>();
    for (String name : shape.names()) {
      String text = given.get(name);
      ScalarAttributeType type = name.equals(shape.hash()) ? shape.hashType() : shape.rangeType();
      values.put(name, text == null ? null : parsed(type, text, name));
    }
    return values;
  }

  private static Map<String, AttributeValue> keyFromText(
      TableKey shape, Map<String, String> given) {
    Map<String, Object> values = typedKey(shape, given);
    Map<String, AttributeValue> key = new HashMap<>();
    for (String name : shape.names()) {
      ScalarAttributeType type = name.equals(shape.hash()) ? shape.hashType() : shape.rangeType();
      key.put(name, keyValue(type, values.get(name), name));
    }
    return key;
  }

  private static AttributeValue keyValue(ScalarAttributeType type, Object value, String field) {
    if (value == null) {
      throw ProblemException.invalidField(field, "is part of the table's key and must be given");
    }
    if (type == ScalarAttributeType.S && value instanceof String text && !text.isEmpty()) {
      return AttributeValue.fromS(text);
    }
    if (type == ScalarAttributeType.N && value instanceof Number) {
      return attribute(value, field);
    }
    throw ProblemException.invalidField(
        field, "must be " + (type == ScalarAttributeType.N ? "a number" : "a non-empty string"));
  }

  private static AttributeValue attribute(Object value, String field) {
    try {
      return PlainValues.toAttribute(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(field, e.getMessage());
    }
  }
}
