package io.brmh.gateway.unified;

import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.dynamodb.BatchWrites;
import io.brmh.platform.json.ExactBodies;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.brmh.platform.unified.TableKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
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
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's {@code /dynamodb/tables/{tableName}/…} item routes, on the tables of namespaces
 * only ({@link TableAccess}): plain JSON in and out (the original answered scans in DynamoDB's
 * attribute-value JSON), numbers exact, the item's partition key value in the path whatever the
 * attribute is called, structured queries instead of raw expressions that could name another table,
 * and pages with a token instead of whole tables.
 */
@Controller("/dynamodb/tables/{tableName}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dynamodb")
@Secured(Roles.USER)
class DynamoDbItemsController {
  /** The item a create takes: the whole body, read strictly so that numbers keep their digits. */
  private static final Type ITEM = Argument.mapOf(String.class, Object.class).asType();

  private final TableAccess tables;
  private final TableItems items;
  private final ExactBodies bodies;

  DynamoDbItemsController(TableAccess tables, TableItems items, ExactBodies bodies) {
    this.tables = tables;
    this.items = items;
    this.bodies = bodies;
  }

  /** A page of items. */
  @Serdeable
  record ItemsPage(List<Map<String, Object>> items, int count, @Nullable String nextPageToken) {
    static ItemsPage of(TableItems.ItemPage page) {
      return new ItemsPage(page.items(), page.items().size(), page.nextPageToken());
    }
  }

  /** An item written, as the original answered. */
  @Serdeable
  record ItemWritten(String message, Map<String, Object> item) {}

  /** Attributes of an item to set; a null removes one. */
  @Serdeable
  record ItemChange(
      @NotNull
          @Size(min = 1, max = TableItems.MAX_UPDATES)
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> updates) {}

  /**
   * Items of one partition: {@code partitionKeyValue} as text, an optional condition on the sort
   * key.
   */
  @Serdeable
  record ItemQuery(
      @NotBlank @Size(max = 2048) String partitionKeyValue,
      @Nullable @Valid SortKeyCondition sortKey,
      @Nullable @Min(1) @Max(1000) Integer limit,
      @Nullable @Size(max = 2048) String pageToken,
      @Nullable Boolean ascending) {}

  /** A comparison of the sort key; {@code upTo} is the upper bound of {@code between}. */
  @Serdeable
  record SortKeyCondition(
      @NotBlank
          @Pattern(
              regexp = TableItems.SORT_OPERATORS,
              message = "must be one of " + TableItems.SORT_OPERATORS)
          String operator,
      @NotBlank @Size(max = 2048) String value,
      @Nullable @Size(max = 2048) String upTo) {}

  /**
   * The original's scan loop, bounded: up to {@code maxIterations} pages of {@code pageSize}, at
   * most 1,000 items in all, then the token to go on from.
   */
  @Serdeable
  record ScanLoop(
      @Nullable @Min(1) @Max(1000) Integer pageSize,
      @Nullable @Min(1) @Max(10) Integer maxIterations,
      @Nullable @Size(max = 2048) String pageToken) {}

  /** The loop's answer, with the original's field names where they still mean something. */
  @Serdeable
  record LoopResult(
      List<Map<String, Object>> items,
      int count,
      int iterations,
      boolean hasMoreItems,
      @Nullable String nextPageToken) {}

  /** Whole items to put (overwriting) and keys of items to delete, 500 writes at most. */
  @Serdeable
  record Batch(
      @Nullable
          @Size(max = TableItems.MAX_BATCH)
          @ArraySchema(
              schema =
                  @Schema(
                      type = "object",
                      additionalProperties = Schema.AdditionalPropertiesValue.TRUE))
          List<@NotNull Map<String, Object>> put,
      @Nullable
          @Size(max = TableItems.MAX_BATCH)
          @ArraySchema(
              schema =
                  @Schema(
                      type = "object",
                      additionalProperties = Schema.AdditionalPropertiesValue.TRUE))
          List<@NotNull Map<String, Object>> delete) {}

  /** What a batch did. */
  @Serdeable
  record BatchResult(int written, int resent) {}

  @Get("/items")
  @Operation(summary = "A page of the table's items (viewer)")
  @ApiResponse(responseCode = "404", description = "No table the caller may read")
  ItemsPage page(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @QueryValue(defaultValue = "50") @Min(1) @Max(1000) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    TableKey key = tables.require(tableName, caller, NamespaceRole.VIEWER);
    return ItemsPage.of(items.scan(tableName, key, limit, pageToken));
  }

  @Post("/items")
  @Status(HttpStatus.CREATED)
  @Operation(
      summary = "Create an item; 409 when one with its key exists, unless overwrite (editor)")
  @ApiResponse(responseCode = "409", description = "An item with this key exists")
  @RequestBody(
      required = true,
      description = "The item, as plain JSON",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = "object",
                      additionalProperties = Schema.AdditionalPropertiesValue.TRUE)))
  ItemWritten create(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @QueryValue(defaultValue = "false") boolean overwrite,
      @Body byte[] body,
      Authentication caller) {
    @SuppressWarnings("unchecked")
    Map<String, Object> item = bodies.read(body, Map.class, ITEM);
    TableKey key = tables.require(tableName, caller, NamespaceRole.EDITOR);
    items.create(tableName, key, item, overwrite);
    return new ItemWritten("Item created", item);
  }

  @Get("/items/{id}")
  @Operation(
      summary =
          "The item whose partition key is id (and sort key sortKey, for a table that has one)"
              + " (viewer)")
  @ApiResponse(responseCode = "404", description = "No such item, or no table the caller may read")
  ItemsPage get(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Size(max = 2048) String id,
      @QueryValue @Nullable @Size(max = 2048) String sortKey,
      Authentication caller) {
    TableKey key = tables.require(tableName, caller, NamespaceRole.VIEWER);
    Map<String, Object> item =
        items.get(tableName, key, keyOf(key, id, sortKey)).orElseThrow(TableItems::itemNotFound);
    return new ItemsPage(List.of(item), 1, null);
  }

  @Put("/items/{id}")
  @Operation(summary = "Set attributes of an existing item; a null removes one (editor)")
  @ApiResponse(responseCode = "404", description = "No such item, or no table the caller may read")
  ItemsPage update(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Size(max = 2048) String id,
      @QueryValue @Nullable @Size(max = 2048) String sortKey,
      @Body @Valid ItemChange change,
      Authentication caller) {
    TableKey key = tables.require(tableName, caller, NamespaceRole.EDITOR);
    Map<String, Object> keyValues =
        new HashMap<>(TableItems.typedKey(key, keyOf(key, id, sortKey)));
    return new ItemsPage(
        List.of(items.patch(tableName, key, keyValues, change.updates())), 1, null);
  }

  @Delete("/items/{id}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete an item (editor)")
  @ApiResponse(responseCode = "404", description = "No such item, or no table the caller may read")
  void delete(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Size(max = 2048) String id,
      @QueryValue @Nullable @Size(max = 2048) String sortKey,
      Authentication caller) {
    TableKey key = tables.require(tableName, caller, NamespaceRole.EDITOR);
    items.delete(tableName, key, keyOf(key, id, sortKey));
  }

  @Post("/query")
  @Operation(
      summary = "Items of one partition, by a condition on the sort key, a page at a time (viewer)")
  @ApiResponse(responseCode = "404", description = "No table the caller may read")
  ItemsPage query(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid ItemQuery query,
      Authentication caller) {
    TableKey key = tables.require(tableName, caller, NamespaceRole.VIEWER);
    TableItems.SortCondition sort =
        query.sortKey() == null
            ? null
            : new TableItems.SortCondition(
                query.sortKey().operator(), query.sortKey().value(), query.sortKey().upTo());
    return ItemsPage.of(
        items.query(
            tableName,
            key,
            query.partitionKeyValue(),
            sort,
            query.limit() == null ? 50 : query.limit(),
            query.pageToken(),
            !Boolean.FALSE.equals(query.ascending())));
  }

  @Post("/items/loop")
  @Operation(
      summary =
          "Up to maxIterations pages of pageSize items (1,000 items at most in all) and the token"
              + " to go on from (viewer)")
  @ApiResponse(responseCode = "404", description = "No table the caller may read")
  LoopResult loop(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid ScanLoop loop,
      Authentication caller) {
    TableKey key = tables.require(tableName, caller, NamespaceRole.VIEWER);
    int pageSize = loop.pageSize() == null ? 100 : loop.pageSize();
    int maxIterations = loop.maxIterations() == null ? 10 : loop.maxIterations();
    List<Map<String, Object>> found = new ArrayList<>();
    String token = loop.pageToken();
    int iterations = 0;
    do {
      TableItems.ItemPage page =
          items.scan(tableName, key, Math.min(pageSize, 1000 - found.size()), token);
      found.addAll(page.items());
      token = page.nextPageToken();
      iterations++;
    } while (token != null && iterations < maxIterations && found.size() < 1000);
    return new LoopResult(found, found.size(), iterations, token != null, token);
  }

  @Post("/items/batch")
  @Operation(
      summary =
          "Put whole items (overwriting) and delete items by key, 500 writes at most, in"
              + " DynamoDB's batches; writes DynamoDB hands back unprocessed are sent again"
              + " (editor)")
  @ApiResponse(responseCode = "404", description = "No table the caller may read")
  @ApiResponse(
      responseCode = "503",
      description = "DynamoDB did not take every write after the retries; the detail says how many")
  BatchResult batch(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid Batch batch,
      Authentication caller) {
    TableKey key = tables.require(tableName, caller, NamespaceRole.EDITOR);
    List<Map<String, Object>> puts = batch.put() == null ? List.of() : batch.put();
    List<Map<String, Object>> deletes = batch.delete() == null ? List.of() : batch.delete();
    if (puts.size() + deletes.size() > TableItems.MAX_BATCH) {
      throw ProblemException.invalidField(
          "put", "a batch holds at most " + TableItems.MAX_BATCH + " writes");
    }
    BatchWrites.Outcome outcome = items.batch(tableName, key, puts, deletes);
    return new BatchResult(outcome.written(), outcome.resent());
  }

  private static Map<String, String> keyOf(TableKey key, String id, @Nullable String sortKey) {
    Map<String, String> given = new HashMap<>();
    given.put(key.hash(), id);
    if (key.range() != null && sortKey != null) {
      given.put(key.range(), sortKey);
    }
    return given;
  }
}
