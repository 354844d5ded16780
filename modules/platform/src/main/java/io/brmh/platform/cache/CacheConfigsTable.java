package io.brmh.platform.cache;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The cache configurations table, {@code brmh-cache} as in the original, keyed by {@code id}. */
@Singleton
public class CacheConfigsTable implements ManagedTable {
  private final String name;

  CacheConfigsTable(CacheTablesConfiguration config) {
    this.name = config.configsTable();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(
            attribute -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
