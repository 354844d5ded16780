package io.brmh.platform.search;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The index configurations, keyed by {@value #ID}, with an index by table ({@value #BY_TABLE}: the
 * worker's lookup for each change) and one by project ({@value #BY_PROJECT}: a namespace's list).
 */
@Singleton
public class IndexConfigsTable implements ManagedTable {
  public static final String ID = "id";
  public static final String PROJECT = "project";
  public static final String TABLE = "table";
  public static final String BY_TABLE = "by-table";
  public static final String BY_PROJECT = "by-project";

  private final String name;

  IndexConfigsTable(SearchConfiguration config) {
    this.name = config.configsTable();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(key -> key.attributeName(ID).keyType(KeyType.HASH))
        .attributeDefinitions(
            attribute -> attribute.attributeName(ID).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(PROJECT).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(TABLE).attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(
            index ->
                index
                    .indexName(BY_TABLE)
                    .keySchema(key -> key.attributeName(TABLE).keyType(KeyType.HASH))
                    .projection(projection -> projection.projectionType(ProjectionType.ALL)),
            index ->
                index
                    .indexName(BY_PROJECT)
                    .keySchema(key -> key.attributeName(PROJECT).keyType(KeyType.HASH))
                    .projection(projection -> projection.projectionType(ProjectionType.ALL)))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
