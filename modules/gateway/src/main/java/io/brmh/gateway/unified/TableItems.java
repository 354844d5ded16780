package io.brmh.gateway.unified;

import io.brmh.platform.cache.PlainValues;
import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

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

  private final DynamoDbClient dynamo;
  private final PageTokens tokens;

  TableItems(DynamoDbClient dynamo, PageTokens tokens) {
    this.dynamo = dynamo;
    this.tokens = tokens;
  }

  /** A page of items and the token of the next. */
  record ItemPage(List<Map<String, Object>> items, @Nullable String nextPageToken) {}

  /**
   * A table's key: its hash attribute and, if it has one, its range attribute, with their types.
   */
  record KeyShape(
      String hash,
      ScalarAttributeType hashType,
      @Nullable String range,
      @Nullable ScalarAttributeType rangeType) {

    Set<String> names() {
      return range == null ? Set.of(hash) : Set.of(hash, range);
    }
  }

  KeyShape keyOf(TableDescription table) {
    String hash = null;
    String range = null;
    for (KeySchemaElement element : table.keySchema()) {
      if (element.keyType() == KeyType.HASH) {
        hash = element.attributeName();
      } else {
        range = element.attributeName();
      }
    }
    Map<String, ScalarAttributeType> types = new HashMap<>();
    for (AttributeDefinition definition : table.attributeDefinitions()) {
      types.put(definition.attributeName(), definition.attributeType());
    }
    return new KeyShape(hash, types.get(hash), range, range == null ? null : types.get(range));
  }

  /**
   * @param given the key's attributes as query parameters (text, parsed as the key's types)
   */
  Optional<Map<String, Object>> get(String table, KeyShape shape, Map<String, String> given) {
    Map<String, AttributeValue> item =
        refusedAsBadInput(
                () ->
                    dynamo.getItem(
                        b ->
                            b.tableName(table).key(keyFromText(shape, given)).consistentRead(true)))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(PlainValues.fromItem(item));
  }

  ItemPage scan(String table, KeyShape shape, int limit, @Nullable String pageToken) {
    Map<String, AttributeValue> start = tokens.decode(pageToken, shape.names());
    ScanResponse page =
        PageTokens.startingAt(
            start,
            () -> dynamo.scan(b -> b.tableName(table).limit(limit).exclusiveStartKey(start)));
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
  void create(String table, KeyShape shape, Map<String, Object> item, boolean overwrite) {
    Map<String, AttributeValue> stored = storable(item, shape, "item");
    try {
      refusedAsBadInput(
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
  void replace(String table, KeyShape shape, Map<String, Object> item) {
    Map<String, AttributeValue> stored = storable(item, shape, "item");
    try {
      refusedAsBadInput(
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
      String table, KeyShape shape, Map<String, Object> key, Map<String, Object> updates) {
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
          refusedAsBadInput(
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
  void delete(String table, KeyShape shape, Map<String, String> given) {
    try {
      refusedAsBadInput(
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
   * Runs a read or write of an item: DynamoDB refusing what the caller sent (a key longer than it
   * allows, an item over 400 KB, an empty attribute name) is the caller's fault, not the server's.
   *
   * @throws ProblemException 400 naming the body for what DynamoDB refused
   */
  static <T> T refusedAsBadInput(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException refused) {
      if (refused.statusCode() == 400 && !(refused instanceof ConditionalCheckFailedException)) {
        throw ProblemException.invalidField(
            "item",
            "DynamoDB refused it: "
                + (refused.awsErrorDetails() == null
                    ? "invalid"
                    : refused.awsErrorDetails().errorMessage()));
      }
      throw refused;
    }
  }

  static ProblemException itemNotFound() {
    return new ProblemException(HttpStatus.NOT_FOUND, "item-not-found", "There is no such item.");
  }

  private static Map<String, AttributeValue> storable(
      Map<String, Object> item, KeyShape shape, String field) {
    keyFromValues(shape, item, field);
    Map<String, AttributeValue> stored = new LinkedHashMap<>();
    item.forEach((name, value) -> stored.put(name, attribute(value, field + "." + name)));
    return stored;
  }

  private static Map<String, AttributeValue> keyFromValues(
      KeyShape shape, Map<String, Object> key) {
    return keyFromValues(shape, key, "key");
  }

  private static Map<String, AttributeValue> keyFromValues(
      KeyShape shape, Map<String, Object> values, String field) {
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

  private static Map<String, AttributeValue> keyFromText(
      KeyShape shape, Map<String, String> given) {
    Map<String, Object> values = new HashMap<>();
    for (String name : shape.names()) {
      String text = given.get(name);
      ScalarAttributeType type = name.equals(shape.hash()) ? shape.hashType() : shape.rangeType();
      if (text != null && type == ScalarAttributeType.N) {
        try {
          values.put(name, new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
          throw ProblemException.invalidField(name, "must be a number");
        }
      } else {
        values.put(name, text);
      }
    }
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
