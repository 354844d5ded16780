package io.brmh.gateway.jobs;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Hands an accepted job's command to Kafka. A job whose command never reached Kafka must not stay accepted for ever. */
@Singleton
public class JobCommands {
  private final EventPublisher publisher;
  private final JobRegistry jobs;

  JobCommands(EventPublisher publisher, JobRegistry jobs) {
    this.publisher = publisher;
    this.jobs = jobs;
  }

  /**
   * Publishes the command and returns once Kafka has it.
   *
   * @throws ProblemException 503 when Kafka did not take it; the job then ends failed
   */
  public void send(Job job, Envelope<?> command) {
    try {
      publisher.publish(command).join();
    } catch (RuntimeException kafkaDown) {
      jobs.fail(job.id(), new JobEvent.Problem(Problem.BLANK_TYPE, "Service Unavailable", 503, "The request could not be queued."));
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "queue-unavailable", "The request could not be queued; try again.");
    }
  }
}
