package io.brmh.scrapeworker;

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
 * The scrape worker's reader of {@code brmh.scrape-commands}: the platform's ordered consumer in
 * group {@value ConsumerGroups#SCRAPE_WORKER} over {@link ScrapeCommands}, so one namespace's
 * imports run one after the other. Readiness reports it.
 */
@Context
@Requires(property = "brmh.scrape-worker.enabled", notEquals = "false")
class ScrapeCommandLog extends OrderedTopicReader {

  /** A job stops at its next step; half a minute covers one slow fetch. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  ScrapeCommandLog(
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      ScrapeWorkerConfiguration configuration,
      ScrapeCommands handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    super(
        "scrape-worker",
        new OrderedConsumerSettings(
            Topic.SCRAPE_COMMANDS,
            bootstrapServers,
            ConsumerGroups.SCRAPE_WORKER,
            configuration.sessionTimeout(),
            configuration.maxRetryBackoff(),
            STOP_TIMEOUT,
            configuration.instanceId()),
        handler,
        deadLetters,
        envelopes);
  }
}
