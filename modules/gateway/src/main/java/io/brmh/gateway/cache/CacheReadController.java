package io.brmh.gateway.cache;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.gateway.namespaces.NamespaceRole;
import io.brmh.platform.cache.CacheKeys;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's cache read routes, same paths, parameters, status codes and response fields,
 * served from the key index (no keyspace SCAN). Errors are problem+json.
 */
@Controller("/cache")
@Secured(Roles.USER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheReadController {
  private static final String PROJECT = CacheNames.PROJECT_REGEX;
  private static final String TABLE = CacheNames.TABLE_REGEX;
  private static final String NAME_RULE =
      "must be letters, digits, '_', '.', '-' (and '@' in a project)";
  private static final String NOTE = "Use ?key=chunk:0 to get actual data for a specific key";
  static final long MAX_RESPONSE_BYTES = 50L * 1024 * 1024;

  private final CacheReader reader;
  private final NamespaceAccess access;

  CacheReadController(CacheReader reader, NamespaceAccess access) {
    this.reader = reader;
    this.access = access;
  }

  @Get("/data")
  @Operation(
      summary =
          "A table's cached keys in order; with key=, one value; with pattern=, the values of matching keys")
  HttpResponse<Map<String, Object>> data(
      @QueryValue @Pattern(regexp = PROJECT, message = NAME_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = NAME_RULE) String table,
      @QueryValue @Nullable String key,
      @QueryValue @Nullable String pattern,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    CacheKeys keys = new CacheKeys(project, table);
    if (pattern != null) {
      return byPattern(keys, pattern);
    }
    if (key != null) {
      return byKey(keys.prefix() + key);
    }
    List<String> all = reader.keys(keys);
    Map<String, Object> body = new LinkedHashMap<>();
    if (all.isEmpty()) {
      body.put("message", "Cache keys retrieved");
      body.put("keysFound", 0);
      body.put("keys", List.of());
      return HttpResponse.ok(body);
    }
    body.put("message", "Cache keys retrieved in sequence (keys only)");
    body.put("keysFound", all.size());
    body.put("keys", all);
    body.put("note", NOTE);
    return HttpResponse.ok(body);
  }

  private HttpResponse<Map<String, Object>> byPattern(CacheKeys keys, String pattern) {
    KeyGlob glob;
    try {
      glob = KeyGlob.compile(pattern);
    } catch (IllegalArgumentException malformed) {
      throw ProblemException.invalidField("pattern", malformed.getMessage());
    }
    CacheReader.Matches matches = reader.matching(keys, glob);
    if (matches.keys().isEmpty() && matches.complete()) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "no-cached-keys",
          "No cached keys found matching pattern " + keys.prefix() + pattern + ".");
    }
    Map<String, String> raw = reader.rawValues(matches.keys());
    long bytes =
        raw.values().stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
    if (bytes > MAX_RESPONSE_BYTES) {
      throw new ProblemException(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "response-too-large",
          "The matching values hold "
              + bytes
              + " bytes, more than 50MB; use /cache/data-in-sequence or a narrower pattern.");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    raw.forEach((key, text) -> data.put(key, reader.parse(text)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "message",
        matches.complete()
            ? "Cached data retrieved"
            : "Cached data retrieved from the first "
                + matches.keysExamined()
                + " keys in order only; use /cache/data-in-sequence for the rest");
    body.put("keysFound", matches.keys().size());
    if (!matches.complete()) {
      body.put("keysExamined", matches.keysExamined());
      body.put("truncated", true);
    }
    body.put("data", data);
    return HttpResponse.ok(body);
  }

  private HttpResponse<Map<String, Object>> byKey(String fullKey) {
    String raw =
        reader
            .raw(fullKey)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "cached-key-not-found",
                        "Cached key not found: " + fullKey + "."));
    Object data = reader.parse(raw);
    int size = raw.getBytes(StandardCharsets.UTF_8).length;
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("dataLength", data instanceof List<?> list ? list.size() : 1);
    metadata.put("dataSize", size);
    metadata.put(
        "dataSizeFormatted", String.format(java.util.Locale.ROOT, "%.2f KB", size / 1024.0));
    metadata.put("isArray", data instanceof List<?>);
    metadata.put("itemType", data instanceof List<?> ? "array" : "object");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Cached data retrieved");
    body.put("key", fullKey);
    body.put("data", data);
    body.put("metadata", metadata);
    return HttpResponse.ok(body);
  }

  @Get("/data-in-sequence")
  @Operation(
      summary = "A page of a table's cached keys in order; includeData=true adds their values")
  HttpResponse<Map<String, Object>> dataInSequence(
      @QueryValue @Pattern(regexp = PROJECT, message = NAME_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = NAME_RULE) String table,
      @QueryValue(defaultValue = "1") @Min(1) int page,
      @QueryValue(defaultValue = "1000") @Min(1) @Max(10_000) int limit,
      @QueryValue(defaultValue = "false") boolean includeData,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    CacheKeys keys = new CacheKeys(project, table);
    CacheReader.KeyPage keyPage = reader.page(keys, (long) (page - 1) * limit, limit);
    long total = keyPage.totalKeys();
    if (total == 0) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "no-cached-keys",
          "No cached keys found for " + keys.prefix() + "*.");
    }
    long totalPages = (total + limit - 1) / limit;
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("currentPage", page);
    pagination.put("totalPages", totalPages);
    pagination.put("hasMore", page < totalPages);
    pagination.put("totalItems", total);
    List<String> pageKeys = keyPage.keys();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "message",
        "Cache keys retrieved in sequence with pagination" + (includeData ? "" : " (keys only)"));
    body.put("keysFound", pageKeys.size());
    body.put("totalKeys", total);
    body.put("keys", pageKeys);
    if (includeData) {
      body.put("data", reader.values(pageKeys));
    } else {
      body.put("note", NOTE);
    }
    body.put("pagination", pagination);
    return HttpResponse.ok(body);
  }

  @Get("/keys")
  @Operation(summary = "A page of a table's cached keys (limit defaults to 1, as in the original)")
  HttpResponse<Map<String, Object>> keys(
      @QueryValue @Pattern(regexp = PROJECT, message = NAME_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = NAME_RULE) String table,
      @QueryValue(defaultValue = "1") @Min(1) int page,
      @QueryValue(defaultValue = "1") @Min(1) @Max(10_000) int limit,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    CacheReader.KeyPage keyPage =
        reader.page(new CacheKeys(project, table), (long) (page - 1) * limit, limit);
    long total = keyPage.totalKeys();
    if (total == 0) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "no-cached-keys",
          "No cached keys found for " + project + ":" + table + ":*.");
    }
    long totalPages = (total + limit - 1) / limit;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Paginated cache keys retrieved");
    body.put("keysFound", total);
    body.put("keys", keyPage.keys());
    body.put("currentPage", page);
    body.put("totalPages", totalPages);
    body.put("hasMore", page < totalPages);
    return HttpResponse.ok(body);
  }

  @Get("/stats")
  @Operation(summary = "How many keys a table's cache has, and the time to live of the first five")
  Map<String, Object> stats(
      @QueryValue @Pattern(regexp = PROJECT, message = NAME_RULE) String project,
      @QueryValue @Pattern(regexp = TABLE, message = NAME_RULE) String table,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    CacheKeys keys = new CacheKeys(project, table);
    CacheReader.KeyPage sample = reader.page(keys, 0, 5);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("totalKeys", sample.totalKeys());
    stats.put("pattern", keys.prefix() + "*");
    stats.put("project", project);
    stats.put("table", table);
    stats.put("timestamp", Instant.now().toString());
    if (!sample.keys().isEmpty()) {
      stats.put(
          "sampleTTLs",
          sample.keys().stream()
              .map(key -> Map.of("key", key, "ttl", reader.ttlSeconds(key)))
              .toList());
    }
    return Map.of("message", "Cache statistics retrieved", "stats", stats);
  }

  @Get("/debug/{project}/{table}/{key}")
  @Operation(summary = "One cached value with its size (the original's route always failed)")
  Map<String, Object> debug(
      @PathVariable @Pattern(regexp = PROJECT, message = NAME_RULE) String project,
      @PathVariable @Pattern(regexp = TABLE, message = NAME_RULE) String table,
      @PathVariable String key,
      Authentication caller) {
    access.require(caller, project, NamespaceRole.VIEWER);
    String fullKey = new CacheKeys(project, table).prefix() + key;
    String raw =
        reader
            .raw(fullKey)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "cached-key-not-found",
                        "Key not found: " + fullKey + "."));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Debug cache data retrieved");
    body.put("key", fullKey);
    body.put("data", reader.parse(raw));
    body.put("size", raw.getBytes(StandardCharsets.UTF_8).length);
    body.put("timestamp", Instant.now().toString());
    return body;
  }
}
