package io.brmh.gateway.unified;

import io.brmh.gateway.namespaces.NamespaceAccess;
import io.brmh.platform.namespaces.NamespaceRole;
import io.brmh.platform.security.Roles;
import io.brmh.platform.unified.EntityKind;
import io.brmh.platform.unified.NamespaceEntity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The original's unified accounts routes: a namespace's accounts, read by its viewers and changed
 * by its editors, each change naming the version it replaces. Credentials in headers and variables
 * are sealed at rest and shown as {@value AccountSecrets#MASK}; a copy carries them only when its
 * namespace's owner asks.
 */
@Controller("/unified")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
@Secured(Roles.USER)
class AccountsController {
  private static final String ID = EntityAnswers.UUID;
  private static final String ID_MESSAGE = EntityAnswers.UUID_MESSAGE;

  private final NamespaceEntityService entities;
  private final NamespaceAccess access;

  AccountsController(NamespaceEntityService entities, NamespaceAccess access) {
    this.entities = entities;
    this.access = access;
  }

  /** The original's answer to a copy. */
  @Serdeable
  record Duplicated(boolean success, Map<String, Object> account, String accountId) {}

  @Get("/namespaces/{namespaceId}/accounts")
  @Operation(summary = "The namespace's accounts, a page at a time (viewer)")
  HttpResponse<List<Map<String, Object>>> list(
      @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
      @QueryValue @Nullable @Size(max = 2048) String pageToken,
      Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.VIEWER);
    return EntityAnswers.page(
        entities.list(EntityKind.ACCOUNT, namespaceId, limit, pageToken),
        "/unified/namespaces/" + namespaceId + "/accounts",
        limit);
  }

  @Post("/namespaces/{namespaceId}/accounts")
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Create a account in the namespace (editor)")
  HttpResponse<Map<String, Object>> create(
      @Pattern(regexp = ID, message = ID_MESSAGE) String namespaceId,
      @Body @Valid UnifiedRequests.AccountFields fields,
      Authentication caller) {
    access.requireById(caller, namespaceId, NamespaceRole.EDITOR);
    NamespaceEntity created = entities.createAccount(namespaceId, fields);
    return EntityAnswers.one(created)
        .status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/unified/accounts/" + created.id());
  }

  @Get("/accounts/{accountId}")
  @Operation(summary = "One account, with its ETag (viewer)")
  @ApiResponse(responseCode = "404", description = "No such account (problem+json)")
  HttpResponse<Map<String, Object>> get(
      @Pattern(regexp = ID, message = ID_MESSAGE) String accountId, Authentication caller) {
    NamespaceEntity entity = entities.get(EntityKind.ACCOUNT, accountId);
    access.requireById(caller, entity.namespaceId(), NamespaceRole.VIEWER);
    return EntityAnswers.one(entity);
  }

  @Put("/accounts/{accountId}")
  @Operation(summary = "Replace the version named in If-Match (editor)")
  @ApiResponse(responseCode = "404", description = "No such account (problem+json)")
  @ApiResponse(
      responseCode = "412",
      description = "The account changed since that version (problem+json)")
  @ApiResponse(responseCode = "428", description = "No If-Match (problem+json)")
  HttpResponse<Map<String, Object>> replace(
      @Pattern(regexp = ID, message = ID_MESSAGE) String accountId,
      @Header(HttpHeaders.IF_MATCH) @Nullable @Size(max = 64) String ifMatch,
      @Body @Valid @NotNull UnifiedRequests.AccountFields fields,
      Authentication caller) {
    NamespaceEntity current = entities.get(EntityKind.ACCOUNT, accountId);
    access.requireById(caller, current.namespaceId(), NamespaceRole.EDITOR);
    return EntityAnswers.one(entities.replaceAccount(current, ifMatch, fields));
  }

  @Delete("/accounts/{accountId}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a account (editor)")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No such account (problem+json)")
  void delete(@Pattern(regexp = ID, message = ID_MESSAGE) String accountId, Authentication caller) {
    NamespaceEntity current = entities.get(EntityKind.ACCOUNT, accountId);
    access.requireById(caller, current.namespaceId(), NamespaceRole.EDITOR);
    entities.delete(EntityKind.ACCOUNT, accountId);
  }

  @Post("/accounts/{accountId}/duplicate")
  @Status(HttpStatus.CREATED)
  @Operation(
      summary =
          "Copy an account under a new id (editor); includeSecrets copies its credentials too (owner)")
  @ApiResponse(responseCode = "404", description = "No such account (problem+json)")
  Duplicated duplicate(
      @Pattern(regexp = ID, message = ID_MESSAGE) String accountId,
      @Body @Valid @NotNull UnifiedRequests.Duplicate request,
      Authentication caller) {
    NamespaceEntity original = entities.get(EntityKind.ACCOUNT, accountId);
    access.requireById(caller, original.namespaceId(), NamespaceRole.EDITOR);
    boolean withSecrets = Boolean.TRUE.equals(request.includeSecrets());
    if (withSecrets) {
      access.requireById(caller, original.namespaceId(), NamespaceRole.OWNER);
    }
    NamespaceEntity copy = entities.duplicate(original, request.newName(), withSecrets);
    return new Duplicated(true, copy.view(), copy.id());
  }
}
