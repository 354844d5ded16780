package io.brmh.platform.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * A DynamoDB table BRMH itself owns (users, cache configurations, jobs...). Each is a bean;
 * {@link TableProvisioner} creates the missing ones at start-up where that is allowed.
 */
public interface ManagedTable {
  /** How to create the table, with on-demand billing. */
  CreateTableRequest definition();

  /** Settings that cannot be given at creation, such as time to live; called once the table exists. */
  default void afterCreate(DynamoDbClient dynamo) {}
}
