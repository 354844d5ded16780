package io.brmh.scrapeworker.webhooks;

import io.brmh.contracts.ConsumerGroups;
import io.brmh.contracts.Topic;
import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.ordered.OrderedConsumerSettings;
import io.brmh.platform.ordered.OrderedTopicReader;
import io.brmh.scrapeworker.ScrapeWorkerConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import java.time.Duration;

/**
 * The scrape worker's reader of {@code brmh.webhook-deliveries}: the platform's ordered consumer in
 * group {@value ConsumerGroups#WEBHOOK_DELIVERER} over {@link WebhookDeliveries}. Readiness reports
 * it.
 */
@Context
@Requires(property = "brmh.scrape-worker.enabled", notEquals = "false")
class WebhookDeliveryLog extends OrderedTopicReader {

  /**
   * A call stops before its next try; one try in flight takes at most the outbound client's
   * deadline (30 s) after its connect timeout (5 s). Stopped sooner, it would still be in flight
   * while the partition's next owner calls again.
   */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

  WebhookDeliveryLog(
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      ScrapeWorkerConfiguration configuration,
      WebhookDeliveries handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    super(
        "webhook-deliverer",
        new OrderedConsumerSettings(
            Topic.WEBHOOK_DELIVERIES,
            bootstrapServers,
            ConsumerGroups.WEBHOOK_DELIVERER,
            configuration.sessionTimeout(),
            configuration.maxRetryBackoff(),
            STOP_TIMEOUT,
            configuration.instanceId()),
        handler,
        deadLetters,
        envelopes);
  }
}
