package io.brmh.platform.jobs;

import static io.brmh.platform.jobs.JobsTable.CANCEL_REQUESTED;
import static io.brmh.platform.jobs.JobsTable.ENDED_AT;
import static io.brmh.platform.jobs.JobsTable.ERROR;
import static io.brmh.platform.jobs.JobsTable.EXPIRES_AT;
import static io.brmh.platform.jobs.JobsTable.PROGRESS_DONE;
import static io.brmh.platform.jobs.JobsTable.PROGRESS_TOTAL;
import static io.brmh.platform.jobs.JobsTable.PROGRESS_UNIT;
import static io.brmh.platform.jobs.JobsTable.RESULT;
import static io.brmh.platform.jobs.JobsTable.STATUS;
import static io.brmh.platform.jobs.JobsTable.UPDATED_AT;

import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The life of every job: the gateway accepts jobs and relays cancel requests, workers start, report
 * progress and end them. Each change is written to the jobs table first (conditionally, so the
 * status only moves forward) and then published on {@code brmh.job-events}; a method returns once
 * Kafka acknowledged the event.
 */
@Singleton
public class JobRegistry {
  private static final Set<JobStatus> OPEN = EnumSet.of(JobStatus.ACCEPTED, JobStatus.RUNNING);

  private final JobStore store;
  private final JobEventPublisher events;
  private final JobsConfiguration configuration;
  private final Map<String, Long> lastProgressNanos = new ConcurrentHashMap<>();

  JobRegistry(JobStore store, JobEventPublisher events, JobsConfiguration configuration) {
    this.store = store;
    this.events = events;
    this.configuration = configuration;
  }

  /** Records a new job as accepted and announces it. */
  public Job accept(String type, String subject, String owner) {
    return accept(UUID.randomUUID().toString(), type, subject, owner);
  }

  /** Records a new job under an id chosen before (a claim made with it first), and announces it. */
  public Job accept(String id, String type, String subject, String owner) {
    Instant now = Instant.now();
    Job job =
        new Job(
            id, type, subject, owner, JobStatus.ACCEPTED, null, null, null, false, now, now, null);
    store.create(job);
    try {
      events.accepted(job);
    } catch (RuntimeException kafkaDown) {
      // No one will ever run a job nobody heard of: end it, so that it does not stay accepted for
      // ever.
      Map<String, AttributeValue> failed = end(JobStatus.FAILED);
      failed.put(
          ERROR,
          store.jsonValue(
              new JobEvent.Problem(
                  Problem.BLANK_TYPE, "Service Unavailable", 503, "The job could not be queued.")));
      store.update(job.id(), OPEN, failed);
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "queue-unavailable",
          "The job could not be queued; try again.");
    }
    return job;
  }

  public Optional<Job> find(String id) {
    return store.find(id);
  }

  public JobPage list(JobQuery query) {
    return store.list(query);
  }

  /**
   * Moves an accepted job to running; empty when it was cancelled (or ended) before a worker got to
   * it.
   */
  public Optional<Job> start(String id) {
    Optional<Job> running =
        store.update(id, EnumSet.of(JobStatus.ACCEPTED), status(JobStatus.RUNNING));
    running.ifPresent(events::started);
    return running;
  }

  /**
   * For a command delivered again after a crash: moves an accepted job to running, or finds it
   * running still (the worker that died left it so). Empty when it was cancelled or ended before;
   * its end is then announced again, since the first announcement may not have reached Kafka.
   */
  public Optional<Job> startOrResume(String id) {
    Optional<Job> started = start(id);
    if (started.isPresent()) {
      return started;
    }
    Optional<Job> current = find(id);
    if (current.isPresent() && current.get().status() == JobStatus.RUNNING) {
      return current;
    }
    announceEnd(id);
    return Optional.empty();
  }

  /**
   * Reports how far a running job got. Reports closer together than the configured interval are
   * dropped, so a fast loop can call this on every step.
   */
  public void progress(String id, long done, Long total, String unit) {
    if (!progressDue(id)) {
      return;
    }
    Map<String, AttributeValue> changes = progressChanges(done, total, unit);
    changes.put(UPDATED_AT, JobItems.millis(Instant.now()));
    store.update(id, EnumSet.of(JobStatus.RUNNING), changes).ifPresent(events::progressed);
  }

  /**
   * Records where a running job got to, with its progress, at once: a worker that takes the job
   * over after a crash goes on from here. The checkpoint is the worker's own text and never part of
   * the job's answer. Its progress event is throttled like {@link #progress}'s.
   *
   * @return false when the job no longer runs (it was cancelled or ended meanwhile)
   */
  public boolean checkpoint(String id, String checkpoint, long done, String unit) {
    Map<String, AttributeValue> changes = progressChanges(done, null, unit);
    changes.put(JobsTable.CHECKPOINT, AttributeValue.fromS(checkpoint));
    changes.put(UPDATED_AT, JobItems.millis(Instant.now()));
    Optional<Job> updated = store.update(id, EnumSet.of(JobStatus.RUNNING), changes);
    if (updated.isPresent() && progressDue(id)) {
      events.progressed(updated.get());
    }
    return updated.isPresent();
  }

  /** Whether a progress report of the job is due: the last one is older than the interval. */
  private boolean progressDue(String id) {
    long now = System.nanoTime();
    Long last = lastProgressNanos.get(id);
    if (last != null && now - last < configuration.progressInterval().toNanos()) {
      return false;
    }
    lastProgressNanos.put(id, now);
    return true;
  }

  /** The last checkpoint of a job, if its worker recorded one. */
  public Optional<String> checkpointOf(String id) {
    return store.text(id, JobsTable.CHECKPOINT);
  }

  private static Map<String, AttributeValue> progressChanges(long done, Long total, String unit) {
    Map<String, AttributeValue> changes = new HashMap<>();
    changes.put(PROGRESS_DONE, AttributeValue.fromN(Long.toString(done)));
    changes.put(PROGRESS_UNIT, AttributeValue.fromS(unit));
    if (total != null) {
      changes.put(PROGRESS_TOTAL, AttributeValue.fromN(Long.toString(total)));
    }
    return changes;
  }

  public Optional<Job> succeed(String id, Map<String, Object> result) {
    return succeed(id, result, null);
  }

  /**
   * Ends the job succeeded with its final progress, which the progress throttle may have held back.
   */
  public Optional<Job> succeed(
      String id, Map<String, Object> result, JobEvent.Progress finalProgress) {
    Map<String, AttributeValue> changes = end(JobStatus.SUCCEEDED);
    changes.put(RESULT, store.jsonValue(result));
    if (finalProgress != null) {
      changes.putAll(
          progressChanges(finalProgress.done(), finalProgress.total(), finalProgress.unit()));
    }
    return endAs(id, JobStatus.SUCCEEDED, changes);
  }

  public Optional<Job> fail(String id, JobEvent.Problem error) {
    Map<String, AttributeValue> changes = end(JobStatus.FAILED);
    changes.put(ERROR, store.jsonValue(error));
    return endAs(id, JobStatus.FAILED, changes);
  }

  /** A worker saw the cancel request and stopped: the job ends cancelled. */
  public Optional<Job> cancelled(String id) {
    return endAs(id, JobStatus.CANCELLED, end(JobStatus.CANCELLED));
  }

  /**
   * Announces again how an ended job ended. A worker that finds the command of an ended job
   * delivered again calls it: the first announcement may have failed (Kafka refused it after the
   * end was stored), and subscribers (WebSocket clients, {@code Prefer: wait}) must hear the end;
   * hearing it twice is harmless.
   *
   * @return the job, when it exists and ended
   */
  public Optional<Job> announceEnd(String id) {
    Optional<Job> ended = store.find(id).filter(job -> job.status().isTerminal());
    ended.ifPresent(events::ended);
    return ended;
  }

  /** Whether a user asked to cancel this job; workers check it between steps. */
  public boolean isCancelRequested(String id) {
    return store
        .find(id)
        .map(job -> job.cancelRequested() || job.status() == JobStatus.CANCELLED)
        .orElse(true);
  }

  /**
   * Asks for a job to be cancelled. A job no worker has started yet ends cancelled at once; a
   * running one is marked, and its worker ends it at its next step.
   *
   * @return the job after the request, or empty when it does not exist
   * @throws ProblemException 409 when the job has already ended
   */
  public Optional<Job> requestCancel(String id) {
    Optional<Job> current = store.find(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Optional<Job> cancelledAtOnce =
        published(store.update(id, EnumSet.of(JobStatus.ACCEPTED), end(JobStatus.CANCELLED)));
    if (cancelledAtOnce.isPresent()) {
      return cancelledAtOnce;
    }
    Map<String, AttributeValue> mark =
        Map.of(
            CANCEL_REQUESTED,
            AttributeValue.fromBool(true),
            UPDATED_AT,
            JobItems.millis(Instant.now()));
    Optional<Job> marked = store.update(id, EnumSet.of(JobStatus.RUNNING), mark);
    if (marked.isPresent()) {
      return marked;
    }
    Job now = store.find(id).orElse(current.get());
    throw new ProblemException(
        HttpStatus.CONFLICT, "job-ended", "Job " + id + " has already ended " + now.status() + ".");
  }

  /**
   * Ends the job as {@code terminal}. When the job already ended so, the caller is retrying after
   * the end event failed to publish: the event is published again, so subscribers still hear it.
   */
  private Optional<Job> endAs(String id, JobStatus terminal, Map<String, AttributeValue> changes) {
    Optional<Job> ended = store.update(id, OPEN, changes);
    if (ended.isEmpty()) {
      ended = store.find(id).filter(job -> job.status() == terminal);
    }
    return published(ended);
  }

  private Optional<Job> published(Optional<Job> ended) {
    ended.ifPresent(
        job -> {
          lastProgressNanos.remove(job.id());
          events.ended(job);
        });
    return ended;
  }

  private static Map<String, AttributeValue> status(JobStatus status) {
    Map<String, AttributeValue> changes = new HashMap<>();
    changes.put(STATUS, AttributeValue.fromS(status.name()));
    changes.put(UPDATED_AT, JobItems.millis(Instant.now()));
    return changes;
  }

  private Map<String, AttributeValue> end(JobStatus terminal) {
    Instant now = Instant.now();
    Map<String, AttributeValue> changes = status(terminal);
    changes.put(ENDED_AT, JobItems.millis(now));
    changes.put(
        EXPIRES_AT,
        AttributeValue.fromN(Long.toString(now.plus(configuration.retention()).getEpochSecond())));
    return changes;
  }
}
