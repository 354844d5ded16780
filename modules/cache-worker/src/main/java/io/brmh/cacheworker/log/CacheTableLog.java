package io.brmh.cacheworker.log;

import io.brmh.cacheworker.CacheWorkerConfiguration;
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
 * The cache worker's reader of {@code brmh.table-log}: the platform's ordered consumer in group
 * {@value ConsumerGroups#CACHE_WORKER} over {@link CacheLogHandler}. Readiness reports it: ready
 * means it polls.
 */
@Context
@Requires(property = "brmh.cache-worker.enabled", notEquals = "false")
class CacheTableLog implements DependencyCheck {

  /** A bulk load reaches its next checkpoint within a page; a minute covers a slow page. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final OrderedConsumer consumer;

  CacheTableLog(
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      CacheWorkerConfiguration configuration,
      CacheLogHandler handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    var settings =
        new OrderedConsumerSettings(
            Topic.TABLE_LOG,
            bootstrapServers,
            ConsumerGroups.CACHE_WORKER,
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
    return "cache-worker";
  }

  @Override
  public String check() {
    return consumer.health();
  }
}
