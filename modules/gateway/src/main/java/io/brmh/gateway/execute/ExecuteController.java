package io.brmh.gateway.execute;

import io.brmh.gateway.jobs.AcceptedJobs;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The original's execute routes: a namespace method called once (answered with the API's status and
 * body), or run page after page into a table as a job.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "execute")
@Secured(Roles.USER)
class ExecuteController {
  private final ExecutionService executions;
  private final AcceptedJobs accepted;

  ExecuteController(ExecutionService executions, AcceptedJobs accepted) {
    this.executions = executions;
    this.accepted = accepted;
  }

  @Post("/unified/execute")
  @Operation(
      summary =
          "Call a namespace method once on one of its accounts (editor): the account's base URL"
              + " and headers (credentials opened for this call alone) with the method's; answers"
              + " {success, status, contentType, data | error, details, suggestions, metadata}")
  @ApiResponse(responseCode = "404", description = "No such method (problem+json)")
  @ApiResponse(
      responseCode = "422",
      description = "The address is one BRMH never calls (problem+json)")
  @ApiResponse(responseCode = "502", description = "The API cannot be reached (problem+json)")
  Map<String, Object> execute(
      @Body @Valid @NotNull ExecuteRequests.Execute request, Authentication caller) {
    return executions.execute(request, caller);
  }

  @Post("/unified/execute/paginated")
  @Operation(
      summary =
          "Run a namespace method page after page into a table of its namespace (editor): 202 with"
              + " a scrape.execute job; its progress counts items, its result the pages, items,"
              + " retries and why it stopped")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(responseCode = "404", description = "No such method (problem+json)")
  CompletableFuture<HttpResponse<Job>> paginated(
      @Body @Valid @NotNull ExecuteRequests.Paginated request,
      @Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    return accepted.respond(executions.paginated(request, caller), prefer);
  }

  @Post("/execute")
  @Operation(
      summary =
          "The original's execute by executeType: namespace (a method once, as /unified/execute),"
              + " sync and get-all (a method page by page into tableName, as"
              + " /unified/execute/paginated; sync stops at the first item the table holds),"
              + " single (an address once, with the caller's own headers)")
  @ApiResponse(
      responseCode = "200",
      description = "namespace and single: the API's answer",
      content = @Content(schema = @Schema(implementation = Object.class)))
  @ApiResponse(
      responseCode = "202",
      description = "sync and get-all: accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  CompletableFuture<HttpResponse<Object>> legacy(
      @Body @Valid @NotNull ExecuteRequests.Legacy request,
      @Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    ExecuteRequests.ExecuteType type = request.executeType();
    return switch (type) {
      case single ->
          CompletableFuture.completedFuture(HttpResponse.ok(executions.executeAddress(request)));
      case namespace ->
          CompletableFuture.completedFuture(
              HttpResponse.ok(
                  executions.execute(
                      new ExecuteRequests.Execute(
                          required(request.methodId(), "methodId"),
                          required(request.accountId(), "accountId"),
                          null,
                          request.queryParams(),
                          null,
                          request.requestBody()),
                      caller)));
      case sync, getAll ->
          accepted
              .respond(
                  executions.paginated(
                      new ExecuteRequests.Paginated(
                          required(request.methodId(), "methodId"),
                          required(request.accountId(), "accountId"),
                          required(request.tableName(), "tableName"),
                          null,
                          request.queryParams(),
                          request.nextPageIn() != null
                              ? ExecuteRequests.PaginationType.token
                              : ExecuteRequests.PaginationType.auto,
                          request.nextPageIn(),
                          request.nextPageField(),
                          request.tokenParam(),
                          null,
                          null,
                          null,
                          null,
                          request.idField(),
                          request.maxPages(),
                          type == ExecuteRequests.ExecuteType.sync
                              && !Boolean.FALSE.equals(request.stopOnExisting())),
                      caller),
                  prefer)
              .thenApply(response -> (HttpResponse<Object>) (HttpResponse<?>) response);
    };
  }

  private static String required(@Nullable String value, String field) {
    if (value == null) {
      throw ProblemException.invalidField(field, "is required for this executeType");
    }
    return value;
  }
}
