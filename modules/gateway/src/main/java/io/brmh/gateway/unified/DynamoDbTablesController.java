package io.brmh.gateway.unified;

import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.security.Roles;
import io.brmh.platform.unified.NamespaceTables;
import io.brmh.platform.unified.TableKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The original's {@code /dynamodb/tables}: a list of the namespace tables the caller may view, and
 * for administrators only, the table management the original gave everyone: make a table in a
 * namespace (with the key it needs), attach a table of the account to a namespace or detach it,
 * drop a table. BRMH's own tables are never listed, attached or dropped.
 */
@Controller("/dynamodb/tables")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "dynamodb")
@Secured(Roles.USER)
class DynamoDbTablesController {
  private static final String ID = EntityAnswers.UUID;
  private static final String ID_MESSAGE = EntityAnswers.UUID_MESSAGE;
  private static final String KEY_TYPE = "S|N";

  private final NamespaceTables tables;
  private final TableAccess tableAccess;
  private final TableManagement management;

  DynamoDbTablesController(
      NamespaceTables tables, TableAccess tableAccess, TableManagement management) {
    this.tables = tables;
    this.tableAccess = tableAccess;
    this.management = management;
  }

  /** A page of namespace tables. */
  @Serdeable
  record TablesPage(
      List<NamespaceTables.NamespaceTable> tables, int count, @Nullable String nextPageToken) {}

  /** A page of tables of no namespace. */
  @Serdeable
  record NamesPage(List<String> tables, @Nullable String nextPageToken) {}

  /**
   * A table to make in a namespace; its key is a text {@code id} unless given ({@code S} text,
   * {@code N} number).
   */
  @Serdeable
  record NewTable(
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @Nullable @Size(min = 1, max = 255) String partitionKey,
      @Nullable @Size(max = 1) @Pattern(regexp = KEY_TYPE, message = "must be S or N")
          String partitionKeyType,
      @Nullable @Size(min = 1, max = 255) String sortKey,
      @Nullable @Size(max = 1) @Pattern(regexp = KEY_TYPE, message = "must be S or N")
          String sortKeyType) {

    /**
     * @throws ProblemException 400 for a sort key named as the partition key, or a sort key type
     *     without a sort key
     */
    TableKey key() {
      String hash = partitionKey == null ? "id" : partitionKey;
      if (hash.equals(sortKey)) {
        throw ProblemException.invalidField("sortKey", "must differ from the partition key");
      }
      if (sortKey == null && sortKeyType != null) {
        throw ProblemException.invalidField("sortKeyType", "needs a sortKey");
      }
      return TableKey.named(hash, partitionKeyType, sortKey, sortKeyType);
    }
  }

  /** The table made, and DynamoDB's status of it. */
  @Serdeable
  record TableMade(String message, NamespaceTables.NamespaceTable table, String status) {}

  /** The namespace a table is attached to. */
  @Serdeable
  record Attachment(
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId) {}

  /** What was done. */
  @Serdeable
  record Done(String message, String tableName) {}

  /** A table dropped, and the jobs clearing the caches that copied it. */
  @Serdeable
  record Dropped(String message, String tableName, List<String> cacheClearJobs) {}

  @Get
  @Operation(
      summary =
          "The tables of a namespace the caller may view, a page at a time; administrators may"
              + " leave out namespaceId for the tables of every namespace")
  @ApiResponse(
      responseCode = "400",
      description = "No namespaceId, from a caller not an administrator")
  TablesPage list(
      @QueryValue @Nullable @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    NamespaceTables.TablePage page = tableAccess.visiblePage(caller, namespaceId, limit, pageToken);
    return new TablesPage(page.tables(), page.tables().size(), page.nextPageToken());
  }

  @Get("/unattached")
  @Secured(Roles.ADMIN)
  @Operation(
      summary =
          "Tables of the account that belong to no namespace, a page of DynamoDB's listing at a"
              + " time (administrators)")
  NamesPage unattached(
      @QueryValue(defaultValue = "100") @Min(1) @Max(100) int limit,
      @QueryValue
          @Nullable
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String pageToken) {
    NamespaceTables.TableNames page = tables.unattached(limit, pageToken);
    return new NamesPage(page.tableNames(), page.after());
  }

  @Post
  @Status(HttpStatus.CREATED)
  @Secured(Roles.ADMIN)
  @Operation(
      summary = "Make a table in a namespace, its stream on, with the key given (administrators)")
  @ApiResponse(responseCode = "403", description = "One of BRMH's tables")
  @ApiResponse(responseCode = "404", description = "No such namespace")
  @ApiResponse(responseCode = "409", description = "The table exists")
  TableMade create(@Body @Valid NewTable request, Authentication caller) {
    NamespaceTables.NamespaceTable wanted =
        new NamespaceTables.NamespaceTable(
            request.tableName(), request.namespaceId(), null, null, null, "ACTIVE");
    String status = management.create(wanted, request.key(), caller.getName());
    return new TableMade("Table created", wanted, status);
  }

  @Delete("/{tableName}")
  @Secured(Roles.ADMIN)
  @Operation(
      summary =
          "Drop a table, of a namespace (which it leaves) or of none (administrators); its items"
              + " are gone, and its caches are retired (cache.clear jobs)")
  @ApiResponse(responseCode = "403", description = "One of BRMH's tables")
  @ApiResponse(responseCode = "404", description = "No such table")
  Dropped drop(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      Authentication caller) {
    TableManagement.Dropped dropped = management.drop(tableName, caller.getName());
    return new Dropped("Table dropped", tableName, dropped.cacheClearJobs());
  }

  @Put("/{tableName}/namespace")
  @Secured(Roles.ADMIN)
  @Operation(
      summary =
          "Attach a table of no namespace to one, turning its stream on if it has none"
              + " (administrators); its namespace's members reach its items from then on")
  @ApiResponse(responseCode = "403", description = "One of BRMH's tables")
  @ApiResponse(responseCode = "404", description = "No such table or namespace")
  @ApiResponse(responseCode = "409", description = "A namespace holds the table already")
  NamespaceTables.NamespaceTable attach(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      @Body @Valid Attachment attachment,
      Authentication caller) {
    return management.attach(tableName, attachment.namespaceId(), caller.getName());
  }

  @Delete("/{tableName}/namespace")
  @Secured(Roles.ADMIN)
  @Operation(
      summary =
          "Detach a table from its namespace (administrators); the table and its items stay in"
              + " DynamoDB, reached by nobody's item routes")
  @ApiResponse(responseCode = "404", description = "No namespace holds the table")
  Done detach(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName) {
    management.detach(tableName);
    return new Done("Table detached", tableName);
  }
}
