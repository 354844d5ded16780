package io.brmh.platform.namespaces;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Members' roles, {@code brmh-namespace-roles}: one item per namespace id ({@value #NAMESPACE_ID})
 * and user id ({@value #MEMBER}), with the role, e-mail and who granted it. The index {@value
 * #BY_MEMBER} lists a user's namespaces.
 */
@Singleton
public class NamespaceRolesTable implements ManagedTable {
  public static final String NAMESPACE_ID = "namespaceId";
  public static final String MEMBER = "member";
  public static final String ROLE = "role";
  public static final String EMAIL = "email";
  public static final String GRANTED_BY = "grantedBy";
  public static final String GRANTED_AT = "grantedAt";
  public static final String BY_MEMBER = "member-namespaces";

  private final String name;

  public NamespaceRolesTable(NamespacesConfiguration config) {
    this.name = config.rolesTable();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(
            key -> key.attributeName(NAMESPACE_ID).keyType(KeyType.HASH),
            key -> key.attributeName(MEMBER).keyType(KeyType.RANGE))
        .attributeDefinitions(
            attribute -> attribute.attributeName(NAMESPACE_ID).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(MEMBER).attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(
            index ->
                index
                    .indexName(BY_MEMBER)
                    .keySchema(
                        key -> key.attributeName(MEMBER).keyType(KeyType.HASH),
                        key -> key.attributeName(NAMESPACE_ID).keyType(KeyType.RANGE))
                    .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY)))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
