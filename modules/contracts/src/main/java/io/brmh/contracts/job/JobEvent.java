package io.brmh.contracts.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * A job changed status or made progress. Every {@code brmh.job.*.v1} type on {@code
 * brmh.job-events} carries this payload, keyed by job id; the type says which transition happened
 * and {@link #status} is the status after it.
 *
 * @param jobId the job
 * @param jobType what kind of work, for example {@code cache.table}
 * @param subject what the job works on, for example {@code cache:myproject:mytable}
 * @param owner the user id that started the job
 * @param status the job's status after this event
 * @param progress how far the job got, when it reports progress
 * @param result the type-specific result of a succeeded job, for example the cache counters
 * @param error why a job failed, as a problem detail
 * @param occurredAt when the transition happened
 */
@Serdeable
public record JobEvent(
    String jobId,
    String jobType,
    String subject,
    String owner,
    JobStatus status,
    @Nullable Progress progress,
    @Nullable Map<String, Object> result,
    @Nullable Problem error,
    Instant occurredAt) {

  /** Path of the schema all job event types share, below {@code schemas/}. */
  public static final String SCHEMA = "job/job-event.v1.json";

  /**
   * @param done units of work finished
   * @param total units of work expected, when known
   * @param unit what is counted, for example {@code items}
   */
  @Serdeable
  public record Progress(long done, @Nullable Long total, String unit) {}

  /** An RFC 9457 problem detail. */
  @Serdeable
  public record Problem(String type, String title, int status, @Nullable String detail) {}
}
