package io.brmh.streambridge;

import io.brmh.platform.dynamodb.ManagedTable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Where the bridge is in each shard of each stream: partition key the stream ARN, sort key the shard id. */
@Singleton
class ShardCheckpointsTable implements ManagedTable {
  static final String STREAM_ARN = "streamArn";
  static final String SHARD_ID = "shardId";
  private final String name;

  ShardCheckpointsTable(@Value("${brmh.stream-bridge.checkpoints-table:brmh-stream-checkpoints}") String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  @Override
  public CreateTableRequest definition() {
    return CreateTableRequest.builder()
        .tableName(name)
        .keySchema(key -> key.attributeName(STREAM_ARN).keyType(KeyType.HASH), key -> key.attributeName(SHARD_ID).keyType(KeyType.RANGE))
        .attributeDefinitions(attribute -> attribute.attributeName(STREAM_ARN).attributeType(ScalarAttributeType.S),
            attribute -> attribute.attributeName(SHARD_ID).attributeType(ScalarAttributeType.S))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }
}
