package io.brmh.platform.unified;

import io.brmh.platform.dynamodb.ManagedTable;
import io.brmh.platform.dynamodb.SecondaryIndexes;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The data tables that belong to namespaces, {@code brmh-namespace-tables}, keyed by {@value
 * #TABLE_NAME}: a table belongs to one namespace at most, and only such tables are reached by the
 * namespace routes (counts, and the generic item routes to come). Replaces the original's {@code
 * brmh-schema-table-data}, whose items it keeps the fields of. The index {@value #NAMESPACE_INDEX}
 * holds them by namespace, so a namespace's tables cost a query of its own records.
 */
@Singleton
public class NamespaceTablesTable implements ManagedTable {
  public static final String TABLE_NAME = "tableName";
  public static final String NAMESPACE_ID = "namespaceId";
  public static final String SCHEMA_ID = "schemaId";
  public static final String ACCOUNT_ID = "accountId";
  public static final String METHOD_NAME = "methodName";
  public static final String STATUS = "status";
  public static final String CREATED_BY = "createdBy";
  public static final String CREATED_AT = "createdAt";

  /** The records by {@value #NAMESPACE_ID}, in {@value #TABLE_NAME} order. */
  public static final String NAMESPACE_INDEX = "namespaceId-tableName";

  private static final Logger LOG = LoggerFactory.getLogger(NamespaceTablesTable.class);

  private final String name;

  public NamespaceTablesTable(UnifiedConfiguration config) {
    this.name = config.tablesTable();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(key -> key.attributeName(TABLE_NAME).keyType(KeyType.HASH))
        .attributeDefinitions(attributes())
        .globalSecondaryIndexes(namespaceIndex())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  /** A table made before the index gets it; DynamoDB fills it from the records there are. */
  @Override
  public void upgrade(DynamoDbClient dynamo) {
    if (SecondaryIndexes.addIfMissing(dynamo, name, namespaceIndex(), attributes())) {
      LOG.info("Added the index {} to {}", NAMESPACE_INDEX, name);
    }
  }

  private static List<AttributeDefinition> attributes() {
    return List.of(
        AttributeDefinition.builder()
            .attributeName(TABLE_NAME)
            .attributeType(ScalarAttributeType.S)
            .build(),
        AttributeDefinition.builder()
            .attributeName(NAMESPACE_ID)
            .attributeType(ScalarAttributeType.S)
            .build());
  }

  private static GlobalSecondaryIndex namespaceIndex() {
    return GlobalSecondaryIndex.builder()
        .indexName(NAMESPACE_INDEX)
        .keySchema(
            key -> key.attributeName(NAMESPACE_ID).keyType(KeyType.HASH),
            key -> key.attributeName(TABLE_NAME).keyType(KeyType.RANGE))
        .projection(projection -> projection.projectionType(ProjectionType.ALL))
        .build();
  }
}
