package io.brmh.platform.jobs;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.job.JobEvent;
import io.brmh.platform.kafka.EnvelopeRecords;
import io.brmh.platform.kafka.EventPublisher;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a job and hands its command to Kafka, so that no job stays accepted for ever: the command
 * goes to the {@link JobOutbox} first, then the job is accepted, then the command is published and
 * taken out of the outbox. A process that dies in between, or an accept whose answer was lost,
 * leaves the command for {@link JobOutboxRelay}; a publish Kafka refuses fails the job at once.
 */
@Singleton
public class JobCommands {
  private static final Logger LOG = LoggerFactory.getLogger(JobCommands.class);
  private final JobRegistry jobs;
  private final JobOutbox outbox;
  private final EventPublisher publisher;
  private final EnvelopeRecords records;

  JobCommands(
      JobRegistry jobs, JobOutbox outbox, EventPublisher publisher, EnvelopeRecords records) {
    this.jobs = jobs;
    this.outbox = outbox;
    this.publisher = publisher;
    this.records = records;
  }

  /**
   * @param command the command of the job with the given id
   * @return the accepted job, once Kafka has its command
   * @throws ProblemException 503 when Kafka did not take the command; the job then ended failed
   */
  public Job submit(
      String type, String subject, String owner, Function<String, Envelope<?>> command) {
    return submit(UUID.randomUUID().toString(), type, subject, owner, command);
  }

  /** The same, under an id chosen before (a claim made with it first). */
  public Job submit(
      String id, String type, String subject, String owner, Function<String, Envelope<?>> command) {
    ProducerRecord<String, byte[]> record = records.toRecord(command.apply(id));
    outbox.put(id, record);
    // From here on the outbox holds the command: whatever fails, the relay sends it if the job
    // stays accepted.
    Job job = jobs.accept(id, type, subject, owner);
    try {
      publisher.publishRecord(record).join();
    } catch (RuntimeException kafkaDown) {
      jobs.fail(
          id,
          new JobEvent.Problem(
              Problem.BLANK_TYPE, "Service Unavailable", 503, "The request could not be queued."));
      forget(id);
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "queue-unavailable",
          "The request could not be queued; try again.");
    }
    forget(id);
    return job;
  }

  /**
   * The command is in Kafka (or its job failed): an outbox entry left behind only makes the relay
   * look again.
   */
  private void forget(String id) {
    try {
      outbox.delete(id);
    } catch (RuntimeException storeDown) {
      LOG.warn(
          "The outbox entry of job {} stays; the relay removes it: {}", id, storeDown.toString());
    }
  }
}
