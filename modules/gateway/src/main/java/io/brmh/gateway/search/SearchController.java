package io.brmh.gateway.search;

import io.brmh.gateway.jobs.AcceptedJobs;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import java.util.concurrent.CompletableFuture;

/** The original's {@code /search} routes: reindex as a job, and searches of a namespace table. */
@Controller("/search")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "search")
@Secured(Roles.USER)
class SearchController {
  private final SearchService search;
  private final AcceptedJobs accepted;

  SearchController(SearchService search, AcceptedJobs accepted) {
    this.search = search;
    this.accepted = accepted;
  }

  @Post("/index")
  @Operation(
      summary =
          "Build the table's index again (editor), made first when the table has none: 202 with a"
              + " search.reindex job; searches read the old index until the new one is complete")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(responseCode = "404", description = "The namespace has no such table (problem+json)")
  CompletableFuture<HttpResponse<Job>> index(
      @Body @Valid @NotNull SearchRequests.Reindex request,
      @Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    return accepted.respond(search.reindex(request, caller), prefer);
  }

  @Post("/indices")
  @Operation(
      summary =
          "The namespace's indexes (viewer), of one table or all: per project and table, the"
              + " generation searches read and how many documents it holds")
  @ApiResponse(responseCode = "403", description = "Not a viewer of the namespace (problem+json)")
  SearchAnswers.Indices indices(
      @Body @Valid @NotNull SearchRequests.Indices request, Authentication caller) {
    return search.indices(request, caller);
  }

  @Get("/health")
  @Operation(
      summary = "Whether this process's search engine answers, and how many indexes it holds")
  @ApiResponse(responseCode = "503", description = "The engine does not answer (problem+json)")
  SearchAnswers.Health health() {
    return search.health();
  }

  @Post("/query")
  @Operation(
      summary =
          "Search a table's index (viewer): words with typos forgiven and the last one as a"
              + " prefix, an empty query browsing; filters (eq, in, range), facet counts, sorting,"
              + " highlights and a cursor to the next page")
  @ApiResponse(responseCode = "404", description = "No index of that table (problem+json)")
  @ApiResponse(
      responseCode = "503",
      description = "No search engine in this process (problem+json)")
  SearchAnswers.Hits query(
      @Body @Valid @NotNull SearchRequests.Query request, Authentication caller) {
    return search.query(request, caller);
  }
}
