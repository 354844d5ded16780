package io.brmh.streambridge;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * What DynamoDB Streams does and DynamoDB Local does not: a retention (DynamoDB Local keeps every
 * record and never answers {@code TrimmedDataAccessException}) and throttling. In tests that set
 * {@code brmh.test.stream-faults}, the streams client every bean gets passes each call to DynamoDB
 * Local, except that a position before a stream's trim horizon ({@link #trimBefore}) is refused the
 * way DynamoDB refuses a position older than 24 hours, and every call about a throttled stream
 * ({@link #throttle}) is refused with {@code LimitExceededException}, as DynamoDB Streams refuses
 * calls beyond its limits.
 */
@Singleton
@Requires(property = "brmh.test.stream-faults", value = "emulated")
final class StreamFaults implements BeanCreatedEventListener<DynamoDbStreamsClient> {
  private final Map<String, BigInteger> trimHorizons = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();

  /** The stream each iterator handed out reads, so that GetRecords can be told apart by stream. */
  private final Map<String, String> iteratorStreams = new ConcurrentHashMap<>();

  /**
   * From now on every call about the stream is refused as over the limits, until {@link
   * #unthrottle}.
   */
  void throttle(String streamArn) {
    throttled.put(streamArn, new AtomicInteger());
  }

  /**
   * @return how many calls about the stream were refused since it was throttled
   */
  int unthrottle(String streamArn) {
    return throttled.remove(streamArn).get();
  }

  /** How many calls about the stream were refused so far. */
  int refused(String streamArn) {
    AtomicInteger count = throttled.get(streamArn);
    return count == null ? 0 : count.get();
  }

  private void refuseIfThrottled(String streamArn) {
    AtomicInteger count = streamArn == null ? null : throttled.get(streamArn);
    if (count != null) {
      count.incrementAndGet();
      throw (LimitExceededException)
          LimitExceededException.builder()
              .message("Rate exceeded for shard")
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("LimitExceededException")
                      .serviceName("DynamoDBStreams")
                      .build())
              .statusCode(400)
              .build();
    }
  }

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
      refuseIfThrottled(request.streamArn());
      GetShardIteratorResponse response = local.getShardIterator(request);
      iteratorStreams.put(response.shardIterator(), request.streamArn());
      return response;
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
      String streamArn = iteratorStreams.remove(request.shardIterator());
      refuseIfThrottled(streamArn);
      GetRecordsResponse response = local.getRecords(request);
      if (streamArn != null && response.nextShardIterator() != null) {
        iteratorStreams.put(response.nextShardIterator(), streamArn);
      }
      return response;
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
      refuseIfThrottled(request.streamArn());
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
