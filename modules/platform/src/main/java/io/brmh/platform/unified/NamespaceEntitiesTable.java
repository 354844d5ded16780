package io.brmh.platform.unified;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Methods, accounts and webhooks of namespaces, {@code brmh-namespace-entities}, keyed by {@value
 * #ID} (a UUID); the original's data as JSON text in {@value #DATA}, sealed credentials in {@value
 * #SEALED}. The index {@value #BY_NAMESPACE} lists a namespace's items of one kind: its sort key
 * {@value #KIND_ID} is the kind and the id.
 */
@Singleton
public class NamespaceEntitiesTable implements ManagedTable {
  public static final String ID = "id";
  public static final String KIND = "kind";
  public static final String NAMESPACE_ID = "namespaceId";
  public static final String KIND_ID = "kindId";
  public static final String DATA = "data";
  public static final String SEALED = "sealed";
  public static final String VERSION = "version";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String BY_NAMESPACE = "namespace-entities";

  /**
   * Fields of the data a listing can be narrowed by ({@code /webhooks/table/{tableName}}), kept
   * beside it as attributes {@value #FILTER_PREFIX}{@code <field>}.
   */
  public static final java.util.Set<String> FILTERABLE =
      java.util.Set.of("tableName", "status", "method-id");

  public static final String FILTER_PREFIX = "by:";

  private final String name;

  public NamespaceEntitiesTable(UnifiedConfiguration config) {
    this.name = config.entitiesTable();
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
            attribute -> attribute.attributeName(NAMESPACE_ID).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(KIND_ID).attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(
            index ->
                index
                    .indexName(BY_NAMESPACE)
                    .keySchema(
                        key -> key.attributeName(NAMESPACE_ID).keyType(KeyType.HASH),
                        key -> key.attributeName(KIND_ID).keyType(KeyType.RANGE))
                    .projection(projection -> projection.projectionType(ProjectionType.ALL)))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
