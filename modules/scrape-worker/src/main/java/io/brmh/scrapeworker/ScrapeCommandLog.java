package io.brmh.scrapeworker;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.Topic;
import io.brmh.platform.health.DependencyCheck;
import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.ordered.OrderedConsumer;
import io.brmh.platform.ordered.OrderedConsumerSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;

/**
 * The scrape worker's reader of {@code brmh.scrape-commands}: the platform's ordered consumer in
 * group {@value ConsumerGroups#SCRAPE_WORKER} over {@link ScrapeCommands}, so one namespace's
 * imports run one after the other. Readiness reports it.
 */
@Context
@Requires(property = "brmh.scrape-worker.enabled", notEquals = "false")
class ScrapeCommandLog implements DependencyCheck {

  /** A job stops at its next step; half a minute covers one slow fetch. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final OrderedConsumer consumer;

  ScrapeCommandLog(
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      ScrapeWorkerConfiguration configuration,
      ScrapeCommands handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    var settings =
        new OrderedConsumerSettings(
            Topic.SCRAPE_COMMANDS,
            bootstrapServers,
            ConsumerGroups.SCRAPE_WORKER,
            configuration.sessionTimeout(),
            configuration.maxRetryBackoff(),
            STOP_TIMEOUT,
            configuration.instanceId());
    this.consumer = new OrderedConsumer(settings, handler, deadLetters, envelopes);
  }

  @PostConstruct
  void start() {
    consumer.start();
  }

  @PreDestroy
  void stop() throws InterruptedException {
    consumer.stop();
  }

  @Override
  public String name() {
    return "scrape-worker";
  }

  @Override
  public String check() {
    return consumer.health();
  }
}
