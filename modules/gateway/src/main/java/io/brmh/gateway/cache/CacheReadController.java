package io.brmh.gateway.cache;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import jakarta.validation.constraints.Pattern;

/**
 * The original's cache read routes, same paths, parameters, status codes and response fields,
 * served from the key index (no keyspace SCAN); the rules are {@link CacheReads}'. Errors are
 * problem+json.
 */
@Controller("/cache")
@Secured(Roles.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheReadController {
  private static final String PROJECT = CacheNames.PROJECT_REGEX;
  private static final String TABLE = CacheNames.TABLE_REGEX;
  private static final String PROJECT_RULE = CacheNames.PROJECT_MESSAGE;
  private static final String TABLE_RULE = CacheNames.TABLE_MESSAGE;

  private final CacheReads reads;
  private final NamespaceAccess access;

  CacheReadController(CacheReads reads, NamespaceAccess access) {
    this.reads = reads;
    this.access = access;
  }

  @Get("/data")
  @Operation(
      summary =
          "A table's cached keys in order; with key=, one value; with pattern=, the values of matching keys")
  @ApiResponse(
      responseCode = "200",
      description = "the keys; with key=, one value; with pattern=, the matching values",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      oneOf = {
                        CacheReadBodies.KeyList.class,
                        CacheReadBodies.Value.class,
                        CacheReadBodies.MatchedValues.class
                      })))
  Object data(
      @QueryValue @Pattern(regexp = PROJECT, message = PROJECT_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = TABLE_RULE) String table,
      @QueryValue @Nullable String key,
      @QueryValue @Nullable String pattern,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    CacheKeys keys = new CacheKeys(project, table);
    if (pattern != null) {
      return reads.matching(keys, pattern);
    }
    if (key != null) {
      return reads.value(keys, key);
    }
    return reads.keys(keys);
  }

  @Get("/data-in-sequence")
  @Operation(
      summary = "A page of a table's cached keys in order; includeData=true adds their values")
  CacheReadBodies.SequencePage dataInSequence(
      @QueryValue @Pattern(regexp = PROJECT, message = PROJECT_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = TABLE_RULE) String table,
      @QueryValue(defaultValue = "1") @Min(1) int page,
      @QueryValue(defaultValue = "1000") @Min(1) @Max(10_000) int limit,
      @QueryValue(defaultValue = "false") boolean includeData,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    return reads.sequence(new CacheKeys(project, table), page, limit, includeData);
  }

  @Get("/keys")
  @Operation(summary = "A page of a table's cached keys (limit defaults to 1, as in the original)")
  CacheReadBodies.KeysPage keys(
      @QueryValue @Pattern(regexp = PROJECT, message = PROJECT_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = TABLE_RULE) String table,
      @QueryValue(defaultValue = "1") @Min(1) int page,
      @QueryValue(defaultValue = "1") @Min(1) @Max(10_000) int limit,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    return reads.keysPage(new CacheKeys(project, table), page, limit);
  }

  @Get("/stats")
  @Operation(summary = "How many keys a table's cache has, and the time to live of the first five")
  CacheReadBodies.StatsAnswer stats(
      @QueryValue @Pattern(regexp = PROJECT, message = PROJECT_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = TABLE_RULE) String table,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    return reads.stats(new CacheKeys(project, table));
  }

  @Get("/debug/{project}/{table}/{key}")
  @Operation(summary = "One cached value with its size (the original's route always failed)")
  CacheReadBodies.DebugValue debug(
      @PathVariable @Pattern(regexp = PROJECT, message = PROJECT_RULE) String project,
      @PathVariable @Pattern(regexp = TABLE, message = TABLE_RULE) String table,
      @PathVariable String key,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    return reads.debug(new CacheKeys(project, table), key);
  }
}
