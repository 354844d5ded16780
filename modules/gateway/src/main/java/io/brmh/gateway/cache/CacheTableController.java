package io.brmh.gateway.cache;

import io.brmh.contracts.Envelope;
import io.brmh.contracts.EnvelopeAttributes;
import io.brmh.contracts.MessageType;
import io.brmh.contracts.cache.CacheJobSubject;
import io.brmh.contracts.cache.CacheTableRequested;
import io.brmh.gateway.jobs.AcceptedJobs;
import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.jobs.JobCommands;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /cache/table}: a bulk load as a job, queued on the table's partition of the table
 * log.
 */
@Controller("/cache/table")
@Secured(Roles.USER)
@Tag(name = "cache")
class CacheTableController {
  static final String JOB_TYPE = "cache.table";

  private final TableDirectory tables;
  private final CacheConfigRepository configs;
  private final JobCommands commands;
  private final AcceptedJobs acceptedJobs;
  private final NamespaceAccess access;

  CacheTableController(
      TableDirectory tables,
      CacheConfigRepository configs,
      JobCommands commands,
      AcceptedJobs acceptedJobs,
      NamespaceAccess access) {
    this.access = access;
    this.tables = tables;
    this.configs = configs;
    this.commands = commands;
    this.acceptedJobs = acceptedJobs;
  }

  @Post
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(
      summary =
          "Cache a whole table in Redis: 202 with a cache.table job whose result holds the original's counters")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "403",
      description =
          "The caller is no editor of the project's namespace, or the table is one of BRMH's own (problem+json)")
  @ApiResponse(
      responseCode = "404",
      description = "No such table, or no active cache configuration for it (problem+json)")
  @ApiResponse(
      responseCode = "409",
      description = "recordsPerKey differs from the configuration (problem+json)")
  CompletableFuture<HttpResponse<Job>> cacheTable(
      @Body @Valid CacheTableRequest request,
      @Header("Prefer") @Nullable String prefer,
      Authentication caller) {
    access.require(caller, request.project(), NamespaceRole.EDITOR);
    tables.cacheableKeyAttributes(request.table(), "table");
    CacheConfig config =
        configs.findActive(request.table()).stream()
            .filter(candidate -> candidate.project().equals(request.project()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "cache-config-not-found",
                        "No active cache configuration for project "
                            + request.project()
                            + " and table "
                            + request.table()
                            + "; create one with POST /cache/configs."));
    int recordsPerKey =
        request.recordsPerKey() == null ? config.itemsPerKey() : request.recordsPerKey();
    if (recordsPerKey != config.itemsPerKey()) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "records-per-key-mismatch",
          "The configuration caches "
              + config.itemsPerKey()
              + " item(s) per key; changes would not fit other chunks.",
          List.of(
              new Problem.FieldError(
                  "recordsPerKey", "must be " + config.itemsPerKey() + " or left out")));
    }
    long ttl = request.ttl() == null ? config.timeToLive() : request.ttl();
    Job job =
        commands.submit(
            JOB_TYPE,
            CacheJobSubject.of(request.project(), request.table()),
            caller.getName(),
            jobId ->
                new Envelope<>(
                    EnvelopeAttributes.create(
                            MessageType.CACHE_TABLE_REQUESTED, "/brmh/gateway", request.table())
                        .withJobId(jobId),
                    new CacheTableRequested(
                        jobId,
                        request.project(),
                        request.table(),
                        recordsPerKey,
                        ttl == 0 ? null : ttl,
                        caller.getName())));
    return acceptedJobs.respond(job, prefer);
  }
}
