package io.brmh.platform.functions;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A namespace's functions and their versions, under the namespace ({@value #NAMESPACE}): a function
 * at {@code fn#<name>}, its versions at {@code fn#<name>#v#<000001>}, so that one query reads a
 * function with its versions in order, and one lists the namespace's functions.
 */
@Singleton
public class FunctionsTable implements ManagedTable {
  public static final String NAMESPACE = "namespaceId";
  public static final String KEY = "sk";

  private final String name;

  FunctionsTable(FunctionsConfiguration config) {
    this.name = config.table();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(
            key -> key.attributeName(NAMESPACE).keyType(KeyType.HASH),
            key -> key.attributeName(KEY).keyType(KeyType.RANGE))
        .attributeDefinitions(
            attribute -> attribute.attributeName(NAMESPACE).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(KEY).attributeType(ScalarAttributeType.S))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
