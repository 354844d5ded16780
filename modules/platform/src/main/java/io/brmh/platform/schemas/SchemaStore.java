package io.brmh.platform.schemas;

import static io.brmh.platform.schemas.SchemasTable.BY_NAMESPACE;
import static io.brmh.platform.schemas.SchemasTable.CREATED_AT;
import static io.brmh.platform.schemas.SchemasTable.DUPLICATED_FROM;
import static io.brmh.platform.schemas.SchemasTable.ID;
import static io.brmh.platform.schemas.SchemasTable.IS_ARRAY;
import static io.brmh.platform.schemas.SchemasTable.METHOD_ID;
import static io.brmh.platform.schemas.SchemasTable.METHOD_NAME;
import static io.brmh.platform.schemas.SchemasTable.NAMESPACE_ID;
import static io.brmh.platform.schemas.SchemasTable.ORIGINAL_TYPE;
import static io.brmh.platform.schemas.SchemasTable.PROVENANCE;
import static io.brmh.platform.schemas.SchemasTable.SCHEMA;
import static io.brmh.platform.schemas.SchemasTable.SCHEMA_NAME;
import static io.brmh.platform.schemas.SchemasTable.SCHEMA_TYPE;
import static io.brmh.platform.schemas.SchemasTable.UPDATED_AT;
import static io.brmh.platform.schemas.SchemasTable.URL;
import static io.brmh.platform.schemas.SchemasTable.VERSION;

import io.brmh.platform.dynamodb.PageTokens;
import io.brmh.platform.dynamodb.VersionedItems;
import io.brmh.platform.json.ExactJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Namespace schemas in DynamoDB; changes are conditional on the version the caller read. */
@Singleton
public class SchemaStore {
  private final DynamoDbClient dynamo;
  private final SchemasTable table;
  private final JsonMapper json;
  private final PageTokens tokens;

  public SchemaStore(
      DynamoDbClient dynamo, SchemasTable table, JsonMapper json, PageTokens tokens) {
    this.dynamo = dynamo;
    this.table = table;
    this.json = json;
    this.tokens = tokens;
  }

  /** A page of a namespace's schemas, and the token of the next. */
  public record SchemaPage(List<NamespaceSchema> items, @Nullable String nextPageToken) {}

  public void create(NamespaceSchema schema) {
    dynamo.putItem(
        b ->
            b.tableName(table.name())
                .item(item(schema))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ID)));
  }

  public Optional<NamespaceSchema> find(String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table.name())
                        .key(Map.of(ID, AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(schema(item));
  }

  public SchemaPage list(String namespaceId, int limit, @Nullable String pageToken) {
    Map<String, AttributeValue> start = tokens.decode(pageToken, Set.of(ID, NAMESPACE_ID));
    if (start != null && !namespaceId.equals(start.get(NAMESPACE_ID).s())) {
      throw PageTokens.invalid(); // another namespace's position
    }
    QueryResponse page =
        PageTokens.startingAt(
            start,
            () ->
                dynamo.query(
                    b ->
                        b.tableName(table.name())
                            .indexName(BY_NAMESPACE)
                            .keyConditionExpression("#ns = :ns")
                            .expressionAttributeNames(Map.of("#ns", NAMESPACE_ID))
                            .expressionAttributeValues(
                                Map.of(":ns", AttributeValue.fromS(namespaceId)))
                            .limit(limit)
                            .exclusiveStartKey(start)));
    return new SchemaPage(
        page.items().stream().map(this::schema).toList(),
        page.hasLastEvaluatedKey() ? tokens.encode(page.lastEvaluatedKey()) : null);
  }

  /**
   * @return false when the schema is at another version than {@code expectedVersion}, or gone
   */
  public boolean replace(NamespaceSchema next, long expectedVersion) {
    return VersionedItems.putAtVersion(dynamo, table.name(), item(next), VERSION, expectedVersion);
  }

  /**
   * @return false when there was none
   */
  public boolean delete(String id) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table.name())
                  .key(Map.of(ID, AttributeValue.fromS(id)))
                  .conditionExpression("attribute_exists(#id)")
                  .expressionAttributeNames(Map.of("#id", ID)));
      return true;
    } catch (ConditionalCheckFailedException gone) {
      return false;
    }
  }

  /** The JSON text a schema is kept as. */
  public String text(Object schema) {
    try {
      return json.writeValueAsString(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, AttributeValue> item(NamespaceSchema schema) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, AttributeValue.fromS(schema.id()));
    item.put(NAMESPACE_ID, AttributeValue.fromS(schema.namespaceId()));
    item.put(SCHEMA_NAME, AttributeValue.fromS(schema.schemaName()));
    putText(item, METHOD_ID, schema.methodId());
    putText(item, METHOD_NAME, schema.methodName());
    putText(item, SCHEMA_TYPE, schema.schemaType());
    item.put(SCHEMA, AttributeValue.fromS(text(schema.schema())));
    item.put(IS_ARRAY, AttributeValue.fromBool(schema.isArray()));
    putText(item, ORIGINAL_TYPE, schema.originalType());
    putText(item, URL, schema.url());
    putText(item, DUPLICATED_FROM, schema.duplicatedFrom());
    if (schema.provenance() != null) {
      item.put(PROVENANCE, AttributeValue.fromS(text(schema.provenance())));
    }
    item.put(VERSION, AttributeValue.fromN(Long.toString(schema.version())));
    item.put(CREATED_AT, AttributeValue.fromS(schema.createdAt().toString()));
    item.put(UPDATED_AT, AttributeValue.fromS(schema.updatedAt().toString()));
    return item;
  }

  private NamespaceSchema schema(Map<String, AttributeValue> item) {
    try {
      return new NamespaceSchema(
          item.get(ID).s(),
          item.get(NAMESPACE_ID).s(),
          item.get(SCHEMA_NAME).s(),
          textOf(item, METHOD_ID),
          textOf(item, METHOD_NAME),
          textOf(item, SCHEMA_TYPE),
          ExactJson.readPlain(item.get(SCHEMA).s()),
          Boolean.TRUE.equals(item.get(IS_ARRAY).bool()),
          textOf(item, ORIGINAL_TYPE),
          textOf(item, URL),
          textOf(item, DUPLICATED_FROM),
          provenanceOf(item),
          Long.parseLong(item.get(VERSION).n()),
          Instant.parse(item.get(CREATED_AT).s()),
          Instant.parse(item.get(UPDATED_AT).s()));
    } catch (IOException e) {
      throw new UncheckedIOException("schema " + item.get(ID).s() + " is not JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> provenanceOf(Map<String, AttributeValue> item)
      throws IOException {
    AttributeValue value = item.get(PROVENANCE);
    return value == null ? null : (Map<String, Object>) ExactJson.readPlain(value.s());
  }

  private static void putText(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static String textOf(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
