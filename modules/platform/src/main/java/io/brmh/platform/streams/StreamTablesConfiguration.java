package io.brmh.platform.streams;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * What the gateway and the stream bridge share about DynamoDB Streams ({@code
 * brmh.stream-bridge.*}; the bridge's own settings are its {@code BridgeSettings}).
 *
 * @param checkpointsTable the DynamoDB table of shard checkpoints, bridge heartbeats and the
 *     followed streams (default {@code brmh-stream-checkpoints})
 * @param enableStreams turn a cached table's stream on (new and old images) when it has none
 *     (default false: in AWS, streams come from infrastructure code; the local run turns it on)
 */
@ConfigurationProperties("brmh.stream-bridge")
public record StreamTablesConfiguration(
    @Bindable(defaultValue = "brmh-stream-checkpoints") String checkpointsTable,
    @Bindable(defaultValue = "false") boolean enableStreams) {}
