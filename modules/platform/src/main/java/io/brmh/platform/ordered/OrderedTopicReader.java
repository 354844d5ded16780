package io.brmh.platform.ordered;

import io.brmh.platform.health.DependencyCheck;
import io.brmh.platform.kafka.DeadLetters;
import io.brmh.platform.kafka.EnvelopeRecords;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * A worker's reader of one topic as a bean: an {@link OrderedConsumer} started with the context,
 * stopped with it (running commands stop at a checkpoint), and reported by readiness under the
 * worker's name. A worker's subclass names the topic, the group and the handler.
 */
public abstract class OrderedTopicReader implements DependencyCheck {
  private final String name;
  private final OrderedConsumer consumer;

  /**
   * @param name what readiness calls it ({@code scrape-worker})
   */
  protected OrderedTopicReader(
      String name,
      OrderedConsumerSettings settings,
      OrderedHandler handler,
      DeadLetters deadLetters,
      EnvelopeRecords envelopes) {
    this.name = name;
    this.consumer = new OrderedConsumer(settings, handler, deadLetters, envelopes);
  }

  @PostConstruct
  public void start() {
    consumer.start();
  }

  @PreDestroy
  public void stop() throws InterruptedException {
    consumer.stop();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String check() {
    return consumer.health();
  }
}
