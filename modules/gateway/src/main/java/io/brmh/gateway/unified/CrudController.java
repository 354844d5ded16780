package io.brmh.gateway.unified;

import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.security.Roles;
import io.brmh.platform.unified.TableKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's {@code /crud}, on the tables of namespaces only ({@link TableAccess}). Keys go in
 * the query by their attribute names ({@code ?tableName=orders&id=o-1}); items are plain JSON,
 * numbers exact. Writes go straight to DynamoDB, and caches follow through its stream.
 */
@Controller("/crud")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "crud")
@Secured(Roles.USER)
class CrudController {
  private static final Map<String, Object> OK = Map.of("success", true);

  private final TableAccess tables;
  private final TableItems items;

  CrudController(TableAccess tables, TableItems items) {
    this.tables = tables;
    this.items = items;
  }

  /** One item, or a page of them. */
  @Serdeable
  record Read(
      boolean success,
      @Nullable Map<String, Object> item,
      @Nullable List<Map<String, Object>> items,
      @Nullable Integer count,
      @Nullable String nextPageToken) {}

  /** A new item; {@code overwrite} replaces one with the same key. */
  @Serdeable
  record Create(
      @NotNull
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> item,
      @Nullable Boolean overwrite) {}

  /** An existing item, whole. */
  @Serdeable
  record Replace(
      @NotNull
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> item) {}

  /** Attributes of an existing item to set (a null removes one). */
  @Serdeable
  record Change(
      @NotNull
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> key,
      @NotNull
          @Size(min = 1, max = TableItems.MAX_UPDATES)
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> updates) {}

  @Get
  @Operation(
      summary =
          "One item by its key attributes in the query, or without them a page of items (viewer)")
  @ApiResponse(responseCode = "404", description = "No such item, or no table the caller may read")
  Read read(
      @QueryValue
          @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @QueryValue(defaultValue = "50") @Min(1) @Max(1000) int itemPerPage,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      @QueryValue @Nullable @Pattern(regexp = "true|false", message = "must be true or false")
          String pagination,
      HttpRequest<?> request,
      Authentication caller) {
    TableKey shape = tables.require(tableName, caller, NamespaceRole.VIEWER);
    Map<String, String> key = keyParameters(request, shape);
    if (key.isEmpty()) {
      TableItems.ItemPage page = items.scan(tableName, shape, itemPerPage, pageToken);
      return new Read(true, null, page.items(), page.items().size(), page.nextPageToken());
    }
    return new Read(
        true,
        items.get(tableName, shape, key).orElseThrow(TableItems::itemNotFound),
        null,
        null,
        null);
  }

  @Post
  @Status(HttpStatus.CREATED)
  @Operation(
      summary = "Create an item; 409 when one with its key exists, unless overwrite (editor)")
  @ApiResponse(responseCode = "409", description = "An item with this key exists")
  Map<String, Object> create(
      @QueryValue
          @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid Create body,
      Authentication caller) {
    TableKey shape = tables.require(tableName, caller, NamespaceRole.EDITOR);
    items.create(tableName, shape, body.item(), Boolean.TRUE.equals(body.overwrite()));
    return OK;
  }

  @Put
  @Operation(summary = "Replace an existing item whole (editor)")
  @ApiResponse(responseCode = "404", description = "No such item, or no table the caller may read")
  Map<String, Object> replace(
      @QueryValue
          @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid Replace body,
      Authentication caller) {
    TableKey shape = tables.require(tableName, caller, NamespaceRole.EDITOR);
    items.replace(tableName, shape, body.item());
    return OK;
  }

  @Patch
  @Operation(summary = "Set attributes of an existing item; a null removes one (editor)")
  @ApiResponse(responseCode = "404", description = "No such item, or no table the caller may read")
  Read patch(
      @QueryValue
          @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid Change body,
      Authentication caller) {
    TableKey shape = tables.require(tableName, caller, NamespaceRole.EDITOR);
    return new Read(
        true, items.patch(tableName, shape, body.key(), body.updates()), null, null, null);
  }

  @Delete
  @Operation(summary = "Delete an item by its key attributes in the query (editor)")
  @ApiResponse(responseCode = "404", description = "No such item, or no table the caller may read")
  Map<String, Object> delete(
      @QueryValue
          @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      HttpRequest<?> request,
      Authentication caller) {
    TableKey shape = tables.require(tableName, caller, NamespaceRole.EDITOR);
    items.delete(tableName, shape, keyParameters(request, shape));
    return OK;
  }

  private static Map<String, String> keyParameters(HttpRequest<?> request, TableKey shape) {
    Map<String, String> key = new HashMap<>();
    for (String name : shape.names()) {
      request.getParameters().getFirst(name).ifPresent(value -> key.put(name, value));
    }
    return key;
  }
}
