package io.brmh.platform.jobs;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The jobs table: one item per job keyed by id, a by-owner index with the newest first, and a time
 * to live that removes a job {@link JobsConfiguration#retention()} after it ended.
 */
@Singleton
class JobsTable implements ManagedTable {
  static final String ID = "jobId";
  static final String TYPE = "type";
  static final String SUBJECT = "subject";
  static final String OWNER = "owner";
  static final String STATUS = "status";
  static final String PROGRESS_DONE = "progressDone";
  static final String PROGRESS_TOTAL = "progressTotal";
  static final String PROGRESS_UNIT = "progressUnit";
  static final String RESULT = "result";
  static final String ERROR = "error";
  static final String CANCEL_REQUESTED = "cancelRequested";

  /** Epoch milliseconds, so that the owner index sorts by it. */
  static final String CREATED_AT = "createdAt";

  static final String UPDATED_AT = "updatedAt";
  static final String ENDED_AT = "endedAt";

  /** Epoch seconds: DynamoDB's time to live deletes the item after it. */
  static final String EXPIRES_AT = "expiresAt";

  static final String OWNER_INDEX = "owner-createdAt";

  private final String name;

  JobsTable(JobsConfiguration configuration) {
    this.name = configuration.table();
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(key -> key.attributeName(ID).keyType(KeyType.HASH))
        .attributeDefinitions(
            attribute -> attribute.attributeName(ID).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(OWNER).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(CREATED_AT).attributeType(ScalarAttributeType.N))
        .globalSecondaryIndexes(
            index ->
                index
                    .indexName(OWNER_INDEX)
                    .keySchema(
                        key -> key.attributeName(OWNER).keyType(KeyType.HASH),
                        key -> key.attributeName(CREATED_AT).keyType(KeyType.RANGE))
                    .projection(projection -> projection.projectionType(ProjectionType.ALL)))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  @Override
  public void afterCreate(DynamoDbClient dynamo) {
    dynamo.updateTimeToLive(
        request ->
            request
                .tableName(name)
                .timeToLiveSpecification(ttl -> ttl.attributeName(EXPIRES_AT).enabled(true)));
  }
}
