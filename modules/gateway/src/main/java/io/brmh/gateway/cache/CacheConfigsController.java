package io.brmh.gateway.cache;

import io.brmh.platform.cache.CacheConfig;
import io.brmh.platform.cache.CacheConfigRepository;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Cache configurations: which table is cached for which project, how. Admins only for now: a
 * configuration lets its table be copied into Redis and read back, so it decides who may read the
 * table; its project is an existing namespace, whose members' roles decide who reads the cache.
 */
@Controller("/cache/configs")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cache")
class CacheConfigsController {
  private final CacheConfigRepository configs;
  private final TableDirectory tables;
  private final NamespaceStore namespaces;

  CacheConfigsController(
      CacheConfigRepository configs, TableDirectory tables, NamespaceStore namespaces) {
    this.configs = configs;
    this.tables = tables;
    this.namespaces = namespaces;
  }

  @Get
  @Operation(summary = "Every cache configuration")
  List<CacheConfig> list() {
    return configs.findAll();
  }

  @Get("/{id}")
  @Operation(summary = "One cache configuration")
  CacheConfig get(@PathVariable String id) {
    return configs.find(id).orElseThrow(() -> notFound(id));
  }

  @Post
  @Operation(summary = "Create a cache configuration for an existing table")
  HttpResponse<CacheConfig> create(@Body @Valid CacheConfigRequest request) {
    requireNamespace(request.project());
    tables.cacheableKeyAttributes(request.tableName(), "tableName");
    tables.turnStreamOn(request.tableName());
    String now = Instant.now().toString();
    CacheConfig config = request.toConfig(UUID.randomUUID().toString(), now, now);
    configs.save(config);
    return HttpResponse.created(config, URI.create("/cache/configs/" + config.id()));
  }

  @Put("/{id}")
  @Operation(summary = "Replace a cache configuration")
  CacheConfig update(@PathVariable String id, @Body @Valid CacheConfigRequest request) {
    CacheConfig existing = get(id);
    requireNamespace(request.project());
    tables.cacheableKeyAttributes(request.tableName(), "tableName");
    tables.turnStreamOn(request.tableName());
    CacheConfig config = request.toConfig(id, existing.createdAt(), Instant.now().toString());
    configs.save(config);
    return config;
  }

  @Delete("/{id}")
  @Operation(
      summary = "Delete a cache configuration (the cached keys stay until cleared or expired)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No such configuration")
  HttpResponse<Void> delete(@PathVariable String id) {
    if (!configs.delete(id)) {
      throw notFound(id);
    }
    return HttpResponse.noContent();
  }

  /**
   * A cache belongs to an existing namespace: making its configuration never makes or claims one
   * (whoever holds the namespace's roles reads the cache).
   */
  private void requireNamespace(String project) {
    Namespace namespace =
        namespaces
            .findByName(project)
            .orElseThrow(
                () ->
                    ProblemException.invalidField(
                        "project",
                        "must be an existing namespace (create it with POST /namespaces first)"));
    if (namespace.isBusy()) {
      throw NamespaceStore.busy(namespace); // a deleted namespace would keep its new cache
    }
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "cache-config-not-found",
        "There is no cache configuration " + id + ".");
  }
}
