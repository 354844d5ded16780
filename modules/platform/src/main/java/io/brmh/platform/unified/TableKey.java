package io.brmh.platform.unified;

import io.micronaut.core.annotation.Nullable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table's primary key: its partition ({@code hash}) attribute and, if it has one, its sort
 * ({@code range}) attribute, with their types.
 */
public record TableKey(
    String hash,
    ScalarAttributeType hashType,
    @Nullable String range,
    @Nullable ScalarAttributeType rangeType) {

  /** The key of a method's table, as the original made them: a text {@code id}. */
  public static final TableKey ID = new TableKey("id", ScalarAttributeType.S, null, null);

  /**
   * A key as a request names it: attribute names, and types {@code S} (text, the default) or {@code
   * N} (number).
   */
  public static TableKey named(
      String hash, @Nullable String hashType, @Nullable String range, @Nullable String rangeType) {
    return new TableKey(
        hash,
        hashType == null ? ScalarAttributeType.S : ScalarAttributeType.fromValue(hashType),
        range,
        range == null
            ? null
            : rangeType == null ? ScalarAttributeType.S : ScalarAttributeType.fromValue(rangeType));
  }

  /** Whether the partition key holds text. */
  public boolean hasTextHash() {
    return hashType == ScalarAttributeType.S;
  }

  /** The names of the key's attributes. */
  public Set<String> names() {
    return range == null ? Set.of(hash) : Set.of(hash, range);
  }

  /** The key of a table DynamoDB describes. */
  public static TableKey of(TableDescription table) {
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
    return new TableKey(hash, types.get(hash), range, range == null ? null : types.get(range));
  }

  List<KeySchemaElement> schema() {
    KeySchemaElement partition =
        KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build();
    return range == null
        ? List.of(partition)
        : List.of(
            partition,
            KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
  }

  List<AttributeDefinition> definitions() {
    AttributeDefinition partition =
        AttributeDefinition.builder().attributeName(hash).attributeType(hashType).build();
    return range == null
        ? List.of(partition)
        : List.of(
            partition,
            AttributeDefinition.builder().attributeName(range).attributeType(rangeType).build());
  }
}
