package io.brmh.streambridge;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * The stream's retention, which DynamoDB Local does not have: it keeps every record and never
 * answers {@code TrimmedDataAccessException}. In tests that set {@code brmh.test.stream-retention},
 * the streams client every bean gets passes each call to DynamoDB Local, except that a position
 * before a stream's trim horizon ({@link #trimBefore}) is refused the way DynamoDB refuses a
 * position older than 24 hours.
 */
@Singleton
@Requires(property = "brmh.test.stream-retention", value = "emulated")
final class StreamRetention implements BeanCreatedEventListener<DynamoDbStreamsClient> {
  private final Map<String, BigInteger> trimHorizons = new ConcurrentHashMap<>();

  /** From now on the stream keeps only the records from {@code sequenceNumber} on. */
  void trimBefore(String streamArn, String sequenceNumber) {
    trimHorizons.put(streamArn, new BigInteger(sequenceNumber));
  }

  @Override
  public DynamoDbStreamsClient onCreated(BeanCreatedEvent<DynamoDbStreamsClient> event) {
    return new Trimming(event.getBean());
  }

  private final class Trimming implements DynamoDbStreamsClient {
    private final DynamoDbStreamsClient local;

    Trimming(DynamoDbStreamsClient local) {
      this.local = local;
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
      BigInteger horizon = trimHorizons.get(request.streamArn());
      boolean atPosition =
          request.shardIteratorType() == ShardIteratorType.AT_SEQUENCE_NUMBER
              || request.shardIteratorType() == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
      if (horizon != null
          && atPosition
          && new BigInteger(request.sequenceNumber()).compareTo(horizon) < 0) {
        throw (TrimmedDataAccessException)
            TrimmedDataAccessException.builder()
                .message(
                    "The operation attempted to read past the oldest stream record in a shard.")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("TrimmedDataAccessException")
                        .serviceName("DynamoDBStreams")
                        .build())
                .statusCode(400)
                .build();
      }
      return local.getShardIterator(request);
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
      return local.getRecords(request);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
      return local.describeStream(request);
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
      return local.listStreams(request);
    }

    @Override
    public String serviceName() {
      return local.serviceName();
    }

    @Override
    public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
      return local.serviceClientConfiguration();
    }

    @Override
    public void close() {
      local.close();
    }
  }
}
