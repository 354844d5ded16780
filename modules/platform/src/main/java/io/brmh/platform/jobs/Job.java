package io.brmh.platform.jobs;

import io.brmh.contracts.job.JobEvent;
import io.brmh.contracts.job.JobStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * A long-running piece of work and where it is: the resource behind {@code /jobs/{id}}.
 *
 * @param id the job id
 * @param type what kind of work, for example {@code cache.table}
 * @param subject what it works on, for example {@code cache:myproject:mytable}
 * @param owner the user id that started it, or {@value #SYSTEM_OWNER} for work BRMH started itself
 *     (a rebuild of a cache Redis lost); only the owner and admins see it
 * @param status {@code ACCEPTED → RUNNING → SUCCEEDED | FAILED | CANCELLED}
 * @param progress how far it got, once it reports progress
 * @param result the type-specific result of a succeeded job
 * @param error why it failed, as a problem detail
 * @param cancelRequested a cancel was asked for; the worker ends the job at its next step
 * @param createdAt when it was accepted
 * @param updatedAt when it last changed
 * @param endedAt when it reached a terminal status
 */
@Serdeable
public record Job(
    String id,
    String type,
    String subject,
    String owner,
    JobStatus status,
    @Nullable JobEvent.Progress progress,
    @Nullable Map<String, Object> result,
    @Nullable JobEvent.Problem error,
    boolean cancelRequested,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant endedAt) {
  /** The owner of jobs BRMH starts on its own: administrators see them. */
  public static final String SYSTEM_OWNER = "system";

  /** The event payload that reports this state. */
  public JobEvent toEvent() {
    return new JobEvent(id, type, subject, owner, status, progress, result, error, updatedAt);
  }
}
