package io.brmh.platform.jobs;

import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.kafka.EventPublisher;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends again the commands of accepted jobs that never reached Kafka (the process that accepted
 * them died before the publish or before it could tell), so that no job stays {@code ACCEPTED} for
 * ever. A command sent twice is harmless: every handler is idempotent and ignores a job that ran.
 * Every process with the job registry runs it; they may send one command twice, never lose one.
 */
@Singleton
@Requires(property = "brmh.jobs.outbox-relay", notEquals = "false")
class JobOutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(JobOutboxRelay.class);

  /** A command whose job is not accepted after this long never will be. */
  private static final Duration ABANDONED = Duration.ofHours(1);

  private final JobOutbox outbox;
  private final JobRegistry jobs;
  private final EventPublisher publisher;
  private final Duration grace;

  JobOutboxRelay(
      JobOutbox outbox, JobRegistry jobs, EventPublisher publisher, JobsConfiguration config) {
    this.outbox = outbox;
    this.jobs = jobs;
    this.publisher = publisher;
    this.grace = config.outboxGrace();
  }

  // JobsConfiguration.outboxInterval: the schedule needs the placeholder, with the same default.
  @Scheduled(
      fixedDelay = "${brmh.jobs.outbox-interval:5s}",
      initialDelay = "${brmh.jobs.outbox-interval:5s}")
  void relay() {
    try {
      for (JobOutbox.Pending pending : outbox.pendingSince(Instant.now().minus(grace))) {
        Optional<Job> job = jobs.find(pending.jobId());
        if (job.isEmpty() && pending.since().isAfter(Instant.now().minus(ABANDONED))) {
          continue; // its submitter may still be accepting the job
        }
        if (job.isPresent() && job.get().status() == JobStatus.ACCEPTED) {
          publisher.publishRecord(pending.record()).join();
          LOG.warn("The command of job {} had not reached Kafka; sent it again", pending.jobId());
        }
        outbox.delete(
            pending
                .jobId()); // sent now, or its job never was accepted, or it runs or ended already
      }
    } catch (RuntimeException storeDown) {
      LOG.warn(
          "Sending commands of accepted jobs again failed; trying at the next round: {}",
          storeDown.toString());
    }
  }
}
