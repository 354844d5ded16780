package io.brmh.platform.ordered;

import io.brmh.contracts.Topic;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How an {@link OrderedConsumer} reads.
 *
 * @param topic the topic it reads, every record of which belongs to a key whose records are handled
 *     in order (the table log: a table; a command topic: a namespace or a function)
 * @param bootstrapServers the Kafka brokers
 * @param groupId the consumer group: one per kind of worker (cache, search index...), each of which
 *     reads every record
 * @param sessionTimeout how long a silent member keeps its partitions: after a crash its tables
 *     wait this long before another member resumes their work
 * @param maxBackoff the longest wait between two tries of a record that keeps failing
 * @param stopTimeout how long a rebalance or a shutdown waits for a running command to reach its
 *     checkpoint
 * @param instanceId this member's stable name in the group (Kafka's static membership), or {@code
 *     null}: a member restarted under its name takes its partitions back at once instead of after
 *     the session timeout; unique per running member
 */
public record OrderedConsumerSettings(
    Topic topic,
    String bootstrapServers,
    String groupId,
    Duration sessionTimeout,
    Duration maxBackoff,
    Duration stopTimeout,
    @Nullable String instanceId) {}
