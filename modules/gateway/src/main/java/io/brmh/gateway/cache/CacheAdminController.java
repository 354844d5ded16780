package io.brmh.gateway.cache;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.cache.CacheClearRequested;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.gateway.jobs.AcceptedJobs;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.cache.CacheRetirement;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
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
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.CompletableFuture;

/**
 * {@code DELETE /cache?project=&table=}: clears one project's cache of a table, its indexes and any
 * bulk checkpoint. It travels the table log like everything else about the table, so it lands in
 * order: changes queued before it are applied first, changes after it fill the cache again.
 * Replaces the original's {@code GET /cache/clear}, which was dropped (a GET must not delete).
 */
@Controller("/cache")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheAdminController {
  static final String CLEAR_JOB_TYPE = CacheRetirement.CLEAR_JOB_TYPE;

  private final JobCommands commands;
  private final AcceptedJobs acceptedJobs;

  CacheAdminController(JobCommands commands, AcceptedJobs acceptedJobs) {
    this.commands = commands;
    this.acceptedJobs = acceptedJobs;
  }

  @Delete
  @Operation(
      summary =
          "Clear one project's cache of a table (admin): 202 with a cache.clear job whose result has keysDeleted")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  CompletableFuture<HttpResponse<Job>> clear(
      @QueryValue @Pattern(regexp = CacheNames.PROJECT_REGEX, message = CacheNames.PROJECT_MESSAGE)
          String project,
      @QueryValue @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String table,
      @Header("Prefer") @Nullable String prefer,
      Authentication caller) {
    Job job =
        commands.submit(
            CLEAR_JOB_TYPE,
            CacheJobSubject.of(project, table),
            caller.getName(),
            jobId ->
                new Envelope<>(
                    EnvelopeAttributes.create(
                            MessageType.CACHE_CLEAR_REQUESTED, "/brmh/gateway", table)
                        .withJobId(jobId),
                    new CacheClearRequested(jobId, project, table, caller.getName())));
    return acceptedJobs.respond(job, prefer);
  }
}
