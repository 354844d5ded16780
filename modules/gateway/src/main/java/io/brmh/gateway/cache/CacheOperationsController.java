package io.brmh.gateway.cache;

import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.job.JobStatus;
import io.brmh.gateway.jobs.JobAccess;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobPage;
import io.brmh.platform.jobs.JobQuery;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's queue views, for a queue that is now Kafka. Bulk operations are the running {@code
 * cache.table} jobs; pending updates are the changes waiting in the table log behind them or in
 * consumer lag ({@link TableLogBacklog}).
 */
@Controller("/cache")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheOperationsController {
  private final JobRegistry jobs;
  private final TableLogBacklog backlog;

  CacheOperationsController(JobRegistry jobs, TableLogBacklog backlog) {
    this.jobs = jobs;
    this.backlog = backlog;
  }

  @Get("/bulk-operations")
  @Secured(Roles.USER)
  @Operation(summary = "Bulk cache loads queued or running (the caller's; admins: all)")
  Map<String, Object> bulkOperations(Authentication caller) {
    List<Job> active = activeBulkJobs(JobAccess.isAdmin(caller) ? null : caller.getName());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Active bulk cache operations retrieved");
    body.put(
        "activeOperations",
        active.stream().map(job -> CacheJobSubject.cacheOf(job.subject())).toList());
    body.put("operations", active);
    body.put("count", active.size());
    body.put("timestamp", Instant.now().toString());
    return body;
  }

  @Delete("/bulk-operations")
  @Secured(Roles.ADMIN)
  @Operation(
      summary =
          "Cancel every queued or running bulk cache load (admin); each ends cancelled at its next page")
  Map<String, Object> cancelBulkOperations() {
    int cancelled = 0;
    for (Job job : activeBulkJobs(null)) {
      try {
        jobs.requestCancel(job.id());
        cancelled++;
      } catch (ProblemException endedMeanwhile) {
        // it finished between the listing and the cancel
      }
    }
    return Map.of(
        "message",
        "Active bulk cache operations cancelled",
        "clearedCount",
        cancelled,
        "timestamp",
        Instant.now().toString());
  }

  @Get("/pending-updates")
  @Secured(Roles.ADMIN)
  @Operation(
      summary =
          "Changes waiting on the table log, per partition, with the bulk loads they wait behind (admin)")
  Map<String, Object> pendingUpdates() {
    return backlog.describe(activeBulkJobs(null));
  }

  @Delete("/pending-updates")
  @Secured(Roles.ADMIN)
  @Operation(
      summary =
          "Does not drop anything: pending changes wait in Kafka and are applied in order (admin)")
  Map<String, Object> clearPendingUpdates() {
    return Map.of(
        "message",
        "Pending changes are never dropped: they wait in Kafka and are applied in order. "
            + "Cancel a bulk load (DELETE /cache/bulk-operations) to let its table's changes through.",
        "clearedCount",
        0,
        "timestamp",
        Instant.now().toString());
  }

  /**
   * Every queued or running bulk load: from the open-jobs index (everyone's) or the owner's index,
   * so what this reads grows with the open jobs, not with every job kept.
   */
  private List<Job> activeBulkJobs(String owner) {
    List<Job> active = new ArrayList<>();
    for (JobStatus status : List.of(JobStatus.ACCEPTED, JobStatus.RUNNING)) {
      String token = null;
      do {
        JobPage found =
            jobs.list(
                new JobQuery(
                    owner, CacheTableController.JOB_TYPE, status, null, JobQuery.MAX_LIMIT, token));
        active.addAll(found.items());
        token = found.nextPageToken();
      } while (token != null);
    }
    return active;
  }
}
