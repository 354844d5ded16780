package io.brmh.gateway.namespaces;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Namespaces and their members: per namespace one item {@value #NAMESPACE_ITEM} (it exists) and one
 * per member, keyed by user id, with the role, e-mail and who granted it.
 */
@Singleton
class NamespaceMembersTable implements ManagedTable {
  static final String NAMESPACE = "namespace";
  static final String MEMBER = "member";
  static final String NAMESPACE_ITEM = "#namespace";
  static final String ROLE = "role";
  static final String EMAIL = "email";
  static final String GRANTED_BY = "grantedBy";
  static final String GRANTED_AT = "grantedAt";

  private final String name;

  NamespaceMembersTable(NamespacesConfiguration config) {
    this.name = config.membersTable();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(
            key -> key.attributeName(NAMESPACE).keyType(KeyType.HASH),
            key -> key.attributeName(MEMBER).keyType(KeyType.RANGE))
        .attributeDefinitions(
            attribute -> attribute.attributeName(NAMESPACE).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(MEMBER).attributeType(ScalarAttributeType.S))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
