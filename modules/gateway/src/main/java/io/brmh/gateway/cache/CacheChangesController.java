package io.brmh.gateway.cache;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The original's change routes. Both publish a change event and answer 202; the cache and index
 * workers read the same event, so {@code /cache/update} needs no separate indexing call.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheChangesController {
  private final ChangeIngestion ingestion;

  CacheChangesController(ChangeIngestion ingestion) {
    this.ingestion = ingestion;
  }

  @Post("/cache-data")
  @Operation(summary = "Apply one table change to the table's caches (tableName or extractedTableName names the table)")
  @ApiResponse(responseCode = "202", description = "The change is queued on the table log")
  @ApiResponse(responseCode = "400", description = "Invalid type, missing image, no table name (problem+json)")
  HttpResponse<ChangeIngestion.Accepted> cacheData(@Body ChangeRequest request) {
    String table = request.extractedTableName() != null ? request.extractedTableName() : request.tableName();
    return HttpResponse.accepted().body(ingestion.ingest(request, table));
  }

  @Post("/cache/update")
  @Operation(summary = "The route the original's stream Lambda calls: a table change with its tableName")
  @ApiResponse(responseCode = "202", description = "The change is queued on the table log")
  @ApiResponse(responseCode = "400", description = "Invalid type, missing image, no table name (problem+json)")
  HttpResponse<ChangeIngestion.Accepted> update(@Body ChangeRequest request) {
    return HttpResponse.accepted().body(ingestion.ingest(request, request.tableName()));
  }
}
