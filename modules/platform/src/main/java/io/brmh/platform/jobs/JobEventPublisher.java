package io.brmh.platform.jobs;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.service.ServiceConfiguration;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;

/**
 * Publishes each job change as its {@code brmh.job.*.v1} event and waits for Kafka's
 * acknowledgement.
 */
@Singleton
class JobEventPublisher {
  private final EventPublisher publisher;
  private final String source;

  JobEventPublisher(EventPublisher publisher, ServiceConfiguration service) {
    this.publisher = publisher;
    this.source = "/brmh/" + service.serviceName();
  }

  void accepted(Job job) {
    publish(MessageType.JOB_ACCEPTED, job);
  }

  void started(Job job) {
    publish(MessageType.JOB_STARTED, job);
  }

  void progressed(Job job) {
    publish(MessageType.JOB_PROGRESSED, job);
  }

  void ended(Job job) {
    publish(
        switch (job.status()) {
          case SUCCEEDED -> MessageType.JOB_SUCCEEDED;
          case FAILED -> MessageType.JOB_FAILED;
          case CANCELLED -> MessageType.JOB_CANCELLED;
          default -> throw new IllegalArgumentException(job.status() + " is not an end");
        },
        job);
  }

  private void publish(MessageType type, Job job) {
    EnvelopeAttributes attributes =
        EnvelopeAttributes.create(type, source, job.subject()).withJobId(job.id());
    try {
      publisher.publish(new Envelope<JobEvent>(attributes, job.toEvent())).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while publishing " + type.wireName() + " of job " + job.id(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Kafka did not take " + type.wireName() + " of job " + job.id(), e.getCause());
    }
  }
}
