package io.brmh.gateway.search;

import io.brmh.gateway.jobs.AcceptedJobs;
import io.brmh.platform.jobs.Job;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Search index configurations ({@code brmh-indexing}): the original wrote them through {@code
 * /crud} only; here a namespace's editors make and remove them and its viewers read them.
 */
@Controller("/indexing/configs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "search")
@Secured(Roles.USER)
class IndexingController {
  private final SearchService search;
  private final AcceptedJobs accepted;

  IndexingController(SearchService search, AcceptedJobs accepted) {
    this.search = search;
    this.accepted = accepted;
  }

  @Post
  @Status(HttpStatus.CREATED)
  @Operation(
      summary =
          "Index a table of the namespace (editor): 201 with the configuration and the"
              + " search.reindex job that builds it; the table's changes keep it up to date")
  @ApiResponse(responseCode = "404", description = "The namespace has no such table (problem+json)")
  HttpResponse<SearchAnswers.Index> create(
      @Body @Valid @NotNull SearchRequests.NewIndex request, Authentication caller) {
    SearchService.Made made = search.create(request, caller);
    return HttpResponse.created(SearchAnswers.Index.of(made.config(), made.job()))
        .header(HttpHeaders.LOCATION, "/indexing/configs/" + made.config().id());
  }

  @Get
  @Operation(summary = "A namespace's index configurations (viewer)")
  List<SearchAnswers.Index> list(
      @QueryValue
          @NotBlank
          @Size(max = 36)
          @Pattern(regexp = SearchRequests.ID, message = SearchRequests.ID_MESSAGE)
          String project,
      Authentication caller) {
    return search.list(project, caller).stream()
        .map(config -> SearchAnswers.Index.of(config, null))
        .toList();
  }

  @Get("/{indexId}")
  @Operation(summary = "One index configuration (viewer)")
  @ApiResponse(responseCode = "404", description = "No such index (problem+json)")
  SearchAnswers.Index get(
      @Pattern(regexp = SearchRequests.ID, message = "must be an index id (a UUID)") String indexId,
      Authentication caller) {
    return SearchAnswers.Index.of(search.get(indexId, caller), null);
  }

  @Delete("/{indexId}")
  @Operation(
      summary =
          "Remove an index (editor): its configuration goes at once (no change or search reaches"
              + " it), its documents with a search.drop job, in order among the table's changes")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; follow the job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Sent with Prefer: wait=N, and the job ended within N seconds: the ended job",
      content = @Content(schema = @Schema(implementation = Job.class)))
  @ApiResponse(responseCode = "404", description = "No such index (problem+json)")
  CompletableFuture<HttpResponse<Job>> delete(
      @Pattern(regexp = SearchRequests.ID, message = "must be an index id (a UUID)") String indexId,
      @Header("Prefer") @Nullable @Size(max = 64) String prefer,
      Authentication caller) {
    return accepted.respond(search.drop(indexId, caller), prefer);
  }
}
