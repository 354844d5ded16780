package io.brmh.cacheworker.log;

import io.brmh.cacheworker.CacheWorkerConfiguration;
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
 * The cache worker's reader of {@code brmh.table-log}: the platform's ordered consumer in group
 * {@value ConsumerGroups#CACHE_WORKER} over {@link CacheLogHandler}. Readiness reports it: ready
 * means it polls.
 */
@Context
@Requires(property = "brmh.cache-worker.enabled", notEquals = "false")
class CacheTableLog extends OrderedTopicReader {

  /** A bulk load reaches its next checkpoint within a page; a minute covers a slow page. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  CacheTableLog(
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      CacheWorkerConfiguration configuration,
      CacheLogHandler handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    super(
        "cache-worker",
        new OrderedConsumerSettings(
            Topic.TABLE_LOG,
            bootstrapServers,
            ConsumerGroups.CACHE_WORKER,
            configuration.sessionTimeout(),
            configuration.maxRetryBackoff(),
            STOP_TIMEOUT,
            configuration.instanceId()),
        handler,
        deadLetters,
        envelopes);
  }
}
