package io.brmh.platform.schemas;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Namespace schemas, {@code brmh-schemas}, keyed by {@value #ID} (a UUID), the schema itself as its
 * JSON text in {@value #SCHEMA} (numbers keep every digit). The index {@value #BY_NAMESPACE} lists
 * a namespace's schemas.
 */
@Singleton
public class SchemasTable implements ManagedTable {
  public static final String ID = "id";
  public static final String NAMESPACE_ID = "namespaceId";
  public static final String SCHEMA_NAME = "schemaName";
  public static final String METHOD_ID = "methodId";
  public static final String METHOD_NAME = "methodName";
  public static final String SCHEMA_TYPE = "schemaType";
  public static final String SCHEMA = "schema";
  public static final String IS_ARRAY = "isArray";
  public static final String ORIGINAL_TYPE = "originalType";
  public static final String URL = "url";
  public static final String DUPLICATED_FROM = "duplicatedFrom";
  public static final String PROVENANCE = "provenance";
  public static final String VERSION = "version";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String BY_NAMESPACE = "namespace-schemas";

  private final String name;

  public SchemasTable(SchemasConfiguration config) {
    this.name = config.table();
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
            attribute -> attribute.attributeName(NAMESPACE_ID).attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(
            index ->
                index
                    .indexName(BY_NAMESPACE)
                    .keySchema(
                        key -> key.attributeName(NAMESPACE_ID).keyType(KeyType.HASH),
                        key -> key.attributeName(ID).keyType(KeyType.RANGE))
                    .projection(projection -> projection.projectionType(ProjectionType.ALL)))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
