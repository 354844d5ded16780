package io.brmh.gateway.cache;

import io.brmh.gateway.auth.apikeys.ApiKeyAuthentication;
import io.brmh.platform.json.ExactBodies;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Collection;

/**
 * The original's change routes. Both publish a change event and answer 202; the cache and index
 * workers read the same event, so {@code /cache/update} needs no separate indexing call. Bodies are
 * read by {@link ExactBodies}: a number in an image reaches the cache with all its digits.
 */
@Controller
@Secured({Roles.ADMIN, Roles.CACHE_INGEST})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheChangesController {
  private final ChangeIngestion ingestion;
  private final ExactBodies bodies;

  CacheChangesController(ChangeIngestion ingestion, ExactBodies bodies) {
    this.ingestion = ingestion;
    this.bodies = bodies;
  }

  @Post("/cache-data")
  @Operation(
      summary =
          "Apply one table change to the table's caches (tableName or extractedTableName names the table)")
  @ApiResponse(
      responseCode = "202",
      description = "The change is queued on the table log",
      content = @Content(schema = @Schema(implementation = ChangeIngestion.Accepted.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid type, missing image, no table name (problem+json)")
  @ApiResponse(
      responseCode = "403",
      description =
          "Not an administrator or an API key with the cache:ingest scope for this table (problem+json)")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ChangeRequest.class)))
  HttpResponse<ChangeIngestion.Accepted> cacheData(@Body byte[] body, Authentication caller) {
    ChangeRequest request = bodies.readValid(body, ChangeRequest.class);
    String table =
        request.extractedTableName() != null ? request.extractedTableName() : request.tableName();
    if (table == null) {
      throw ProblemException.invalidField("tableName", "is required (or extractedTableName)");
    }
    checkTable(caller, table);
    return HttpResponse.accepted().body(ingestion.ingest(request, table));
  }

  @Post("/cache/update")
  @Operation(
      summary = "The route the original's stream Lambda calls: a table change with its tableName")
  @ApiResponse(
      responseCode = "202",
      description = "The change is queued on the table log",
      content = @Content(schema = @Schema(implementation = ChangeIngestion.Accepted.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid type, missing image, no table name (problem+json)")
  @ApiResponse(
      responseCode = "403",
      description =
          "Not an administrator or an API key with the cache:ingest scope for this table (problem+json)")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StreamChangeRequest.class)))
  HttpResponse<ChangeIngestion.Accepted> update(@Body byte[] body, Authentication caller) {
    ChangeRequest request = bodies.readValid(body, StreamChangeRequest.class).toChange();
    checkTable(caller, request.tableName());
    return HttpResponse.accepted().body(ingestion.ingest(request, request.tableName()));
  }

  @Post("/indexing/update")
  @Operation(
      summary =
          "The original's indexing route, the same as /cache/update: the change goes on the table"
              + " log, which the index worker reads as well as the cache worker")
  @ApiResponse(
      responseCode = "202",
      description = "The change is queued on the table log",
      content = @Content(schema = @Schema(implementation = ChangeIngestion.Accepted.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid type, missing image, no table name (problem+json)")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StreamChangeRequest.class)))
  HttpResponse<ChangeIngestion.Accepted> indexingUpdate(@Body byte[] body, Authentication caller) {
    return update(body, caller);
  }

  @Post("/search/update")
  @Operation(summary = "The original's other name of /indexing/update")
  @ApiResponse(
      responseCode = "202",
      description = "The change is queued on the table log",
      content = @Content(schema = @Schema(implementation = ChangeIngestion.Accepted.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid type, missing image, no table name (problem+json)")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StreamChangeRequest.class)))
  HttpResponse<ChangeIngestion.Accepted> searchUpdate(@Body byte[] body, Authentication caller) {
    return update(body, caller);
  }

  /** An API key that lists tables sends changes of those tables only. */
  private static void checkTable(Authentication caller, String table) {
    Object tables = caller.getAttributes().get(ApiKeyAuthentication.TABLES);
    if (tables instanceof Collection<?> allowed && !allowed.isEmpty() && !allowed.contains(table)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "table-not-allowed",
          "This API key may not send changes of table " + table + ".");
    }
  }
}
