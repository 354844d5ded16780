package io.brmh.platform.search;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Index configurations in DynamoDB. */
@Singleton
public class IndexConfigStore {
  private static final String DESCRIPTION = "description";
  private static final String FIELDS = "customFields";
  private static final String STATUS = "status";
  private static final String CREATED_AT = "createdAt";
  private static final String UPDATED_AT = "updatedAt";

  private final DynamoDbClient dynamo;
  private final IndexConfigsTable table;

  IndexConfigStore(DynamoDbClient dynamo, IndexConfigsTable table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public void save(IndexConfig config) {
    dynamo.putItem(request -> request.tableName(table.name()).item(item(config)));
  }

  public Optional<IndexConfig> find(String id) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                request ->
                    request
                        .tableName(table.name())
                        .key(Map.of(IndexConfigsTable.ID, AttributeValue.fromS(id)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(config(item));
  }

  /** Every configuration (a few per namespace table): the stream bridge follows their tables. */
  public List<IndexConfig> all() {
    return dynamo
        .scanPaginator(request -> request.tableName(table.name()).consistentRead(true))
        .items()
        .stream()
        .map(IndexConfigStore::config)
        .toList();
  }

  /** The configurations of a table, active or not. */
  public List<IndexConfig> ofTable(String tableName) {
    return by(IndexConfigsTable.BY_TABLE, IndexConfigsTable.TABLE, tableName);
  }

  /** A namespace's configurations. */
  public List<IndexConfig> ofProject(String project) {
    return by(IndexConfigsTable.BY_PROJECT, IndexConfigsTable.PROJECT, project);
  }

  public boolean delete(String id) {
    var response =
        dynamo.deleteItem(
            request ->
                request
                    .tableName(table.name())
                    .key(Map.of(IndexConfigsTable.ID, AttributeValue.fromS(id)))
                    .returnValues("ALL_OLD"));
    return response.hasAttributes() && !response.attributes().isEmpty();
  }

  private List<IndexConfig> by(String index, String attribute, String value) {
    return dynamo
        .queryPaginator(
            request ->
                request
                    .tableName(table.name())
                    .indexName(index)
                    .keyConditionExpression("#k = :v")
                    .expressionAttributeNames(Map.of("#k", attribute))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))))
        .items()
        .stream()
        .map(IndexConfigStore::config)
        .sorted(java.util.Comparator.comparing(IndexConfig::createdAt))
        .toList();
  }

  private static Map<String, AttributeValue> item(IndexConfig config) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(IndexConfigsTable.ID, AttributeValue.fromS(config.id()));
    item.put(IndexConfigsTable.PROJECT, AttributeValue.fromS(config.project()));
    item.put(IndexConfigsTable.TABLE, AttributeValue.fromS(config.table()));
    if (config.description() != null) {
      item.put(DESCRIPTION, AttributeValue.fromS(config.description()));
    }
    item.put(
        FIELDS,
        AttributeValue.fromL(config.customFields().stream().map(AttributeValue::fromS).toList()));
    item.put(STATUS, AttributeValue.fromS(config.status()));
    item.put(CREATED_AT, AttributeValue.fromS(config.createdAt().toString()));
    item.put(UPDATED_AT, AttributeValue.fromS(config.updatedAt().toString()));
    return item;
  }

  private static IndexConfig config(Map<String, AttributeValue> item) {
    return new IndexConfig(
        item.get(IndexConfigsTable.ID).s(),
        item.get(IndexConfigsTable.PROJECT).s(),
        item.get(IndexConfigsTable.TABLE).s(),
        item.containsKey(DESCRIPTION) ? item.get(DESCRIPTION).s() : null,
        item.containsKey(FIELDS)
            ? item.get(FIELDS).l().stream().map(AttributeValue::s).toList()
            : List.of(),
        item.get(STATUS).s(),
        Instant.parse(item.get(CREATED_AT).s()),
        Instant.parse(item.get(UPDATED_AT).s()));
  }
}
