package io.brmh.platform.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A DynamoDB table BRMH itself owns (users, cache configurations, jobs...). Each is a bean; {@link
 * TableProvisioner} creates the missing ones at start-up where that is allowed.
 */
public interface ManagedTable {
  /** How to create the table, with on-demand billing. */
  CreateTableRequest definition();

  /**
   * Settings that cannot be given at creation, such as time to live; called once the table exists.
   */
  default void afterCreate(DynamoDbClient dynamo) {}

  /**
   * Brings a table that already existed up to this version's definition (an index added since, for
   * example); called at every start-up where BRMH creates its tables, so it must be cheap when
   * there is nothing to do, and safe when several instances do it at once.
   */
  default void upgrade(DynamoDbClient dynamo) {}

  /** The definition of most of BRMH's tables: a string hash key, on-demand billing. */
  static CreateTableRequest keyedBy(String table, String hashKey) {
    return CreateTableRequest.builder()
        .tableName(table)
        .keySchema(key -> key.attributeName(hashKey).keyType(KeyType.HASH))
        .attributeDefinitions(
            attribute -> attribute.attributeName(hashKey).attributeType(ScalarAttributeType.S))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  /** Lets DynamoDB delete items once the epoch seconds in {@code attribute} passed. */
  static void expireBy(DynamoDbClient dynamo, String table, String attribute) {
    dynamo.updateTimeToLive(
        request ->
            request
                .tableName(table)
                .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true)));
  }
}
