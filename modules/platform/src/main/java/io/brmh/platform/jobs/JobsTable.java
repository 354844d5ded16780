package io.brmh.platform.jobs;

import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.dynamodb.ManagedTable;
import io.brmh.platform.dynamodb.SecondaryIndexes;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The jobs table: one item per job keyed by id, a by-owner index with the newest first, a sparse
 * index of the open jobs alone (so that listing what is queued or running costs the open jobs, not
 * every job kept), and a time to live that removes a job {@link JobsConfiguration#retention()}
 * after it ended.
 */
@Singleton
class JobsTable implements ManagedTable {
  private static final Logger LOG = LoggerFactory.getLogger(JobsTable.class);
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

  /** Where a running job got to, in its worker's own JSON; never shown in a job's answer. */
  static final String CHECKPOINT = "checkpoint";

  /** Epoch milliseconds, so that the owner index sorts by it. */
  static final String CREATED_AT = "createdAt";

  static final String UPDATED_AT = "updatedAt";
  static final String ENDED_AT = "endedAt";

  /** Epoch seconds: DynamoDB's time to live deletes the item after it. */
  static final String EXPIRES_AT = "expiresAt";

  static final String OWNER_INDEX = "owner-createdAt";

  /**
   * Set ({@value #OPEN_VALUE}) while a job is accepted or running, removed when it ends: the key of
   * the sparse {@link #OPEN_INDEX}, which holds the open jobs alone, newest first.
   */
  static final String OPEN = "open";

  static final String OPEN_VALUE = "open";
  static final String OPEN_INDEX = "open-createdAt";

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
            attribute -> attribute.attributeName(CREATED_AT).attributeType(ScalarAttributeType.N),
            attribute -> attribute.attributeName(OPEN).attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(
            GlobalSecondaryIndex.builder()
                .indexName(OWNER_INDEX)
                .keySchema(
                    key -> key.attributeName(OWNER).keyType(KeyType.HASH),
                    key -> key.attributeName(CREATED_AT).keyType(KeyType.RANGE))
                .projection(projection -> projection.projectionType(ProjectionType.ALL))
                .build(),
            openIndex())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  private static GlobalSecondaryIndex openIndex() {
    return GlobalSecondaryIndex.builder()
        .indexName(OPEN_INDEX)
        .keySchema(
            key -> key.attributeName(OPEN).keyType(KeyType.HASH),
            key -> key.attributeName(CREATED_AT).keyType(KeyType.RANGE))
        .projection(projection -> projection.projectionType(ProjectionType.ALL))
        .build();
  }

  /**
   * A jobs table made before the open-jobs index gets it, and its open jobs their mark, so that
   * they show in the index. (An open job an older instance creates during a rolling upgrade is
   * missing from the open listings until it ends; it ends like any other.)
   */
  @Override
  public void upgrade(DynamoDbClient dynamo) {
    boolean added =
        SecondaryIndexes.addIfMissing(
            dynamo,
            name,
            openIndex(),
            List.of(
                AttributeDefinition.builder()
                    .attributeName(CREATED_AT)
                    .attributeType(ScalarAttributeType.N)
                    .build(),
                AttributeDefinition.builder()
                    .attributeName(OPEN)
                    .attributeType(ScalarAttributeType.S)
                    .build()));
    if (added) {
      LOG.info("Added the open-jobs index {} to {}", OPEN_INDEX, name);
      markOpenJobs(dynamo);
    }
  }

  private void markOpenJobs(DynamoDbClient dynamo) {
    int marked = 0;
    for (Map<String, AttributeValue> item :
        dynamo
            .scanPaginator(
                b ->
                    b.tableName(name)
                        .projectionExpression("#id")
                        .filterExpression(
                            "#status IN (:accepted, :running) AND attribute_not_exists(#open)")
                        .expressionAttributeNames(
                            Map.of("#id", ID, "#status", STATUS, "#open", OPEN))
                        .expressionAttributeValues(OPEN_STATUSES))
            .items()) {
      try {
        dynamo.updateItem(
            b ->
                b.tableName(name)
                    .key(Map.of(ID, item.get(ID)))
                    .updateExpression("SET #open = :open")
                    .conditionExpression("#status IN (:accepted, :running)")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#open", OPEN))
                    .expressionAttributeValues(withOpen()));
        marked++;
      } catch (ConditionalCheckFailedException endedMeanwhile) {
        // it ended between the scan and the mark: it belongs outside the index
      }
    }
    if (marked > 0) {
      LOG.info("Marked {} open jobs of {} for the open-jobs index", marked, name);
    }
  }

  private static final Map<String, AttributeValue> OPEN_STATUSES =
      Map.of(
          ":accepted",
          AttributeValue.fromS(JobStatus.ACCEPTED.name()),
          ":running",
          AttributeValue.fromS(JobStatus.RUNNING.name()));

  private static Map<String, AttributeValue> withOpen() {
    Map<String, AttributeValue> values = new HashMap<>(OPEN_STATUSES);
    values.put(":open", AttributeValue.fromS(OPEN_VALUE));
    return values;
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
