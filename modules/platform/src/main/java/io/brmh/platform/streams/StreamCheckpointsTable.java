package io.brmh.platform.streams;

import io.brmh.platform.dynamodb.ManagedTable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Where the stream bridge is in each shard of each stream, and who reads it: partition key the
 * stream ARN, sort key the shard id. Written by the bridge, read by the gateway's {@code /streams}.
 */
@Singleton
public class StreamCheckpointsTable implements ManagedTable {
  public static final String STREAM_ARN = "streamArn";
  public static final String SHARD_ID = "shardId";

  /** The last sequence number whose change event Kafka acknowledged. */
  public static final String SEQUENCE_NUMBER = "sequenceNumber";

  /** The shard was read to its end. */
  public static final String CLOSED = "closed";

  /**
   * The bridge instance reading the shard: it holds the shard while its heartbeat (an item of
   * {@link #INSTANCES}) has not expired.
   */
  public static final String OWNER = "owner";

  /**
   * In an {@link #INSTANCES} item: when the instance's heartbeat expires, epoch milliseconds.
   * (Shard items of bridges before 0.1 had one of their own; it is removed when a shard is taken.)
   */
  public static final String LEASE_UNTIL = "leaseUntil";

  /**
   * When the bridge last had to start the shard again because the stream refused its checkpoint,
   * epoch milliseconds.
   */
  public static final String RESET_AT = "resetAt";

  /** Why: the checkpoint was older than the stream's retention, or unknown to the stream. */
  public static final String RESET_REASON = "resetReason";

  /** Partition key of the bridge instances' heartbeats, which no stream ARN can be. */
  public static final String INSTANCES = "#instances";

  /**
   * Partition key of the stream each followed table had when the bridge last followed it (sort key:
   * the table), which no stream ARN can be.
   */
  public static final String TABLES = "#tables";

  /** In a {@link #TABLES} item: the ARN of the stream followed. */
  public static final String FOLLOWED_STREAM_ARN = "followedStreamArn";

  /**
   * When DynamoDB may delete the item, epoch seconds: set on heartbeats, so crashed instances' ones
   * go, and on the checkpoints of shards read to their end, once the stream no longer lists them.
   */
  public static final String EXPIRES_AT = "expiresAt";

  private final String name;

  StreamCheckpointsTable(StreamTablesConfiguration config) {
    this.name = config.checkpointsTable();
  }

  public String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(
            key -> key.attributeName(STREAM_ARN).keyType(KeyType.HASH),
            key -> key.attributeName(SHARD_ID).keyType(KeyType.RANGE))
        .attributeDefinitions(
            attribute -> attribute.attributeName(STREAM_ARN).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(SHARD_ID).attributeType(ScalarAttributeType.S))
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
