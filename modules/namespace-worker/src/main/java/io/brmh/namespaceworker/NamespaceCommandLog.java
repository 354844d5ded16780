package io.brmh.namespaceworker;

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
 * The namespace worker's reader of {@code brmh.namespace-commands}: the platform's ordered consumer
 * in group {@value ConsumerGroups#NAMESPACE_WORKER} over {@link NamespaceCommands}, so one
 * namespace's jobs run one after the other. Readiness reports it.
 */
@Context
@Requires(property = "brmh.namespace-worker.enabled", notEquals = "false")
class NamespaceCommandLog extends OrderedTopicReader {

  /** A job stops at its next item; half a minute covers a slow table page. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  NamespaceCommandLog(
      @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      NamespaceWorkerConfiguration configuration,
      NamespaceCommands handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    super(
        "namespace-worker",
        new OrderedConsumerSettings(
            Topic.NAMESPACE_COMMANDS,
            bootstrapServers,
            ConsumerGroups.NAMESPACE_WORKER,
            configuration.sessionTimeout(),
            configuration.maxRetryBackoff(),
            STOP_TIMEOUT,
            configuration.instanceId()),
        handler,
        deadLetters,
        envelopes);
  }
}
