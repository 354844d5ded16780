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

/**
 * Accepts a job and hands its command to Kafka, so that no job stays accepted for ever: the command
 * goes to the {@link JobOutbox} first, then the job is accepted, then the command is published and
 * taken out of the outbox. A process that dies in between leaves the command for {@link
 * JobOutboxRelay}; a publish Kafka refuses fails the job at once.
 */
@Singleton
public class JobCommands {
  private final JobRegistry jobs;
  private final JobOutbox outbox;
  private final EventPublisher publisher;
  private final EnvelopeRecords records;

  JobCommands(JobRegistry jobs, JobOutbox outbox, EventPublisher publisher, EnvelopeRecords records) {
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
  public Job submit(String type, String subject, String owner, Function<String, Envelope<?>> command) {
    return submit(UUID.randomUUID().toString(), type, subject, owner, command);
  }

  /** The same, under an id chosen before (a claim made with it first). */
  public Job submit(String id, String type, String subject, String owner, Function<String, Envelope<?>> command) {
    ProducerRecord<String, byte[]> record = records.toRecord(command.apply(id));
    outbox.put(id, record);
    Job job;
    try {
      job = jobs.accept(id, type, subject, owner);
    } catch (RuntimeException notAccepted) {
      outbox.delete(id);
      throw notAccepted;
    }
    try {
      publisher.publishRecord(record).join();
    } catch (RuntimeException kafkaDown) {
      jobs.fail(id, new JobEvent.Problem(Problem.BLANK_TYPE, "Service Unavailable", 503, "The request could not be queued."));
      outbox.delete(id);
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "queue-unavailable", "The request could not be queued; try again.");
    }
    outbox.delete(id);
    return job;
  }
}
