package io.brmh.gateway.unified;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.gateway.schemas.SchemaService;
import io.brmh.platform.cache.CacheNames;
import io.brmh.platform.namespaces.Namespace;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.namespaces.NamespaceStore;
import io.brmh.platform.problem.ProblemException;
import io.brmh.platform.schemas.NamespaceSchema;
import io.brmh.platform.security.Roles;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.brmh.platform.unified.NamespaceTables;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The original's routes for a method's data table: make it (streams on, recorded as the
 * namespace's, linked to the account), ask whether one exists, count its items. Only tables that
 * belong to a namespace the caller may view are ever named in an answer.
 */
@Controller("/unified")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tables")
@Secured(Roles.USER)
class NamespaceTablesController {
  private static final String ID = EntityAnswers.UUID;
  private static final String ID_MESSAGE = EntityAnswers.UUID_MESSAGE;

  private final NamespaceTables tables;
  private final SchemaService schemas;
  private final NamespaceEntityService entities;
  private final NamespaceStore namespaces;
  private final TableAccess tableAccess;
  private final NamespaceAccess access;

  NamespaceTablesController(
      NamespaceTables tables,
      SchemaService schemas,
      NamespaceEntityService entities,
      NamespaceStore namespaces,
      TableAccess tableAccess,
      NamespaceAccess access) {
    this.tables = tables;
    this.schemas = schemas;
    this.entities = entities;
    this.namespaces = namespaces;
    this.tableAccess = tableAccess;
    this.access = access;
  }

  /** A method's table to make; left out, its name is the original's. */
  @Serdeable
  record TableRequest(
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String schemaId,
      @NotBlank @Size(max = 36) @Pattern(regexp = ID, message = ID_MESSAGE) String accountId,
      @NotBlank @Size(max = 256) String methodName,
      @Nullable
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName) {}

  /** The original's answer to a table made, with DynamoDB's status of it. */
  @Serdeable
  record TableMade(
      String message,
      String tableName,
      String schemaId,
      String accountId,
      String methodName,
      String status) {}

  /** A table to look for. */
  @Serdeable
  record TableName(
      @NotBlank
          @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName) {}

  /** Whether the table exists as a namespace's the caller may view. */
  @Serdeable
  record TableExists(boolean exists, String tableName) {}

  /** DynamoDB's item count, which it updates about every six hours. */
  @Serdeable
  record TableCount(String tableName, long count, boolean approximate) {}

  @Post("/schema/table")
  @Operation(
      summary =
          "Make a method's DynamoDB table (streams on) in the schema's namespace and link it to the"
              + " account (editor)")
  @ApiResponse(responseCode = "403", description = "Not an editor, or one of BRMH's tables")
  @ApiResponse(
      responseCode = "409",
      description = "Another namespace holds the name, or the table exists outside every namespace")
  TableMade create(@Body @Valid TableRequest request, Authentication caller) {
    NamespaceSchema schema = schemas.get(request.schemaId());
    access.requireById(caller, schema.namespaceId(), NamespaceRole.EDITOR);
    NamespaceEntity account = entities.get(EntityKind.ACCOUNT, request.accountId());
    if (!account.namespaceId().equals(schema.namespaceId())) {
      throw ProblemException.invalidField(
          "accountId", "must be an account of the schema's namespace");
    }
    Namespace namespace =
        namespaces.find(schema.namespaceId()).orElseThrow(() -> notFound(schema.namespaceId()));
    String name =
        request.tableName() != null
            ? request.tableName()
            : NamespaceTables.defaultName(
                namespace.name(),
                String.valueOf(account.data().get(EntityKind.ACCOUNT.nameField())),
                request.methodName());
    String status =
        tables.create(
            new NamespaceTables.NamespaceTable(
                name, namespace.id(), schema.id(), account.id(), request.methodName(), "ACTIVE"),
            caller.getName());
    entities.linkTable(account, request.methodName(), name);
    return new TableMade(
        "Table created", name, schema.id(), account.id(), request.methodName(), status);
  }

  @Post("/validate-table")
  @Operation(summary = "Whether the table exists and belongs to a namespace the caller may view")
  TableExists validate(@Body @Valid TableName request, Authentication caller) {
    boolean exists =
        tables
                .find(request.tableName())
                .filter(table -> tableAccess.mayView(caller, table.namespaceId()))
                .isPresent()
            && tables.exists(request.tableName());
    return new TableExists(exists, request.tableName());
  }

  @Get("/table/{tableName}/count")
  @Operation(summary = "The item count of a namespace's table (viewer), as DynamoDB reports it")
  @ApiResponse(
      responseCode = "404",
      description = "No table of that name belongs to a namespace the caller may view")
  TableCount count(
      @Size(max = CacheNames.TABLE_MAX_LENGTH)
          @Pattern(regexp = CacheNames.TABLE_REGEX, message = CacheNames.TABLE_MESSAGE)
          String tableName,
      Authentication caller) {
    // A table of a namespace the caller may not view reads as no table at all.
    tables
        .find(tableName)
        .filter(table -> tableAccess.mayView(caller, table.namespaceId()))
        .orElseThrow(() -> tableNotFound(tableName));
    long count = tables.itemCount(tableName).orElseThrow(() -> tableNotFound(tableName));
    return new TableCount(tableName, count, true);
  }

  private static ProblemException notFound(String namespaceId) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "namespace-not-found", "There is no namespace " + namespaceId + ".");
  }

  private static ProblemException tableNotFound(String tableName) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "table-not-found",
        "No table " + tableName + " belongs to a namespace.");
  }
}
