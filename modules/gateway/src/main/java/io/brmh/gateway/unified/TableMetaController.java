package io.brmh.gateway.unified;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.security.Roles;
import io.brmh.platform.unified.NamespaceTables;
import io.brmh.platform.unified.TableKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The original's routes that always answered 500, over the namespace tables: the records of
 * namespace tables ({@code table-meta}, the original's {@code brmh-schema-table-data}; a record's
 * id is its table's name), a check of one against DynamoDB, a table's items, and a plain table in a
 * namespace ({@code table/create}).
 */
@Controller("/unified")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tables")
@Secured(Roles.USER)
class TableMetaController {
  private static final String ID = EntityAnswers.UUID;
  private static final String ID_MESSAGE = EntityAnswers.UUID_MESSAGE;

  private final NamespaceTables tables;
  private final TableAccess tableAccess;
  private final NamespaceAccess access;
  private final TableItems items;

  TableMetaController(
      NamespaceTables tables, TableAccess tableAccess, NamespaceAccess access, TableItems items) {
    this.tables = tables;
    this.tableAccess = tableAccess;
    this.access = access;
    this.items = items;
  }

  /** A table's record, with the original's field names; {@code id} is the table's name. */
  @Serdeable
  record TableMeta(
      String id,
      String tableName,
      String namespaceId,
      @Nullable String schemaId,
      @Nullable String accountId,
      @Nullable String methodName,
      String status) {
    static TableMeta of(NamespaceTables.NamespaceTable table) {
      return new TableMeta(
          table.tableName(),
          table.tableName(),
          table.namespaceId(),
          table.schemaId(),
          table.accountId(),
          table.methodName(),
          table.status());
    }
  }

  /** A page of records. */
  @Serdeable
  record MetaPage(List<TableMeta> items, int count, @Nullable String nextPageToken) {}

  /**
   * What DynamoDB says of a recorded table: {@code status} its status, or {@code TABLE_DELETED}.
   */
  @Serdeable
  record TableCheck(
      String id,
      String tableName,
      boolean exists,
      String status,
      @Nullable Long itemCount,
      boolean streamEnabled) {}

  /** A page of a table's items. */
  @Serdeable
  record ItemsPage(List<Map<String, Object>> items, int count, @Nullable String nextPageToken) {}

  /** An item to write; without its key, the key is taken as the original did. */
  @Serdeable
  record NewItem(
      @NotNull
          @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
          Map<String, Object> item) {}

  /** The item written. */
  @Serdeable
  record ItemSaved(boolean success, String itemId) {}

  /** A table to make in a namespace. */
  @Serdeable
  record PlainTable(
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId) {}

  /** The table made. */
  @Serdeable
  record TableMade(String message, String tableName, String namespaceId, String status) {}

  @Get("/schema/table-meta")
  @Operation(
      summary =
          "Records of a namespace's tables (viewer), a page at a time; administrators may leave out"
              + " namespaceId")
  MetaPage list(
      @QueryValue @Nullable @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    NamespaceTables.TablePage page = tableAccess.visiblePage(caller, namespaceId, limit, pageToken);
    List<TableMeta> metas = page.tables().stream().map(TableMeta::of).toList();
    return new MetaPage(metas, metas.size(), page.nextPageToken());
  }

  @Get("/schema/table-meta/{metaId}")
  @Operation(summary = "One table's record (viewer)")
  @ApiResponse(responseCode = "404", description = "No table of a namespace the caller may view")
  TableMeta get(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String metaId,
      Authentication caller) {
    return TableMeta.of(tableAccess.requireRecord(metaId, caller, NamespaceRole.VIEWER));
  }

  @Post("/schema/table-meta/check/{metaId}")
  @Operation(summary = "What DynamoDB says of a recorded table (viewer)")
  @ApiResponse(responseCode = "404", description = "No table of a namespace the caller may view")
  TableCheck check(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String metaId,
      Authentication caller) {
    NamespaceTables.NamespaceTable recorded =
        tableAccess.requireRecord(metaId, caller, NamespaceRole.VIEWER);
    return tables
        .state(recorded.tableName())
        .map(
            state ->
                new TableCheck(
                    metaId, metaId, true, state.status(), state.itemCount(), state.streamEnabled()))
        .orElse(new TableCheck(metaId, metaId, false, "TABLE_DELETED", null, false));
  }

  @Get("/schema/table/{tableName}/items")
  @Operation(summary = "A page of a namespace table's items (viewer)")
  @ApiResponse(responseCode = "404", description = "No table of a namespace the caller may view")
  ItemsPage items(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @QueryValue(defaultValue = "50") @Min(1) @Max(1000) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    TableKey key = tableAccess.require(tableName, caller, NamespaceRole.VIEWER);
    TableItems.ItemPage page = items.scan(tableName, key, limit, pageToken);
    return new ItemsPage(page.items(), page.items().size(), page.nextPageToken());
  }

  @Post("/schema/table/{tableName}/items")
  @Operation(
      summary =
          "Write an item, replacing one with its key (editor); without its key, the key is the"
              + " first attribute whose name holds \"id\", or a new UUID")
  @ApiResponse(responseCode = "404", description = "No table of a namespace the caller may view")
  ItemSaved save(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid NewItem request,
      Authentication caller) {
    TableKey key = tableAccess.require(tableName, caller, NamespaceRole.EDITOR);
    Map<String, Object> item = withKey(request.item(), key);
    items.create(tableName, key, item, true);
    return new ItemSaved(true, String.valueOf(item.get(key.hash())));
  }

  @Post("/table/create")
  @Status(HttpStatus.CREATED)
  @Operation(
      summary =
          "Make a table in a namespace, keyed by a text id, its stream on (editor); the original"
              + " had no handler")
  @ApiResponse(responseCode = "403", description = "Not an editor, or one of BRMH's tables")
  @ApiResponse(responseCode = "409", description = "The table exists")
  TableMade create(@Body @Valid PlainTable request, Authentication caller) {
    access.requireById(caller, request.namespaceId(), NamespaceRole.EDITOR);
    String status =
        tables.createNew(
            new NamespaceTables.NamespaceTable(
                request.tableName(), request.namespaceId(), null, null, null, "ACTIVE"),
            TableKey.ID,
            caller.getName());
    return new TableMade("Table created", request.tableName(), request.namespaceId(), status);
  }

  /**
   * The item with its partition key: as given, else (a text key only) the first attribute whose
   * name holds {@code id} with a text or number value, else a new UUID, as the original did.
   */
  private static Map<String, Object> withKey(Map<String, Object> item, TableKey key) {
    if (item.get(key.hash()) != null || !key.hasTextHash()) {
      return item;
    }
    Map<String, Object> keyed = new LinkedHashMap<>(item);
    String id =
        item.entrySet().stream()
            .filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("id"))
            .filter(e -> e.getValue() instanceof String || e.getValue() instanceof Number)
            .map(e -> e.getValue().toString())
            .filter(text -> !text.isEmpty())
            .findFirst()
            .orElseGet(() -> UUID.randomUUID().toString());
    keyed.put(key.hash(), id);
    return keyed;
  }
}
