package io.brmh.streambridge;

import io.brmh.platform.kafka.EventPublisher;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What reading a shard talks to: the stream, the table log, the checkpoints, the meters, and the
 * repair of gaps.
 */
record ShardIo(
    DynamoDbStreamsClient streams,
    EventPublisher publisher,
    ShardCheckpoints checkpoints,
    StreamMetrics metrics,
    StreamGaps gaps) {}
