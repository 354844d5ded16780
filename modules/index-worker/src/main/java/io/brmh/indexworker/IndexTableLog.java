package io.brmh.indexworker;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.Topic;
import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.ordered.OrderedConsumerSettings;
import io.brmh.platform.ordered.OrderedTopicReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import java.time.Duration;

/**
 * The index worker's reader of {@code brmh.table-log}: the platform's ordered consumer in group
 * {@value ConsumerGroups#INDEX_WORKER} over {@link IndexLogHandler}, beside the cache worker's
 * group, so the index and the cache each follow every table in order. Readiness reports it.
 */
@Context
@Requires(property = "brmh.index-worker.enabled", notEquals = "false")
class IndexTableLog extends OrderedTopicReader {

  /** A reindex stops at its next page; a minute covers a slow page. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  IndexTableLog(
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      IndexWorkerConfiguration configuration,
      IndexLogHandler handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    super(
        "index-worker",
        new OrderedConsumerSettings(
            Topic.TABLE_LOG,
            bootstrapServers,
            ConsumerGroups.INDEX_WORKER,
            configuration.sessionTimeout(),
            configuration.maxRetryBackoff(),
            STOP_TIMEOUT,
            configuration.instanceId()),
        handler,
        deadLetters,
        envelopes);
  }
}
