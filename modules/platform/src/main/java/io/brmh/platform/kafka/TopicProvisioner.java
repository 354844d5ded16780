package io.brmh.platform.kafka;

import io.brmh.contracts.TopicDefinition;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of {@code config/topics.yaml} that do not exist yet, at start-up, when {@code
 * brmh.kafka.create-topics} is true (compose; in production topics are usually owned by ops).
 * Existing topics are never altered.
 */
@Context
@Requires(property = "brmh.kafka.create-topics", value = "true")
class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final AdminClient admin;

  TopicProvisioner(AdminClient admin) {
    this.admin = admin;
  }

  @PostConstruct
  void createMissingTopics() throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing =
        TopicDefinition.loadAll().stream()
            .filter(definition -> !existing.contains(definition.name()))
            // No replication factor: the broker's default.replication.factor fits the cluster at
            // hand.
            .map(
                definition ->
                    new NewTopic(
                            definition.name(),
                            java.util.Optional.of(definition.partitions()),
                            java.util.Optional.empty())
                        .configs(definition.config()))
            .toList();
    if (!missing.isEmpty()) {
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e; // another instance starting at the same time created them: fine
        }
      }
    }
  }
}
