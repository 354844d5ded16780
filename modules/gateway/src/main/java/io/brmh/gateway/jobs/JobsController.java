package io.brmh.gateway.jobs;

import io.brmh.contracts.job.JobStatus;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobPage;
import io.brmh.platform.jobs.JobQuery;
import io.brmh.platform.jobs.JobRegistry;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The job resource: every long-running operation's status, progress and outcome. */
@Controller("/jobs")
@Secured(Roles.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
class JobsController {
  private final JobRegistry registry;

  JobsController(JobRegistry registry) {
    this.registry = registry;
  }

  @Get("/{id}")
  @Operation(summary = "One job: status, progress, result or error")
  @ApiResponse(responseCode = "404", description = "No such job, or another user's (problem+json)")
  Job job(@PathVariable String id, Authentication caller) {
    return visibleJob(id, caller);
  }

  @Get
  @Operation(
      summary =
          "Jobs the caller may see (admins: everyone's), newest first for one owner; paginated")
  JobPage list(
      @QueryValue @Nullable String type,
      @QueryValue @Nullable JobStatus status,
      @QueryValue @Nullable String subject,
      @QueryValue @Nullable String owner,
      @QueryValue(defaultValue = "20") @Min(1) @Max(JobQuery.MAX_LIMIT) int limit,
      @QueryValue @Nullable String pageToken,
      Authentication caller) {
    String ownerFilter = JobAccess.isAdmin(caller) ? owner : caller.getName();
    return registry.list(new JobQuery(ownerFilter, type, status, subject, limit, pageToken));
  }

  @Post("/{id}/cancel")
  @Operation(
      summary =
          "Cancel a job: a queued job ends at once (200), a running one at its worker's next step (202)")
  @ApiResponse(responseCode = "404", description = "No such job, or another user's (problem+json)")
  @ApiResponse(responseCode = "409", description = "The job has already ended (problem+json)")
  @ApiResponse(
      responseCode = "200",
      description = "The job was queued: it ended CANCELLED",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "202",
      description = "The job is running: it ends at its worker's next step; follow it",
      content = @Content(schema = @Schema(implementation = Job.class)))
  HttpResponse<Job> cancel(@PathVariable String id, Authentication caller) {
    visibleJob(id, caller);
    Job after = registry.requestCancel(id).orElseThrow(() -> notFound(id));
    return after.status().isTerminal() ? HttpResponse.ok(after) : AcceptedJobs.accepted(after);
  }

  private Job visibleJob(String id, Authentication caller) {
    return registry
        .find(id)
        .filter(job -> JobAccess.canSee(caller, job))
        .orElseThrow(() -> notFound(id));
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "job-not-found", "There is no job " + id + ".");
  }
}
